import Foundation
import GaitCore

/// Hyper-parameters of a training run (stored in `<out>/training.json`).
public struct TrainingOptions: Codable, Equatable, Sendable {
    public var epochs = 30
    public var batchSize = 8
    /// Peak learning rate of Adam.
    public var learningRate: Float = 1e-3
    public var seed: UInt64 = 1
    /// Global gradient-norm limit.
    public var clipNorm: Float = 1
    /// Linear warm-up length, then cosine decay to `finalLearningRateFraction` of the peak.
    public var warmupEpochs = 1
    public var finalLearningRateFraction: Float = 0.05
    /// Stop after this many epochs without a lower validation loss.
    public var patience = 6
    /// Save `epoch-NNNN` every this many epochs (plus `best` and `last` always).
    public var checkpointEvery = 5
    public var augmentation = Augmentation()
    public var loss = GaitLoss()

    public init() {}

    /// Learning rate for `epoch` (0-based).
    public func learningRate(epoch: Int) -> Float {
        if epoch < warmupEpochs { return learningRate * Float(epoch + 1) / Float(warmupEpochs + 1) }
        let progress = Float(epoch - warmupEpochs) / Float(max(1, epochs - warmupEpochs - 1))
        let cosine = 0.5 * (1 + Foundation.cos(Float.pi * min(1, progress)))
        return learningRate * (finalLearningRateFraction + (1 - finalLearningRateFraction) * cosine)
    }
}

/// One epoch's numbers, as logged.
public struct EpochRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    public var learningRate: Double
    public var trainLoss: Double
    public var validationLoss: Double
    public var phaseAccuracy: Double
    public var formScoreMAE: Double
    public var phaseECE: Double
    public var confidenceECE: Double
    public var seconds: Double
    /// Each head's loss on the training and the validation windows (nil in logs written before
    /// 2026-12-06, which had only the sums).
    public var trainLossTerms: LossTerms?
    public var validationLossTerms: LossTerms?
}

/// Where a run stands, saved with every checkpoint for `--resume`.
struct TrainerState: Codable {
    var completedEpochs: Int
    var bestValidationLoss: Double
    var epochsWithoutImprovement: Int
    var history: [EpochRecord]
}

/// The training loop: shuffled mini-batches with augmentation, Adam, gradient clipping, a warm-up +
/// cosine learning-rate schedule, early stopping, checkpoints, TensorBoard + JSON-lines logs.
///
/// Deterministic under `options.seed`: epoch e draws its shuffling, augmentation and dropout from a
/// generator seeded by (seed, e), the engine's thread splits are fixed, so a resumed run repeats the
/// uninterrupted one exactly.
public final class Trainer {
    public let model: GaitNet
    public let options: TrainingOptions
    public let training: WindowDataset
    public let validation: WindowDataset
    public let outputDirectory: String
    public let notes: String
    let optimizer: Adam
    /// Called with a one-line summary after each epoch (the CLI prints it on stderr).
    public var progress: (String) -> Void = { _ in }

    public init(model: GaitNet, options: TrainingOptions, training: WindowDataset, validation: WindowDataset,
                outputDirectory: String, notes: String = "") {
        self.model = model
        self.options = options
        self.training = training
        self.validation = validation
        self.outputDirectory = outputDirectory
        self.notes = notes
        optimizer = Adam(parameters: model.parameters, learningRate: options.learningRate)
    }

    /// Trains from scratch, or from the `last` checkpoint of `outputDirectory` when `resume`.
    /// Returns the history of every epoch (including resumed ones).
    @discardableResult
    public func run(resume: Bool = false) throws -> [EpochRecord] {
        guard !training.windows.isEmpty else { throw GaitMLError.unusableData("no training windows: the sequences are shorter than \(training.frameCount) frames") }
        guard !validation.windows.isEmpty else { throw GaitMLError.unusableData("no validation windows: hold out more runners or longer sequences") }
        var state = TrainerState(completedEpochs: 0, bestValidationLoss: .infinity, epochsWithoutImprovement: 0, history: [])
        let lastPath = outputDirectory + "/last"
        if resume {
            let (saved, _) = try Checkpoint.load(path: lastPath)
            try model.load(saved.namedWeights, source: lastPath)
            try Checkpoint.restore(optimizer, from: lastPath)
            guard let data = FileManager.default.contents(atPath: lastPath + "/trainer.json"),
                  let restored = try? JSONDecoder().decode(TrainerState.self, from: data) else {
                throw GaitMLError.malformedCheckpoint(path: lastPath, problem: "trainer.json is missing or unreadable")
            }
            state = restored
            progress("resuming after epoch \(state.completedEpochs) (best validation loss \(String(format: "%.4f", state.bestValidationLoss)))")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(options), to: outputDirectory + "/training.json")
        let board = try TensorBoardWriter(directory: outputDirectory + "/runs")
        let log = try JSONLinesLog(path: outputDirectory + "/train_log.jsonl", truncate: !resume)
        var epoch = state.completedEpochs
        while epoch < options.epochs && state.epochsWithoutImprovement < options.patience {
            let started = Date()
            let learningRate = options.learningRate(epoch: epoch)
            optimizer.learningRate = learningRate
            let (trainLoss, trainLossTerms) = try trainEpoch(epoch)
            let predictions = Predictions(model: model, dataset: validation, loss: options.loss)
            guard predictions.loss.isFinite else {
                throw GaitMLError.trainingDiverged(epoch: epoch + 1, batch: nil, batches: 0, learningRate: Double(learningRate))
            }
            let report = EvaluationReport(predictions)
            let record = EpochRecord(
                epoch: epoch + 1, learningRate: Double(learningRate), trainLoss: trainLoss, validationLoss: predictions.loss,
                phaseAccuracy: report.phases.accuracy, formScoreMAE: report.formScore.meanAbsoluteError,
                phaseECE: report.phaseCalibration.expectedCalibrationError,
                confidenceECE: report.confidenceCalibration.expectedCalibrationError, seconds: Date().timeIntervalSince(started),
                trainLossTerms: trainLossTerms, validationLossTerms: predictions.lossTerms)
            state.history.append(record)
            state.completedEpochs = epoch + 1
            try board.add(scalars: [("train/loss", record.trainLoss), ("val/loss", record.validationLoss),
                                    ("val/phase_accuracy", record.phaseAccuracy), ("val/form_score_mae", record.formScoreMAE),
                                    ("val/phase_ece", record.phaseECE), ("val/confidence_ece", record.confidenceECE),
                                    ("train/learning_rate", record.learningRate)]
                                    + trainLossTerms.scalars(prefix: "train") + predictions.lossTerms.scalars(prefix: "val"),
                               step: record.epoch)
            try log.append(record)
            let improved = record.validationLoss < state.bestValidationLoss
            if improved {
                state.bestValidationLoss = record.validationLoss
                state.epochsWithoutImprovement = 0
                try save(to: outputDirectory + "/best", epoch: record.epoch)
            } else {
                state.epochsWithoutImprovement += 1
            }
            if record.epoch % options.checkpointEvery == 0 {
                try save(to: outputDirectory + String(format: "/epoch-%04d", record.epoch), epoch: record.epoch)
            }
            try save(to: lastPath, epoch: record.epoch, state: state)
            progress(String(format: "epoch %d/%d  lr %.2e  train loss %.4f  val loss %.4f  phase acc %.2f%%  score MAE %.3f  ECE %.3f  %.0f s%@",
                            record.epoch, options.epochs, record.learningRate, record.trainLoss, record.validationLoss,
                            100 * record.phaseAccuracy, record.formScoreMAE, record.confidenceECE, record.seconds, improved ? "  (best)" : ""))
            progress("  validation loss by head: " + predictions.lossTerms.summary)
            epoch += 1
        }
        if state.epochsWithoutImprovement >= options.patience {
            progress("early stop: no better validation loss for \(options.patience) epochs")
        }
        return state.history
    }

    /// One pass over the shuffled training windows; returns the mean loss and each head's mean term.
    /// Throws `trainingDiverged` at the first batch whose loss is not finite, before it updates
    /// the weights.
    private func trainEpoch(_ epoch: Int) throws -> (loss: Double, terms: LossTerms) {
        var generator = SeededGenerator(seed: options.seed &+ UInt64(epoch + 1) &* 0x9E37_79B9_7F4A_7C15)
        var order = Array(training.windows.indices)
        order.shuffle(using: &generator)
        var losses: [GaitLoss.Value] = []
        for start in stride(from: 0, to: order.count, by: options.batchSize) {
            let indices = order[start..<min(start + options.batchSize, order.count)]
            let (input, targets) = training.batch(indices, augmentation: options.augmentation, using: &generator)
            model.zeroGradients()
            let (output, tape) = model.forward(input, using: &generator)
            let (value, gradient) = options.loss.evaluate(output, targets: targets)
            guard value.total.isFinite else {
                throw GaitMLError.trainingDiverged(epoch: epoch + 1, batch: start / options.batchSize + 1,
                                                   batches: (order.count + options.batchSize - 1) / options.batchSize,
                                                   learningRate: Double(optimizer.learningRate))
            }
            model.backward(gradient, tape: tape)
            GradientClipping.clip(model.parameters, maxNorm: options.clipNorm)
            optimizer.update()
            losses.append(value)
        }
        return (losses.meanTotal, LossTerms(meanOf: losses))
    }

    private func save(to path: String, epoch: Int, state: TrainerState? = nil) throws {
        let config = CheckpointConfig(model: model.configuration, normalization: training.normalization, epoch: epoch, notes: notes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Checkpoint.save(model: model, config: config, optimizer: state == nil ? nil : optimizer,
                            trainerState: try state.map { try encoder.encode($0) }, to: path)
    }
}
