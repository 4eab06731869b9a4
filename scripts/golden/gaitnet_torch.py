"""GaitNet in PyTorch: the reference the Swift model (Sources/GaitML) is checked and timed against.

Same architecture, same parameter names (the state_dict keys are the Swift checkpoint tensor names),
same loss. Used by scripts/golden/make_golden.py and scripts/bench/reference.py; torch is needed only
to run those, never by the Swift build or its tests.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

PHASE_CLASSES = 4
ISSUES = 3
SCORE_SCALE = 10.0
LOSS_WEIGHTS = {"phase": 1.0, "score": 0.2, "issue": 0.5, "confidence": 0.1}


class GaitNet(nn.Module):
    """BiLSTM -> self-attention (+ residual) -> per-frame phase head; time-mean -> score/issue/confidence."""

    def __init__(self, input_size=132, hidden_size=256, layers=3, dropout=0.3, heads=8):
        super().__init__()
        width = 2 * hidden_size
        self.lstm = nn.LSTM(input_size, hidden_size, layers, dropout=dropout, bidirectional=True)
        self.attention = nn.MultiheadAttention(width, heads)
        self.phase_head = nn.Linear(width, PHASE_CLASSES)
        self.score_head = nn.Linear(width, 1)
        self.issue_head = nn.Linear(width, ISSUES)
        self.confidence_head = nn.Linear(width, 1)

    def forward(self, x):
        """x: [B, T, F] -> phase logits [B, T, 4], score [B] (0-10), issue logits [B, 3], confidence logit [B]."""
        h, _ = self.lstm(x.transpose(0, 1))
        attended, _ = self.attention(h, h, h, need_weights=False)
        a = h + attended
        phase = self.phase_head(a).transpose(0, 1)
        pooled = a.mean(0)
        score = SCORE_SCALE * torch.sigmoid(self.score_head(pooled)).squeeze(-1)
        return phase, score, self.issue_head(pooled), self.confidence_head(pooled).squeeze(-1)


def gait_loss(outputs, phases, scores, issues):
    """The multi-task loss of Sources/GaitML/Model/GaitLoss.swift; returns (total, terms)."""
    phase, score, issue_logits, confidence_logit = outputs
    flat = phase.reshape(-1, PHASE_CLASSES)
    labels = phases.reshape(-1)
    phase_loss = F.cross_entropy(flat, labels, ignore_index=-1)
    with torch.no_grad():
        labelled = (phases >= 0).float()
        correct = (phase.argmax(-1) == phases).float() * labelled
        accuracy = torch.where(labelled.sum(1) > 0, correct.sum(1) / labelled.sum(1).clamp(min=1), torch.ones(phase.shape[0]))
    score_loss = ((score - scores) ** 2).mean()
    issue_loss = F.binary_cross_entropy_with_logits(issue_logits, issues)
    confidence_loss = F.binary_cross_entropy_with_logits(confidence_logit, accuracy)
    terms = {"phase": phase_loss, "score": score_loss, "issue": issue_loss, "confidence": confidence_loss}
    total = sum(LOSS_WEIGHTS[k] * v for k, v in terms.items())
    return total, terms


def formula_fill(model):
    """Deterministic weights both sides compute without a file: parameter number j (state_dict order)
    with last dimension n gets value[i] = a_j * sin(0.7548776662 * i + 1.3 * j + 0.1) in float64, then
    rounded to float32, with a_j = 0.5 / sqrt(n) for matrices and 0.05 for vectors."""
    with torch.no_grad():
        for j, (_, p) in enumerate(model.state_dict().items()):
            i = torch.arange(p.numel(), dtype=torch.float64)
            amplitude = 0.5 / math.sqrt(p.shape[-1]) if p.dim() == 2 else 0.05
            p.copy_((amplitude * torch.sin(0.7548776662 * i + 1.3 * j + 0.1)).reshape(p.shape).float())


def formula_input(batch, frames, features):
    """x[b, t, f] = 0.9 * sin(0.37 * k + 0.5) with k the row-major index, float64 then float32."""
    k = torch.arange(batch * frames * features, dtype=torch.float64)
    return (0.9 * torch.sin(0.37 * k + 0.5)).reshape(batch, frames, features).float()


def formula_targets(batch, frames):
    """Phase of frame t in window b: (t // 4 + b) % 4, the last frame of the last window unlabelled (-1);
    scores 6.5, 3.0, ...; issue flags alternating."""
    phases = torch.tensor([[(t // 4 + b) % 4 for t in range(frames)] for b in range(batch)])
    phases[batch - 1, frames - 1] = -1
    scores = torch.tensor([6.5 if b % 2 == 0 else 3.0 for b in range(batch)])
    issues = torch.tensor([[float((b + k) % 2 == 0) for k in range(ISSUES)] for b in range(batch)])
    return phases, scores, issues
