import ArgumentParser
import Foundation
import GaitCore
import GaitML

/// Where labelled sequences come from: a folder of label files or the simulator.
struct TrainingDataOptions: ParsableArguments {
    @Option(help: "Folder of *.labels.json files with their pose files (docs/training.md).")
    var data: String?

    @Option(help: "Simulate this many runners instead of reading --data.")
    var synthetic: Int?

    @Option(help: "Seconds per simulated recording.")
    var syntheticSeconds = 8.0

    @Option(help: "Seed of the simulated runners (use another seed for held-out runners).")
    var dataSeed: UInt64 = 1000

    @Flag(help: "Give each simulated runner a right foot that lands and leaves differently from the left (docs/training.md).")
    var syntheticFeetDiffer = false

    @Flag(help: "Land each simulated foot at its own strike angle, drawn within the runner's foot-strike pattern (docs/training.md).")
    var syntheticStrikeAngles = false

    @Flag(help: "Bend each simulated foot's toes at the ball of the foot by its own share of the heel's rise, 0-1 (docs/training.md).")
    var syntheticToeFlex = false

    @Flag(help: "Move the pelvis's low point in each simulated foot's stance by its own share of the contact time, -0.12-0.06 (docs/training.md).")
    var syntheticPelvisTiming = false

    @Flag(help: "Give the simulated runners exact landmarks: no pixel noise, far-leg occlusion or dropped frames, the runners otherwise as drawn (docs/training.md).")
    var syntheticExactLandmarks = false

    @Option(help: "Folder of the Fukuchi 2017 dataset: its treadmill trial, labelled by the force plate (docs/validation-fukuchi.md).")
    var fukuchi: String?

    @Option(help: "Fukuchi 2017 subject and trial.")
    var fukuchiTrial = "RBDS001/runT25"

    func validate() throws {
        guard [data != nil, synthetic != nil, fukuchi != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --data DIR, --synthetic N or --fukuchi DIR")
        }
        guard fukuchiTrial.split(separator: "/").count == 2 else { throw ValidationError("--fukuchi-trial must be SUBJECT/TRIAL, e.g. RBDS001/runT25") }
        if let synthetic, synthetic < 2 { throw ValidationError("--synthetic needs at least 2 runners") }
        for (flag, name) in [(syntheticFeetDiffer, "feet-differ"), (syntheticStrikeAngles, "strike-angles"), (syntheticToeFlex, "toe-flex"),
                             (syntheticPelvisTiming, "pelvis-timing"), (syntheticExactLandmarks, "exact-landmarks")] where flag && synthetic == nil {
            throw ValidationError("--synthetic-\(name) applies to --synthetic N runners only")
        }
        guard syntheticSeconds >= 1 && syntheticSeconds <= 600 else { throw ValidationError("--synthetic-seconds must be 1-600") }
    }

    func load() throws -> [LabelledSequence] {
        if let data { return try LabelFile.loadDirectory(data) }
        if let fukuchi {
            let parts = fukuchiTrial.split(separator: "/").map(String.init)
            let conversion = try Fukuchi2017.convert(directory: fukuchi, subject: parts[0], trial: parts[1])
            return [LabelledSequence(poses: conversion.poses, truth: conversion.truth, runnerID: parts[0])]
        }
        let count = synthetic!
        var variations: SyntheticRunners.Variations = []
        if syntheticFeetDiffer { variations.insert(.feetDiffer) }
        if syntheticStrikeAngles { variations.insert(.strikeAngles) }
        if syntheticToeFlex { variations.insert(.toeFlex) }
        if syntheticPelvisTiming { variations.insert(.pelvisTiming) }
        if syntheticExactLandmarks { variations.insert(.exactLandmarks) }
        return try SyntheticRunners.make(count: count, seed: dataSeed, seconds: syntheticSeconds, variations: variations) { done in
            if done % 10 == 0 || done == count { Console.progress("simulated \(done)/\(count) runners") }
        }
    }
}

/// `runcoach train`: trains GaitNet, holding out one fold of runners for validation.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train GaitNet on annotated or simulated runners.",
        discussion: """
            Writes to --out: best/ (lowest validation loss, with temperatures fitted on the validation \
            runners), last/ (for --resume), epoch-NNNN/ every 5 epochs, runs/ (TensorBoard), \
            train_log.jsonl, training.json and validation/ (the best model's evaluation).
            """)

    @OptionGroup var dataOptions: TrainingDataOptions
    @Option(help: "Epochs (upper bound; early stopping may end sooner).") var epochs = 30
    @Option(help: "Windows per batch.") var batchSize = 8
    @Option(help: "Peak learning rate (Adam).") var lr: Float = 1e-3
    @Option(help: "Seed of initial weights, shuffling, augmentation and dropout.") var seed: UInt64 = 1
    @Option(help: "Output folder.") var out: String
    @Flag(help: "Continue the run in --out from its last checkpoint.") var resume = false
    @Option(help: ArgumentHelp("Start from this checkpoint's weights instead of random ones (fine-tuning); its size replaces --hidden and --layers.",
                               valueName: "checkpoint-dir"))
    var startFrom: String?
    @Option(help: "Folds for the runner-grouped, stratified split.") var folds = 5
    @Option(help: "Fold held out for validation (0-based).") var fold = 0
    @Option(help: "Frames between window starts (at 60 fps).") var stride = 10
    @Option(help: "LSTM hidden units per direction.") var hidden = 256
    @Option(help: "LSTM layers.") var layers = 3
    @Option(help: "Stop after this many epochs without improvement.") var patience = 6
    @Option(help: "Weight of the issue head's term in the multi-task loss (docs/model.md); the others stay 1 (phases), 0.2 (score), 0.1 (confidence).")
    var issueWeight: Float = GaitLoss().issueWeight
    @Option(help: "Threads.") var threads = 2

    func validate() throws {
        guard epochs >= 1, batchSize >= 1, lr > 0, stride >= 1, hidden >= 8, layers >= 1, patience >= 1 else {
            throw ValidationError("--epochs, --batch-size, --lr, --stride, --layers and --patience must be positive; --hidden at least 8")
        }
        guard (2 * hidden) % 8 == 0 else { throw ValidationError("--hidden must be a multiple of 4 (8 attention heads over 2 × hidden)") }
        guard !(resume && startFrom != nil) else { throw ValidationError("--resume continues a run; --start-from begins a new one: give one") }
        guard folds >= 2, (0..<folds).contains(fold) else { throw ValidationError("--fold must be in 0..<--folds (folds ≥ 2)") }
        guard issueWeight.isFinite, issueWeight >= 0 else { throw ValidationError("--issue-weight must be a number ≥ 0") }
    }

    func run() throws {
        Engine.configure(threads: threads)
        // The starting checkpoint first: a wrong path fails at once, not after simulating the data.
        let start = try startFrom.map { try Checkpoint.load(path: $0) }
        if let start, start.config.normalization != FeatureNormalization() {
            throw CLIExit.impossible("\(startFrom!) was trained on features '\(start.config.normalization.method)' at "
                                     + "\(start.config.normalization.frameRate) fps; training here uses '\(FeatureNormalization.recipe)' at 60 fps")
        }
        let sequences = try dataOptions.load()
        var splitGenerator = SeededGenerator(seed: seed &+ 77)
        let assignment = Folds.assign(sequences.map { ($0.runnerID, $0.strata) }, folds: folds, using: &splitGenerator)
        let trainSequences = sequences.filter { assignment[$0.runnerID] != fold }
        let validationSequences = sequences.filter { assignment[$0.runnerID] == fold }
        guard !trainSequences.isEmpty, !validationSequences.isEmpty else {
            throw CLIExit.impossible("\(Set(sequences.map(\.runnerID)).count) runners cannot fill \(folds) folds; give more runners or fewer --folds")
        }
        let training = WindowDataset(trainSequences, stride: stride)
        let validation = WindowDataset(validationSequences, stride: 30)
        Console.progress("training on \(trainSequences.count) sequences (\(training.windows.count) windows), validating on "
                         + "\(validationSequences.count) held-out runners (\(validation.windows.count) windows)")
        var options = TrainingOptions()
        options.epochs = epochs
        options.batchSize = batchSize
        options.learningRate = lr
        options.seed = seed
        options.patience = patience
        options.loss.issueWeight = issueWeight
        var generator = SeededGenerator(seed: seed)
        let model = start?.model ?? GaitNet(configuration: GaitNetConfiguration(hiddenSize: hidden, layerCount: layers), using: &generator)
        let notes = CommandLine.arguments.dropFirst().joined(separator: " ")
        let trainer = Trainer(model: model, options: options, training: training, validation: validation, outputDirectory: out, notes: notes)
        trainer.progress = { Console.progress($0) }
        try trainer.run(resume: resume)

        // Calibrate the best model on the validation runners and record how it does there.
        try ModelEvaluation.calibrate(checkpoint: out + "/best", validation: validationSequences)
        let result = try ModelEvaluation.evaluate(checkpoint: out + "/best", on: validationSequences, writingTo: out + "/validation")
        print(result.windows.summary)
        print(result.recordings.summary)
    }
}

/// Progress lines on stderr.
enum Console {
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("runcoach: \(line)\n".utf8))
    }
}
