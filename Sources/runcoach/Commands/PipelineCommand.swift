import ArgumentParser
import AsyncHTTPClient
import Foundation
import GaitCore
import GaitData
import GaitML
import GaitVideo

/// `runcoach pipeline`: fetch → split → validate → extract → train → evaluate → export, each stage
/// skipped when its output is up to date (docs/datasets.md).
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run the whole training pipeline on a dataset: fetch, split, validate, extract, train, evaluate, export.",
        discussion: """
            Values come from the command line, else from the config (pipeline.yaml), else the defaults. \
            A stage whose inputs did not change since its last successful run is skipped (build/pipeline-state.json); \
            --force runs them all. Validation errors stop the pipeline.
            """)

    @Option(help: "Pipeline config (default: DATASET/pipeline.yaml when it exists).") var config: String?
    @Option(name: .customLong("dataset"), help: "Dataset folder (default: the config's `dataset`, else .).") var datasetFolder: String?
    @Flag(help: "Run every stage even when its output is up to date.") var force = false
    @Option(help: "Pose model directory.") var models: String?
    @Option(help: "Videos extracted in parallel.") var jobs: Int?
    @Option(help: "Augmentations for extra training copies (comma-separated).") var augment: String?
    @Option(help: "Augmented copies per training video.") var augmentCopies: Int?
    @Option(help: "Epochs.") var epochs: Int?
    @Option(help: "Windows per batch.") var batchSize: Int?
    @Option(help: "Peak learning rate.") var lr: Double?
    @Option(help: "LSTM hidden units per direction.") var hidden: Int?
    @Option(help: "LSTM layers.") var layers: Int?
    @Option(help: "Frames between training window starts (at 60 fps).") var stride: Int?
    @Option(help: "Early-stopping patience (epochs).") var patience: Int?
    @Option(help: "Training seed.") var seed: UInt64?
    @Option(help: "Threads.") var threads: Int?
    @Option(help: "Roboflow API root (fetch stage).") var apiURL: String?

    func run() async throws {
        let settings = try PipelineSettings(command: self)
        let runner = PipelineRunner(settings: settings)
        try await runner.run()
    }
}
