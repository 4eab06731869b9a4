import ArgumentParser
import Foundation
import GaitCore
import GaitML

/// `runcoach average`: one checkpoint whose weights are the mean of several (e.g. successive
/// fine-tuning stages), calibrated on validation runners before it is written.
struct AverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average",
        abstract: "Average the weights of GaitNet checkpoints of one configuration, then calibrate the result.",
        discussion: """
            Meant for checkpoints close together in weight space, such as the stages of \
            train --start-from (docs/training.md); averaging independently trained models does not \
            work. The members' temperatures and issue thresholds do not apply to their average, so \
            it is calibrated on the runners given (as runcoach calibrate does: use runners that \
            neither training nor the final evaluation sees) before it is written to --out.
            """)

    @Argument(help: "Checkpoint folders to average (at least two).") var models: [String]
    @OptionGroup var dataOptions: TrainingDataOptions
    @Option(help: "Where to write the averaged, calibrated checkpoint.") var out: String
    @Option(help: "Threads.") var threads = 2

    func validate() throws {
        guard models.count >= 2 else { throw ValidationError("give at least two checkpoints to average") }
    }

    func run() throws {
        Engine.configure(threads: threads)
        // The checkpoints first: a wrong path or a mismatch fails at once, not after simulating the data.
        let averaged = try Checkpoint.average(paths: models)
        let sequences = try dataOptions.load()
        Console.progress("calibrating the average of \(models.count) checkpoints on \(sequences.count) sequences")
        let (_, calibrated) = try ModelEvaluation.calibrate(checkpoint: out, loaded: averaged, validation: sequences, savingTo: out)
        print(String(format: "phase temperature %.3f, confidence temperature %.3f", calibrated.phaseTemperature, calibrated.confidenceTemperature))
        for kind in IssueKind.allCases {
            print(String(format: "%@ threshold %.3f", kind.rawValue, calibrated.issueThresholds?[kind.classIndex] ?? 0.5))
        }
        print(calibrated.fusionWeightsSummary)
        print("averaged checkpoint: \(out)")
    }
}
