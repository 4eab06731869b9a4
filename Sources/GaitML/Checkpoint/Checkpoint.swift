import Foundation
import GaitCore

/// A saved GaitNet: a folder with `weights.safetensors` (tensors named as `docs/model.md` lists)
/// and `config.json` (this struct), plus, for training checkpoints, `optimizer.safetensors` (Adam's
/// moments) and `trainer.json` (where training stood) so that `--resume` continues exactly.
public struct CheckpointConfig: Codable, Equatable, Sendable {
    public static let formatName = "gaitnet-checkpoint"
    public var format = CheckpointConfig.formatName
    public var version = 1
    public var model: GaitNetConfiguration
    public var normalization: FeatureNormalization
    public var phaseClasses = GaitPhase.allCases.map(\.rawValue)
    public var issueKinds = IssueKind.allCases.map(\.rawValue)
    /// Temperatures fitted on validation data (1 = uncalibrated).
    public var phaseTemperature = 1.0
    public var confidenceTemperature = 1.0
    /// Per issue (`IssueKind.classIndex` order), the recording-level probability from which it is
    /// flagged, fitted on validation data (`IssueThresholds`); `nil` = 0.5 for every issue.
    public var issueThresholds: [Double]?
    /// The model's shares of the analyzer's fused score and issue probabilities, fitted on the
    /// same calibration recordings (`FusionWeights.fit`); `nil` (checkpoints calibrated before
    /// them) leaves the fusion to the two sources' confidences.
    public var fusionWeights: FusionWeights?
    /// Epochs trained when saved (for a `train --start-from` stage, that run's epochs; for an
    /// average, its members' largest count).
    public var epoch: Int
    /// The checkpoint folders whose weights were averaged into this one (`Checkpoint.average`);
    /// `nil` for a trained checkpoint.
    public var averagedFrom: [String]?
    /// Free text: the command line or data that produced it.
    public var notes: String
    /// `nil` for float32 weights; `QuantizedCheckpoint.scheme` for an int8 checkpoint (inference only).
    public var quantization: String?

    public init(model: GaitNetConfiguration, normalization: FeatureNormalization, epoch: Int, notes: String = "") {
        self.model = model
        self.normalization = normalization
        self.epoch = epoch
        self.notes = notes
    }

    /// How the weights came about, for a report: "3 epochs" or "average of 3 checkpoints".
    public var trainingSummary: String {
        if let members = averagedFrom { return "average of \(members.count) checkpoints" }
        return epoch == 1 ? "1 epoch" : "\(epoch) epochs"
    }
}

/// Reading and writing checkpoint folders.
public enum Checkpoint {
    /// Writes `model` (and optionally the optimizer and trainer state) to the folder `path`: every
    /// file is first written into a temporary sibling folder, which then replaces `path`, so a
    /// crash never leaves a half-written checkpoint under the final name.
    public static func save(model: GaitNet, config: CheckpointConfig, optimizer: Adam? = nil, trainerState: Data? = nil, to path: String) throws {
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SafeTensors.write(SafeTensors.Contents(tensors: model.namedWeights, metadata: ["format": "pt"]),
                              to: temporary + "/weights.safetensors")
        try AtomicFile.write(encoder.encode(config), to: temporary + "/config.json")
        if let optimizer {
            let state = optimizer.state
            var tensors: [String: Tensor] = [:]
            for (index, parameter) in optimizer.parameters.enumerated() {
                tensors["m." + parameter.name] = state.firstMoments[index]
                tensors["v." + parameter.name] = state.secondMoments[index]
            }
            try SafeTensors.write(SafeTensors.Contents(tensors: tensors, metadata: ["step": "\(state.step)"]),
                                  to: temporary + "/optimizer.safetensors")
        }
        if let trainerState { try AtomicFile.write(trainerState, to: temporary + "/trainer.json") }
        let previous = path + ".previous-\(ProcessInfo.processInfo.processIdentifier)"
        let manager = FileManager.default
        do {
            if manager.fileExists(atPath: path) { try manager.moveItem(atPath: path, toPath: previous) }
            try manager.moveItem(atPath: temporary, toPath: path)
            try? manager.removeItem(atPath: previous)
        } catch {
            throw GaitMLError.writeFailed(path: path)
        }
    }

    /// Loads the model of the checkpoint folder `path` (or of the folder holding the file `path`).
    public static func load(path: String) throws -> (model: GaitNet, config: CheckpointConfig) {
        let folder = folderOf(path)
        let configPath = folder + "/config.json"
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw GaitMLError.unreadableFile(path: configPath)
        }
        let config: CheckpointConfig
        do {
            config = try JSONDecoder().decode(CheckpointConfig.self, from: data)
        } catch {
            throw GaitMLError.malformedCheckpoint(path: configPath, problem: "config.json is not a GaitNet checkpoint configuration (\(error))")
        }
        guard config.format == CheckpointConfig.formatName, config.version == 1 else {
            throw GaitMLError.malformedCheckpoint(path: configPath, problem: "format \(config.format) version \(config.version) is not gaitnet-checkpoint 1")
        }
        if let scheme = config.quantization {
            throw GaitMLError.malformedCheckpoint(
                path: configPath, problem: "it holds \(scheme) weights, which serve inference only (runcoach analyze --model); "
                    + "training, evaluation, export and quantize need the float32 checkpoint it was made from")
        }
        guard config.normalization.method == FeatureNormalization.recipe else {
            throw GaitMLError.malformedCheckpoint(path: configPath, problem: "feature normalisation \(config.normalization.method) is unknown to this version")
        }
        var generator = SeededGenerator(seed: 0)
        let model = GaitNet(configuration: config.model, using: &generator)
        let weightsPath = folder + "/weights.safetensors"
        try model.load(SafeTensors.read(path: weightsPath).tensors, source: weightsPath)
        return (model, config)
    }

    /// Restores Adam's moments from the checkpoint folder `path`.
    public static func restore(_ optimizer: Adam, from path: String) throws {
        let file = folderOf(path) + "/optimizer.safetensors"
        let contents = try SafeTensors.read(path: file)
        var first: [Tensor] = [], second: [Tensor] = []
        for parameter in optimizer.parameters {
            guard let m = contents.tensors["m." + parameter.name], let v = contents.tensors["v." + parameter.name],
                  m.shape == parameter.value.shape, v.shape == parameter.value.shape else {
                throw GaitMLError.checkpointMismatch(path: file, problem: "no optimizer moments for \(parameter.name)")
            }
            first.append(m)
            second.append(v)
        }
        guard let step = contents.metadata["step"].flatMap(Int.init) else {
            throw GaitMLError.malformedCheckpoint(path: file, problem: "the optimizer step count is missing")
        }
        optimizer.restore(step: step, firstMoments: first, secondMoments: second)
    }

    /// The checkpoint folder: `path` itself, or its parent when `path` names a file in it.
    static func folderOf(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return (path as NSString).deletingLastPathComponent
        }
        return path
    }
}
