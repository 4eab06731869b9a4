import Foundation
import GaitCore

/// Everything the model predicted for a dataset, kept raw so metrics and temperatures can be
/// computed from it.
public struct Predictions: Sendable {
    /// `[frames × 4]` phase logits, with the true labels (−1 unknown).
    public var phaseLogits: [Float] = []
    public var phaseLabels: [Int] = []
    /// Per window.
    public var formScores: [Double] = []
    public var formScoreTargets: [Double] = []
    /// `[windows × 3]`.
    public var issueLogits: [Float] = []
    public var issueTargets: [Bool] = []
    public var confidenceLogits: [Float] = []
    /// Per window: the fraction of labelled frames whose most likely phase is right.
    public var windowAccuracies: [Double] = []
    /// Mean multi-task loss over the batches.
    public var loss: Double = 0
    /// Each head's mean loss term over the batches.
    public var lossTerms: LossTerms

    /// Runs `model` (inference, no augmentation) over every window of `dataset`.
    public init(model: GaitNet, dataset: WindowDataset, batchSize: Int = 64, loss objective: GaitLoss = GaitLoss()) {
        var generator = SeededGenerator(seed: 0)
        var losses: [GaitLoss.Value] = []
        for start in stride(from: 0, to: dataset.windows.count, by: batchSize) {
            let indices = start..<min(start + batchSize, dataset.windows.count)
            let (input, targets) = dataset.batch(indices, using: &generator)
            let output = model(input)
            losses.append(objective.evaluate(output, targets: targets).value)
            let (steps, classes) = (output.phaseLogits.shape[1], output.phaseLogits.shape[2])
            phaseLogits += output.phaseLogits.scalars
            phaseLabels += targets.phases
            formScores += output.formScore.scalars.map(Double.init)
            formScoreTargets += targets.formScores.map(Double.init)
            issueLogits += output.issueLogits.scalars
            issueTargets += targets.issues.map { $0 >= 0.5 }
            confidenceLogits += output.confidenceLogit.scalars
            for b in 0..<indices.count {
                var (right, labelled) = (0, 0)
                for t in 0..<steps {
                    let row = b * steps + t
                    let label = targets.phases[row]
                    guard label >= 0 else { continue }
                    labelled += 1
                    let logits = output.phaseLogits.scalars[row * classes..<(row + 1) * classes]
                    if logits.indices.max(by: { logits[$0] < logits[$1] })! - row * classes == label { right += 1 }
                }
                windowAccuracies.append(labelled == 0 ? 1 : Double(right) / Double(labelled))
            }
        }
        loss = losses.meanTotal
        lossTerms = LossTerms(meanOf: losses)
    }
}

/// The evaluation of a model on a dataset: phases, score, issues, calibration.
public struct EvaluationReport: Codable, Sendable {
    public var windows: Int
    public var labelledFrames: Int
    public var loss: Double
    public var phases: ClassificationMetrics
    public var formScore: RegressionMetrics
    public var issues: [String: BinaryMetrics]
    /// Temperatures applied (1 = none): phase logits and confidence logit are divided by them.
    public var phaseTemperature: Double
    public var confidenceTemperature: Double
    /// Calibration of the top phase probability against "the frame's phase is right".
    public var phaseCalibration: Calibration
    /// Calibration of the confidence head against each window's phase accuracy.
    public var confidenceCalibration: Calibration

    public init(_ predictions: Predictions, phaseTemperature: Double = 1, confidenceTemperature: Double = 1) {
        let classes = GaitNetConfiguration.phaseClassCount
        let labels = predictions.phaseLabels
        var predicted: [Int] = [], topProbabilities: [Double] = [], right: [Double] = []
        for row in labels.indices {
            let logits = (0..<classes).map { Double(predictions.phaseLogits[row * classes + $0]) / phaseTemperature }
            let maximum = logits.max()!
            let sum = logits.reduce(0) { $0 + exp($1 - maximum) }
            let best = logits.indices.max { logits[$0] < logits[$1] }!
            predicted.append(best)
            if labels[row] >= 0 {
                topProbabilities.append(1 / sum)
                right.append(best == labels[row] ? 1 : 0)
            }
        }
        windows = predictions.formScores.count
        labelledFrames = right.count
        loss = predictions.loss
        phases = ClassificationMetrics(truth: labels, predicted: predicted, classNames: GaitPhase.allCases.map(\.rawValue))
        formScore = RegressionMetrics(truth: predictions.formScoreTargets, predicted: predictions.formScores)
        var issues: [String: BinaryMetrics] = [:]
        let kinds = IssueKind.allCases
        for kind in kinds {
            let column = stride(from: kind.classIndex, to: predictions.issueLogits.count, by: kinds.count)
            issues[kind.rawValue] = BinaryMetrics(truth: column.map { predictions.issueTargets[$0] },
                                                  probabilities: column.map { Double(sigmoid(predictions.issueLogits[$0])) })
        }
        self.issues = issues
        self.phaseTemperature = phaseTemperature
        self.confidenceTemperature = confidenceTemperature
        phaseCalibration = Calibration(confidences: topProbabilities, outcomes: right)
        confidenceCalibration = Calibration(
            confidences: predictions.confidenceLogits.map { 1 / (1 + exp(-Double($0) / confidenceTemperature)) },
            outcomes: predictions.windowAccuracies)
    }

    /// Temperatures fitted on `validation` predictions (phase: cross-entropy; confidence: binary
    /// cross-entropy against window accuracy).
    public static func fitTemperatures(on validation: Predictions) -> (phase: Double, confidence: Double) {
        let phase = TemperatureScaling.fit {
            TemperatureScaling.phaseNLL(logits: validation.phaseLogits, labels: validation.phaseLabels,
                                        classes: GaitNetConfiguration.phaseClassCount, temperature: $0)
        }
        let confidence = TemperatureScaling.fit {
            TemperatureScaling.binaryNLL(logits: validation.confidenceLogits, outcomes: validation.windowAccuracies, temperature: $0)
        }
        return (phase, confidence)
    }

    /// A few lines for a terminal.
    public var summary: String {
        var lines = [String(format: "phase accuracy %.2f%% over %d frames; F1 %@", 100 * phases.accuracy, labelledFrames,
                            zip(phases.classNames, phases.f1).map { "\($0) \(String(format: "%.3f", $1))" }.joined(separator: ", "))]
        if formScore.count == 0 {
            lines.append("form score: no rated windows in the data")
        } else {
            lines.append(String(format: "form score MAE %.3f, RMSE %.3f, r %.3f (%d windows)", formScore.meanAbsoluteError,
                                formScore.rootMeanSquaredError, formScore.pearsonR, formScore.count))
        }
        for kind in IssueKind.allCases {
            if let metrics = issues[kind.rawValue] { lines.append("\(kind.rawValue): \(metrics.summary)") }
        }
        lines.append(String(format: "ECE phase %.4f (T = %.3f), confidence %.4f (T = %.3f)", phaseCalibration.expectedCalibrationError,
                            phaseTemperature, confidenceCalibration.expectedCalibrationError, confidenceTemperature))
        return lines.joined(separator: "\n")
    }
}
