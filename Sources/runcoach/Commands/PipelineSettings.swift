import ArgumentParser
import Foundation
import GaitData

/// The pipeline's values after merging the command line over the config over the defaults.
struct PipelineSettings {
    var layout: DatasetLayout
    var configPath: String?
    var force: Bool
    var fetch: PipelineConfig.Fetch?
    var splitSeed: UInt64
    var fractions: [SplitPart: Double]
    var strata: [String]
    var models: String?
    var jobs: Int
    var augmentKinds: Set<AugmentationRecipe.Kind>
    var augmentCopies: Int
    var augmentSeed: UInt64
    var training: Training
    var exportONNX: Bool

    /// The hyper-parameters (their JSON is part of the train stage's fingerprint).
    struct Training: Codable, Equatable {
        var epochs: Int
        var batchSize: Int
        var learningRate: Double
        var hidden: Int
        var layers: Int
        var stride: Int
        var patience: Int
        var seed: UInt64
        var threads: Int
    }

    init(command: PipelineCommand) throws {
        var configPath = command.config
        if configPath == nil {
            let candidate = (command.datasetFolder ?? ".") + "/pipeline.yaml"
            if FileManager.default.fileExists(atPath: candidate) { configPath = candidate }
        }
        let config = try configPath.map { try PipelineConfig.load(path: $0) } ?? PipelineConfig()
        let configFolder = configPath.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        let datasetFolder = command.datasetFolder ?? config.dataset.map { $0.hasPrefix("/") ? $0 : (configFolder.isEmpty ? "." : configFolder) + "/" + $0 } ?? "."
        layout = DatasetLayout(root: datasetFolder)
        self.configPath = configPath
        force = command.force
        fetch = config.fetch
        if let apiURL = command.apiURL { fetch?.apiURL = apiURL }
        splitSeed = config.split?.seed ?? 7
        fractions = [.train: config.split?.train ?? 0.7, .val: config.split?.val ?? 0.2, .test: config.split?.test ?? 0.1]
        strata = config.split?.strata ?? DatasetSplitter.defaultStrata
        models = command.models ?? config.extract?.models
        jobs = command.jobs ?? config.extract?.jobs ?? 1
        augmentKinds = try AugmentationRecipe.kinds(command.augment.map { $0.split(separator: ",").map(String.init) } ?? config.extract?.augment ?? [])
        augmentCopies = command.augmentCopies ?? config.extract?.augmentCopies ?? 0
        augmentSeed = config.extract?.augmentSeed ?? 1
        let train = config.train
        training = Training(
            epochs: command.epochs ?? train?.epochs ?? 30, batchSize: command.batchSize ?? train?.batchSize ?? 8,
            learningRate: command.lr ?? train?.learningRate ?? 1e-3, hidden: command.hidden ?? train?.hidden ?? 256,
            layers: command.layers ?? train?.layers ?? 3, stride: command.stride ?? train?.stride ?? 10,
            patience: command.patience ?? train?.patience ?? 6, seed: command.seed ?? train?.seed ?? 1,
            threads: command.threads ?? train?.threads ?? 2)
        exportONNX = config.export?.onnx ?? true
        try check()
    }

    func check() throws {
        let t = training
        guard t.epochs >= 1, t.batchSize >= 1, t.learningRate > 0, t.stride >= 1, t.layers >= 1, t.patience >= 1, t.threads >= 1, jobs >= 1 else {
            throw ValidationError("epochs, batch size, learning rate, stride, layers, patience, threads and jobs must be positive")
        }
        guard t.hidden >= 8, (2 * t.hidden) % 8 == 0 else { throw ValidationError("hidden must be a multiple of 4, at least 8 (8 attention heads over 2 × hidden)") }
        guard augmentCopies == 0 || !augmentKinds.isEmpty else { throw ValidationError("augment copies need at least one augmentation kind") }
    }
}
