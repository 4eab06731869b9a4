import Foundation

/// How much a quantized model's predictions differ from the float32 model's on the same labelled
/// windows: phase argmax agreement, phase accuracy and form-score MAE of each against the labels.
public struct QuantizationComparison: Sendable, Codable, Equatable {
    public var windowCount: Int
    /// Fraction of all frames whose most likely phase is the same for both models.
    public var phaseAgreement: Double
    /// Phase accuracy of each model against the labelled frames.
    public var phaseAccuracyFloat32: Double
    public var phaseAccuracyQuantized: Double
    /// Form-score mean absolute error (points) of each model against the rated windows.
    public var formScoreMAEFloat32: Double
    public var formScoreMAEQuantized: Double
    /// Largest |score_quantized − score_float32| over the windows, points.
    public var maxFormScoreDifference: Double
    /// Mean |σ(confidence logit) difference|, probability.
    public var meanConfidenceDifference: Double

    /// Compares `quantized` with `float32` on windows whose labels are `targets`.
    public init(float32: GaitNetOutput, quantized: GaitNetOutput, targets: GaitTargets) {
        let classes = GaitNetConfiguration.phaseClassCount
        let frames = float32.phaseLogits.count / classes
        precondition(quantized.phaseLogits.count == frames * classes && targets.phases.count == frames, "outputs and targets disagree in size")
        func argmax(_ logits: [Float], _ frame: Int) -> Int {
            (0..<classes).max { logits[frame * classes + $0] < logits[frame * classes + $1] }!
        }
        var agree = 0, labelled = 0, rightFloat = 0, rightQuantized = 0
        for frame in 0..<frames {
            let (a, b) = (argmax(float32.phaseLogits.scalars, frame), argmax(quantized.phaseLogits.scalars, frame))
            if a == b { agree += 1 }
            let label = targets.phases[frame]
            guard label >= 0 else { continue }
            labelled += 1
            if a == label { rightFloat += 1 }
            if b == label { rightQuantized += 1 }
        }
        windowCount = float32.formScore.count
        phaseAgreement = Double(agree) / Double(max(frames, 1))
        phaseAccuracyFloat32 = Double(rightFloat) / Double(max(labelled, 1))
        phaseAccuracyQuantized = Double(rightQuantized) / Double(max(labelled, 1))
        var errorFloat = 0.0, errorQuantized = 0.0, rated = 0
        maxFormScoreDifference = 0
        for window in 0..<windowCount {
            let (a, b) = (Double(float32.formScore.scalars[window]), Double(quantized.formScore.scalars[window]))
            maxFormScoreDifference = max(maxFormScoreDifference, abs(a - b))
            let target = Double(targets.formScores[window])
            guard target.isFinite else { continue }
            rated += 1
            errorFloat += abs(a - target)
            errorQuantized += abs(b - target)
        }
        formScoreMAEFloat32 = errorFloat / Double(max(rated, 1))
        formScoreMAEQuantized = errorQuantized / Double(max(rated, 1))
        let (confidenceA, confidenceB) = (float32.confidence.scalars, quantized.confidence.scalars)
        meanConfidenceDifference = zip(confidenceA, confidenceB).reduce(0) { $0 + Double(abs($1.0 - $1.1)) } / Double(max(windowCount, 1))
    }

    /// MAE(quantized) − MAE(float32), points: positive when quantization made the score worse.
    public var formScoreMAEChange: Double { formScoreMAEQuantized - formScoreMAEFloat32 }

    /// A few lines for a person.
    public var summary: String {
        func percent(_ value: Double) -> String { String(format: "%.2f %%", 100 * value) }
        return """
            validation: \(windowCount) windows
              phase argmax agreement with float32: \(percent(phaseAgreement))
              phase accuracy: float32 \(percent(phaseAccuracyFloat32)), quantized \(percent(phaseAccuracyQuantized)) \
            (change \(String(format: "%+.2f", 100 * (phaseAccuracyQuantized - phaseAccuracyFloat32))) points)
              form-score MAE: float32 \(String(format: "%.3f", formScoreMAEFloat32)), quantized \(String(format: "%.3f", formScoreMAEQuantized)) \
            (change \(String(format: "%+.3f", formScoreMAEChange)) points; largest score difference \(String(format: "%.3f", maxFormScoreDifference)))
              mean confidence difference: \(String(format: "%.4f", meanConfidenceDifference))
            """
    }
}
