import ArgumentParser
import Foundation
import GaitCore
import GaitML

/// `runcoach calibrate`: refits a checkpoint's temperatures and issue operating points.
///
/// `train` calibrates on its validation fold. That fold can be small (240 runners hold 17-50 with
/// each issue), so the issue thresholds it picks are noisy; this refits them on more labelled
/// runners that neither training nor the final evaluation uses.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Refit a GaitNet checkpoint's temperatures, issue thresholds and fusion shares on labelled validation runners.",
        discussion: """
            Use runners the model was not trained on and that the final evaluation does not see \
            (e.g. --synthetic 600 --data-seed 77, when training used seed 1000 and the test 424242). \
            Fits the phase and confidence temperatures (negative log-likelihood) and each issue's \
            threshold (highest F1 over whole recordings), then the model's shares in the analyzer's \
            fusion with the rules (score: lowest MAE; each issue: highest F1), then writes the \
            checkpoint to --out. Warns (stderr) for each issue that fewer than 20 recordings have: \
            its threshold and share are then too noisy to trust.
            """)

    @Option(help: "Checkpoint folder (e.g. runs/sim/best).") var model: String
    @OptionGroup var dataOptions: TrainingDataOptions
    @Option(help: "Where to write the calibrated checkpoint (default: update --model in place).") var out: String?
    @Option(help: "Threads.") var threads = 2

    func run() throws {
        Engine.configure(threads: threads)
        // The checkpoint first: a wrong path fails at once, not after simulating the data.
        let checkpoint = try Checkpoint.load(path: model)
        let sequences = try dataOptions.load()
        Console.progress("calibrating on \(sequences.count) sequences")
        let (before, after) = try ModelEvaluation.calibrate(checkpoint: model, loaded: checkpoint, validation: sequences, savingTo: out)
        print(String(format: "phase temperature %.3f -> %.3f, confidence temperature %.3f -> %.3f",
                     before.phaseTemperature, after.phaseTemperature, before.confidenceTemperature, after.confidenceTemperature))
        for kind in IssueKind.allCases {
            func threshold(_ config: CheckpointConfig) -> String {
                config.issueThresholds.map { String(format: "%.3f", $0[kind.classIndex]) } ?? "0.5 (none fitted)"
            }
            print("\(kind.rawValue) threshold \(threshold(before)) -> \(threshold(after))")
        }
        print(after.fusionWeightsSummary)
        print("calibrated checkpoint: \(out ?? model)")
    }
}
