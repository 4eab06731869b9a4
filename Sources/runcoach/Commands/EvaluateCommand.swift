import ArgumentParser
import Foundation
import GaitCore
import GaitML

/// `runcoach evaluate`: a checkpoint against labelled runners, with plots.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a GaitNet checkpoint: phase accuracy/F1/confusion, score MAE/RMSE/r, issue F1/AUC, calibration.",
        discussion: "Writes evaluation.json, evaluation.html (tables and plots on one page), recordings.csv (one row per recording: phase accuracy, score, each issue's label and probability) and the reliability diagrams (SVG) to --out; prints a summary.")

    @Option(help: "Checkpoint folder (e.g. runs/best).") var model: String
    @OptionGroup var dataOptions: TrainingDataOptions
    @Option(help: "Output folder for the report and plots.") var out = "evaluation"
    @Option(help: "Threads.") var threads = 2

    func run() throws {
        Engine.configure(threads: threads)
        // The checkpoint first: a wrong path fails at once, not after simulating the data.
        let checkpoint = try Checkpoint.load(path: model)
        let sequences = try dataOptions.load()
        Console.progress("evaluating \(sequences.count) sequences")
        let result = try ModelEvaluation.evaluate(checkpoint: model, loaded: checkpoint, on: sequences, writingTo: out)
        print(result.windows.summary)
        print(result.recordings.summary)
    }
}

/// The evaluation steps `train`, `evaluate` and `pipeline` share.
enum ModelEvaluation {
    struct Result {
        /// Every window rated on its own.
        let windows: EvaluationReport
        let windowCount: Int
        /// Whole recordings through `GaitNetModel`, as the analyzer uses the model.
        let recordings: RecordingEvaluation
    }

    /// Evaluates the checkpoint at `path` (`loaded` when the caller has read it already) on
    /// `sequences` (single windows and whole recordings) and writes `folder`: evaluation.json
    /// (calibrated and uncalibrated), recordings.csv (each recording's numbers), evaluation.html and
    /// the reliability diagrams.
    static func evaluate(
        checkpoint path: String, loaded: (model: GaitNet, config: CheckpointConfig)? = nil, on sequences: [LabelledSequence],
        writingTo folder: String
    ) throws -> Result {
        let (network, config) = try loaded ?? Checkpoint.load(path: path)
        let dataset = WindowDataset(sequences, frameCount: config.model.frameCount, stride: config.model.frameCount,
                                    normalization: config.normalization)
        guard !dataset.windows.isEmpty else {
            throw CLIExit.impossible("no \(config.model.frameCount)-frame window in the data: the sequences are too short")
        }
        let predictions = Predictions(model: network, dataset: dataset)
        let report = EvaluationReport(predictions, phaseTemperature: config.phaseTemperature, confidenceTemperature: config.confidenceTemperature)
        let uncalibrated = EvaluationReport(predictions)
        let recordings = try RecordingEvaluation(model: GaitNetModel(network: network, config: config), sequences: sequences,
                                                 comparingAnalyzer: true)
        struct Document: Encodable {
            let calibrated: EvaluationReport
            let uncalibrated: EvaluationReport
            let recordings: RecordingEvaluation
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFile.write(encoder.encode(Document(calibrated: report, uncalibrated: uncalibrated, recordings: recordings)),
                             to: folder + "/evaluation.json")
        try AtomicFile.write(RecordingOutcome.csv(recordings.outcomes), to: folder + "/recordings.csv")
        try AtomicFile.write(report.phaseCalibration.svg(title: "Phase probabilities (calibrated)"), to: folder + "/reliability_phase.svg")
        try AtomicFile.write(report.confidenceCalibration.svg(title: "Confidence head (calibrated)"), to: folder + "/reliability_confidence.svg")
        try AtomicFile.write(uncalibrated.phaseCalibration.svg(title: "Phase probabilities (raw)"), to: folder + "/reliability_phase_raw.svg")
        try AtomicFile.write(recordings.phaseCalibration.svg(title: "Phase probabilities, whole recordings"),
                             to: folder + "/reliability_phase_recordings.svg")
        try AtomicFile.write(EvaluationPage.html(title: "GaitNet evaluation: \(path)", windows: report, uncalibrated: uncalibrated,
                                                 recordings: recordings), to: folder + "/evaluation.html")
        return Result(windows: report, windowCount: dataset.windows.count, recordings: recordings)
    }

    /// Recordings with an issue below which its fitted threshold and share are called untrustworthy:
    /// F1 at one cut moves by a whole runner's worth near the threshold, about 0.05 at 20 positives.
    static let minimumPositives = 20

    /// Fits the phase and confidence temperatures on the `validation` runners' windows, then each
    /// issue's operating point on their whole recordings (`IssueThresholds`), then the model's
    /// shares in the analyzer's fusion (`FusionWeights`), and stores them in the checkpoint at
    /// `path` (or writes the calibrated checkpoint to `destination`). Returns the configuration
    /// before and after.
    @discardableResult
    static func calibrate(
        checkpoint path: String, loaded: (model: GaitNet, config: CheckpointConfig)? = nil, validation: [LabelledSequence],
        savingTo destination: String? = nil
    ) throws -> (before: CheckpointConfig, after: CheckpointConfig) {
        var (network, config) = try loaded ?? Checkpoint.load(path: path)
        let before = config
        let dataset = WindowDataset(validation, frameCount: config.model.frameCount, stride: config.model.frameCount,
                                    normalization: config.normalization)
        let temperatures = EvaluationReport.fitTemperatures(on: Predictions(model: network, dataset: dataset))
        config.phaseTemperature = temperatures.phase
        config.confidenceTemperature = temperatures.confidence
        config.issueThresholds = nil
        config.fusionWeights = nil
        let model = GaitNetModel(network: network, config: config)
        var probabilities: [[Double]] = Array(repeating: [], count: IssueKind.allCases.count)
        var truth: [[Bool]] = Array(repeating: [], count: IssueKind.allCases.count)
        // Read once: the fusion fit below takes the same predictions with the thresholds applied.
        let predictions = validation.map { try? model.predict($0.poses) }
        for (sequence, prediction) in zip(validation, predictions) {
            guard let prediction else { continue }
            for kind in IssueKind.allCases {
                probabilities[kind.classIndex].append(prediction.issueProbabilities[kind] ?? 0)
                truth[kind.classIndex].append(sequence.issues[kind.classIndex])
            }
        }
        config.issueThresholds = IssueKind.allCases.map { IssueThresholds.fit(probabilities: probabilities[$0.classIndex], truth: truth[$0.classIndex]) }
        for kind in IssueKind.allCases {
            let positives = truth[kind.classIndex].filter { $0 }.count
            if positives < minimumPositives {
                Console.progress("warning: \(positives) of the \(truth[kind.classIndex].count) calibration recordings have \(kind.rawValue): "
                                 + "its threshold and fusion share are fitted on too few to trust (\(minimumPositives) or more; "
                                 + "runcoach calibrate on more runners, e.g. --synthetic 1000)")
            }
        }
        let thresholded = predictions.map { $0.map { IssueThresholds.shifted($0, thresholds: config.issueThresholds!) } }
        config.fusionWeights = FusionWeights.fit(sequences: validation, predictions: thresholded) { done in
            if done % 50 == 0 || done == validation.count { Console.progress("fitting the fusion with the rules: \(done)/\(validation.count) recordings") }
        }
        try Checkpoint.save(model: network, config: config, to: destination ?? path)
        return (before, config)
    }
}

extension CheckpointConfig {
    /// One line on the fitted fusion shares, for `calibrate` and `average`.
    var fusionWeightsSummary: String {
        guard let weights = fusionWeights else { return "fusion with the rules: by confidence (no recording was analysed to fit shares)" }
        return "model's share in the fusion with the rules (\(weights.recordings) recordings): \(weights.sharesDescription)"
    }
}
