/// What GaitNet predicts for a batch of windows.
public struct GaitNetOutput: Sendable {
    public init(phaseLogits: Tensor, formScore: Tensor, issueLogits: Tensor, confidenceLogit: Tensor) {
        self.phaseLogits = phaseLogits
        self.formScore = formScore
        self.issueLogits = issueLogits
        self.confidenceLogit = confidenceLogit
    }

    /// Per-frame phase logits `[B, T, 4]` (contact, midStance, toeOff, swing).
    public var phaseLogits: Tensor
    /// Form score in points, 0-10, `[B]`.
    public var formScore: Tensor
    /// Issue logits `[B, 3]` (overstriding, verticalBounce, asymmetry); σ gives probabilities.
    public var issueLogits: Tensor
    /// Logit of the model's confidence that its phases for the window are right, `[B]`.
    public var confidenceLogit: Tensor

    /// The confidence as a probability, σ(confidenceLogit), `[B]`.
    public var confidence: Tensor {
        Tensor(shape: confidenceLogit.shape, scalars: confidenceLogit.scalars.map(sigmoid))
    }
}

/// Derivatives of a loss with respect to each output of GaitNet, same shapes as `GaitNetOutput`.
public struct GaitNetOutputGradient: Sendable {
    public var phaseLogits: Tensor
    /// dL/d(form score in points).
    public var formScore: Tensor
    public var issueLogits: Tensor
    public var confidenceLogit: Tensor

    public init(phaseLogits: Tensor, formScore: Tensor, issueLogits: Tensor, confidenceLogit: Tensor) {
        self.phaseLogits = phaseLogits
        self.formScore = formScore
        self.issueLogits = issueLogits
        self.confidenceLogit = confidenceLogit
    }
}
