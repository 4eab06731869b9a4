import ArgumentParser
import Foundation
import GaitCore
import GaitML

/// `runcoach evaluate`: a checkpoint against labelled runners, with plots.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a GaitNet checkpoint: phase accuracy/F1/confusion, score MAE/RMSE/r, issue F1/AUC, calibration.",
        discussion: "Writes evaluation.json and reliability diagrams (SVG) to --out; prints a summary.")

    @Option(help: "Checkpoint folder (e.g. runs/best).") var model: String
    @OptionGroup var dataOptions: TrainingDataOptions
    @Option(help: "Output folder for the report and plots.") var out = "evaluation"
    @Option(help: "Threads.") var threads = 2

    func run() throws {
        Engine.configure(threads: threads)
        let (network, config) = try Checkpoint.load(path: model)
        let sequences = try dataOptions.load()
        let dataset = WindowDataset(sequences, frameCount: config.model.frameCount, stride: config.model.frameCount,
                                    normalization: config.normalization)
        guard !dataset.windows.isEmpty else {
            throw CLIExit.impossible("no \(config.model.frameCount)-frame window in the data: the sequences are too short")
        }
        Console.progress("evaluating \(dataset.windows.count) windows of \(sequences.count) sequences")
        let predictions = Predictions(model: network, dataset: dataset)
        let report = EvaluationReport(predictions, phaseTemperature: config.phaseTemperature, confidenceTemperature: config.confidenceTemperature)
        try EvaluationOutput.write(report, uncalibrated: EvaluationReport(predictions), to: out)
        print(report.summary)
    }
}

/// Writes an evaluation folder: evaluation.json (calibrated and uncalibrated) and the diagrams.
enum EvaluationOutput {
    static func write(_ report: EvaluationReport, uncalibrated: EvaluationReport, to folder: String) throws {
        struct Document: Encodable {
            let calibrated: EvaluationReport
            let uncalibrated: EvaluationReport
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFile.write(encoder.encode(Document(calibrated: report, uncalibrated: uncalibrated)), to: folder + "/evaluation.json")
        try AtomicFile.write(report.phaseCalibration.svg(title: "Phase probabilities (calibrated)"), to: folder + "/reliability_phase.svg")
        try AtomicFile.write(report.confidenceCalibration.svg(title: "Confidence head (calibrated)"), to: folder + "/reliability_confidence.svg")
        try AtomicFile.write(uncalibrated.phaseCalibration.svg(title: "Phase probabilities (raw)"), to: folder + "/reliability_phase_raw.svg")
    }
}
