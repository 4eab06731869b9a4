import Foundation

/// How much a candidate model's predictions (int8, or the exported ONNX model) differ from a
/// reference's (the Swift float32 model) on the same labelled windows: phase argmax agreement, and
/// phase accuracy and form-score MAE of each against the labels.
public struct PredictionComparison: Sendable, Codable, Equatable {
    public var windowCount: Int
    /// Fraction of all frames whose most likely phase is the same for both models.
    public var phaseAgreement: Double
    /// Phase accuracy of each model against the labelled frames.
    public var phaseAccuracyReference: Double
    public var phaseAccuracyCandidate: Double
    /// Form-score mean absolute error (points) of each model against the rated windows.
    public var formScoreMAEReference: Double
    public var formScoreMAECandidate: Double
    /// Largest |score_candidate − score_reference| over the windows, points.
    public var maxFormScoreDifference: Double
    /// Mean |σ(confidence logit) difference|, probability.
    public var meanConfidenceDifference: Double

    /// Compares `candidate` with `reference` on windows whose labels are `targets`.
    public init(reference: GaitNetOutput, candidate: GaitNetOutput, targets: GaitTargets) {
        let classes = GaitNetConfiguration.phaseClassCount
        let frames = reference.phaseLogits.count / classes
        precondition(candidate.phaseLogits.count == frames * classes && targets.phases.count == frames, "outputs and targets disagree in size")
        func argmax(_ logits: [Float], _ frame: Int) -> Int {
            (0..<classes).max { logits[frame * classes + $0] < logits[frame * classes + $1] }!
        }
        var agree = 0, labelled = 0, rightFloat = 0, rightQuantized = 0
        for frame in 0..<frames {
            let (a, b) = (argmax(reference.phaseLogits.scalars, frame), argmax(candidate.phaseLogits.scalars, frame))
            if a == b { agree += 1 }
            let label = targets.phases[frame]
            guard label >= 0 else { continue }
            labelled += 1
            if a == label { rightFloat += 1 }
            if b == label { rightQuantized += 1 }
        }
        windowCount = reference.formScore.count
        phaseAgreement = Double(agree) / Double(max(frames, 1))
        phaseAccuracyReference = Double(rightFloat) / Double(max(labelled, 1))
        phaseAccuracyCandidate = Double(rightQuantized) / Double(max(labelled, 1))
        var errorFloat = 0.0, errorQuantized = 0.0, rated = 0
        maxFormScoreDifference = 0
        for window in 0..<windowCount {
            let (a, b) = (Double(reference.formScore.scalars[window]), Double(candidate.formScore.scalars[window]))
            maxFormScoreDifference = max(maxFormScoreDifference, abs(a - b))
            let target = Double(targets.formScores[window])
            guard target.isFinite else { continue }
            rated += 1
            errorFloat += abs(a - target)
            errorQuantized += abs(b - target)
        }
        formScoreMAEReference = errorFloat / Double(max(rated, 1))
        formScoreMAECandidate = errorQuantized / Double(max(rated, 1))
        let (confidenceA, confidenceB) = (reference.confidence.scalars, candidate.confidence.scalars)
        meanConfidenceDifference = zip(confidenceA, confidenceB).reduce(0) { $0 + Double(abs($1.0 - $1.1)) } / Double(max(windowCount, 1))
    }

    /// MAE(candidate) − MAE(reference), points: positive when the candidate's score is worse.
    public var formScoreMAEChange: Double { formScoreMAECandidate - formScoreMAEReference }

    /// A few lines for a person, naming the two models.
    public func summary(reference referenceName: String, candidate candidateName: String) -> String {
        func percent(_ value: Double) -> String { String(format: "%.2f %%", 100 * value) }
        return """
            validation: \(windowCount) windows
              phase argmax agreement of \(candidateName) with \(referenceName): \(percent(phaseAgreement))
              phase accuracy: \(referenceName) \(percent(phaseAccuracyReference)), \(candidateName) \(percent(phaseAccuracyCandidate)) \
            (change \(String(format: "%+.2f", 100 * (phaseAccuracyCandidate - phaseAccuracyReference))) points)
              form-score MAE: \(referenceName) \(String(format: "%.3f", formScoreMAEReference)), \(candidateName) \(String(format: "%.3f", formScoreMAECandidate)) \
            (change \(String(format: "%+.3f", formScoreMAEChange)) points; largest score difference \(String(format: "%.3f", maxFormScoreDifference)))
              mean confidence difference: \(String(format: "%.4f", meanConfidenceDifference))
            """
    }
}
