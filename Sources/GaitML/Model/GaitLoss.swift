import Foundation

/// The labels of a batch of windows.
public struct GaitTargets: Sendable {
    /// Phase class per frame, `[B · T]` in batch-major order; −1 marks an unlabelled frame (ignored).
    public var phases: [Int]
    /// Form score in points (0-10) per window, `[B]`; NaN marks an unrated window (ignored).
    public var formScores: [Float]
    /// How surely each issue is present, 0-1 (1 or 0 for a plain flag; a probability where the
    /// label has one), `[B · 3]` in `IssueKind.classIndex` order; NaN marks an unknown flag
    /// (ignored).
    public var issues: [Float]

    public init(phases: [Int], formScores: [Float], issues: [Float]) {
        self.phases = phases
        self.formScores = formScores
        self.issues = issues
    }
}

/// The multi-task loss and its gradient with respect to GaitNet's outputs:
///
///     L = w_phase · CE(phase logits, phases)          (mean over labelled frames)
///       + w_score · mean_b (score_b − target_b)²      (score in points; mean over rated windows)
///       + w_issue · mean BCE(issue logits, issues)    (mean over the known flags of B · 3)
///       + w_conf  · mean_b BCE(confidence logit_b, a_b)
///
/// where a_b, the confidence target, is the fraction of window b's labelled frames whose most
/// likely phase is right (no gradient flows through it): the confidence head learns how often the
/// model's phases are right for windows like this one, which is what its calibration (ECE) measures.
public struct GaitLoss: Codable, Equatable, Sendable {
    public var phaseWeight: Float
    public var scoreWeight: Float
    public var issueWeight: Float
    public var confidenceWeight: Float

    /// Weights 1, 0.2, 0.5, 0.1: the phase loss (≈1.4 at chance) leads; a 1-point score error
    /// costs 0.2, comparable to a mildly wrong phase; issues and confidence are auxiliary.
    public init(phaseWeight: Float = 1, scoreWeight: Float = 0.2, issueWeight: Float = 0.5, confidenceWeight: Float = 0.1) {
        self.phaseWeight = phaseWeight
        self.scoreWeight = scoreWeight
        self.issueWeight = issueWeight
        self.confidenceWeight = confidenceWeight
    }

    /// Each term of the loss (unweighted) and the weighted total.
    public struct Value: Sendable, Equatable {
        public var total: Float
        public var phase: Float
        public var score: Float
        public var issue: Float
        public var confidence: Float
        /// The issue term split by issue: mean BCE over the known flags of each `IssueKind`
        /// (`classIndex` order); NaN where the batch has no known flag of that issue.
        public var issueByKind: [Float]
    }

    /// The loss of `output` against `targets`, and dL/d(outputs).
    public func evaluate(_ output: GaitNetOutput, targets: GaitTargets) -> (value: Value, gradient: GaitNetOutputGradient) {
        let (batch, steps, classes) = (output.phaseLogits.shape[0], output.phaseLogits.shape[1], output.phaseLogits.shape[2])
        precondition(targets.phases.count == batch * steps && targets.formScores.count == batch
                     && targets.issues.count == batch * GaitNetConfiguration.issueCount, "targets do not match the output's batch")
        var phaseGradient = [Float](repeating: 0, count: batch * steps * classes)
        var phaseLoss: Double = 0
        let labelled = max(1, targets.phases.filter { $0 >= 0 }.count)
        var correctPerWindow = [Int](repeating: 0, count: batch), labelledPerWindow = [Int](repeating: 0, count: batch)
        output.phaseLogits.withUnsafePointer { logits in
            for frame in 0..<batch * steps where targets.phases[frame] >= 0 {
                let row = logits + frame * classes
                let probabilities = Self.softmax(UnsafeBufferPointer(start: row, count: classes))
                let label = targets.phases[frame]
                phaseLoss -= log(max(Double(probabilities[label]), 1e-30))
                for k in 0..<classes {
                    phaseGradient[frame * classes + k] = phaseWeight * (probabilities[k] - (k == label ? 1 : 0)) / Float(labelled)
                }
                let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
                labelledPerWindow[frame / steps] += 1
                if predicted == label { correctPerWindow[frame / steps] += 1 }
            }
        }
        var scoreLoss: Double = 0, issueLoss: Double = 0, confidenceLoss: Double = 0
        var scoreGradient = [Float](repeating: 0, count: batch)
        var confidenceGradient = [Float](repeating: 0, count: batch)
        var issueGradient = [Float](repeating: 0, count: targets.issues.count)
        let rated = max(1, targets.formScores.filter { !$0.isNaN }.count)
        for b in 0..<batch {
            if !targets.formScores[b].isNaN {
                let error = output.formScore.scalars[b] - targets.formScores[b]
                scoreLoss += Double(error * error)
                scoreGradient[b] = scoreWeight * 2 * error / Float(rated)
            }
            let accuracy = labelledPerWindow[b] == 0 ? 1 : Float(correctPerWindow[b]) / Float(labelledPerWindow[b])
            let logit = output.confidenceLogit.scalars[b]
            confidenceLoss += Double(Self.binaryCrossEntropy(logit: logit, target: accuracy))
            confidenceGradient[b] = confidenceWeight * (sigmoid(logit) - accuracy) / Float(batch)
        }
        let known = max(1, targets.issues.filter { !$0.isNaN }.count)
        var issueLossByKind = [Double](repeating: 0, count: GaitNetConfiguration.issueCount)
        var knownByKind = [Int](repeating: 0, count: GaitNetConfiguration.issueCount)
        for index in targets.issues.indices where !targets.issues[index].isNaN {
            let logit = output.issueLogits.scalars[index]
            let entropy = Double(Self.binaryCrossEntropy(logit: logit, target: targets.issues[index]))
            issueLoss += entropy
            issueLossByKind[index % GaitNetConfiguration.issueCount] += entropy
            knownByKind[index % GaitNetConfiguration.issueCount] += 1
            issueGradient[index] = issueWeight * (sigmoid(logit) - targets.issues[index]) / Float(known)
        }
        let issueByKind = zip(issueLossByKind, knownByKind).map { $1 == 0 ? Float.nan : Float($0 / Double($1)) }
        let terms = (phase: Float(phaseLoss / Double(labelled)), score: Float(scoreLoss / Double(rated)),
                     issue: Float(issueLoss / Double(known)), confidence: Float(confidenceLoss / Double(batch)))
        let total = phaseWeight * terms.phase + scoreWeight * terms.score + issueWeight * terms.issue + confidenceWeight * terms.confidence
        let gradient = GaitNetOutputGradient(
            phaseLogits: Tensor(shape: output.phaseLogits.shape, scalars: phaseGradient),
            formScore: Tensor(shape: [batch], scalars: scoreGradient),
            issueLogits: Tensor(shape: output.issueLogits.shape, scalars: issueGradient),
            confidenceLogit: Tensor(shape: [batch], scalars: confidenceGradient))
        return (Value(total: total, phase: terms.phase, score: terms.score, issue: terms.issue, confidence: terms.confidence,
                      issueByKind: issueByKind), gradient)
    }

    /// Softmax of a few logits (max-subtracted).
    static func softmax(_ logits: UnsafeBufferPointer<Float>) -> [Float] {
        let maximum = logits.max() ?? 0
        let exponentials = logits.map { expf($0 - maximum) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }

    /// −[y log σ(z) + (1 − y) log(1 − σ(z))], computed stably as max(z, 0) − z·y + log(1 + e^−|z|).
    static func binaryCrossEntropy(logit z: Float, target y: Float) -> Float {
        max(z, 0) - z * y + log1pf(expf(-abs(z)))
    }
}
