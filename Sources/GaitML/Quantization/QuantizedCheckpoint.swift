import Foundation
import GaitCore

/// An int8 checkpoint: a folder like a float32 one (`Checkpoint`), whose `config.json` says
/// `"quantization": "int8-symmetric-per-row-v1"` and whose `weights.safetensors` holds the
/// matrices of `QuantizedGaitNet.quantizedParameterNames` as `I8` tensors (same names and shapes as
/// the float32 ones) with their per-row scales as `F32` tensors `<name>.scale`, and every other
/// parameter as `F32`. About 4× smaller than the float32 checkpoint; inference only.
public enum QuantizedCheckpoint {
    /// The `quantization` value of an int8 checkpoint's config.
    public static let scheme = "int8-symmetric-per-row-v1"
    static let scaleSuffix = ".scale"

    /// Writes `model` with `config` (its `quantization` set to `scheme`) to the folder `path`,
    /// atomically (a temporary sibling folder replaces `path`).
    public static func save(model: QuantizedGaitNet, config: CheckpointConfig, to path: String) throws {
        var config = config
        config.quantization = scheme
        let (int8, float32) = model.weights
        var tensors = float32
        var int8Tensors: [String: (shape: [Int], values: [Int8])] = [:]
        for (name, matrix) in int8 {
            int8Tensors[name] = ([matrix.rows, matrix.columns], matrix.values)
            tensors[name + scaleSuffix] = Tensor(shape: [matrix.rows], scalars: matrix.scales)
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let manager = FileManager.default
        try? manager.removeItem(atPath: temporary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SafeTensors.write(SafeTensors.Contents(tensors: tensors, int8Tensors: int8Tensors, metadata: ["quantization": scheme]),
                              to: temporary + "/weights.safetensors")
        try AtomicFile.write(encoder.encode(config), to: temporary + "/config.json")
        let previous = path + ".previous-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            if manager.fileExists(atPath: path) { try manager.moveItem(atPath: path, toPath: previous) }
            try manager.moveItem(atPath: temporary, toPath: path)
            try? manager.removeItem(atPath: previous)
        } catch {
            throw GaitMLError.writeFailed(path: path)
        }
    }

    /// The weights file of the checkpoint folder `path` (float32 or int8).
    public static func weightsFile(ofCheckpoint path: String) -> String {
        Checkpoint.folderOf(path) + "/weights.safetensors"
    }

    /// Whether the checkpoint folder `path` (or the folder of the file `path`) is an int8 one.
    public static func isQuantized(path: String) throws -> Bool {
        try readConfig(folder: Checkpoint.folderOf(path)).quantization != nil
    }

    /// Loads the int8 checkpoint folder `path`.
    public static func load(path: String) throws -> (model: QuantizedGaitNet, config: CheckpointConfig) {
        let folder = Checkpoint.folderOf(path)
        let config = try readConfig(folder: folder)
        guard config.quantization == scheme else {
            throw GaitMLError.malformedCheckpoint(path: folder + "/config.json",
                                                  problem: "quantization \(config.quantization ?? "none") is not \(scheme)")
        }
        let weightsPath = folder + "/weights.safetensors"
        let contents = try SafeTensors.read(path: weightsPath)
        var matrices: [String: Int8Matrix] = [:]
        var floats = contents.tensors
        for (name, tensor) in contents.int8Tensors {
            guard tensor.shape.count == 2 else {
                throw GaitMLError.checkpointMismatch(path: weightsPath, problem: "int8 tensor \(name) has shape \(tensor.shape), not a matrix")
            }
            guard let scales = floats.removeValue(forKey: name + scaleSuffix), scales.count == tensor.shape[0] else {
                throw GaitMLError.checkpointMismatch(path: weightsPath, problem: "int8 tensor \(name) has no \(tensor.shape[0]) scales \(name)\(scaleSuffix)")
            }
            matrices[name] = Int8Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: tensor.values, scales: scales.scalars)
        }
        if let orphan = floats.keys.sorted().first(where: { $0.hasSuffix(scaleSuffix) }) {
            throw GaitMLError.checkpointMismatch(path: weightsPath, problem: "missing int8 tensor \(orphan.dropLast(scaleSuffix.count)) (its scales are there)")
        }
        let model = try QuantizedGaitNet(configuration: config.model, int8Weights: matrices, floatWeights: floats, source: weightsPath)
        return (model, config)
    }

    private static func readConfig(folder: String) throws -> CheckpointConfig {
        let configPath = folder + "/config.json"
        guard let data = FileManager.default.contents(atPath: configPath) else { throw GaitMLError.unreadableFile(path: configPath) }
        do {
            return try JSONDecoder().decode(CheckpointConfig.self, from: data)
        } catch {
            throw GaitMLError.malformedCheckpoint(path: configPath, problem: "config.json is not a GaitNet checkpoint configuration (\(error))")
        }
    }
}
