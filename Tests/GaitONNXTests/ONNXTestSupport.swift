import Foundation
import GaitCore
import GaitML
import GaitONNX
import GaitSim

/// What the ONNX tests share: paths, the ONNX Runtime bridge, models and real pose windows.
enum ONNXTestSupport {
    /// The repository root (this file is `Tests/GaitONNXTests/ONNXTestSupport.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// ONNX Runtime through `.venv-onnx` (made by `scripts/setup.d/35-onnx.sh`, which `.ci/run` runs).
    static let runtime = ONNXRuntime(
        python: repositoryRoot.appendingPathComponent(".venv-onnx/bin/python").path,
        script: repositoryRoot.appendingPathComponent("scripts/onnx/ort_run.py").path)

    /// A fresh, empty temporary folder.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gaitonnx-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The default-size GaitNet with seeded random weights, and a checkpoint config whose
    /// temperatures are not 1 (so the exported calibration is exercised).
    static func standardModel(seed: UInt64 = 11) -> (model: GaitNet, config: CheckpointConfig) {
        var generator = SeededGenerator(seed: seed)
        let model = GaitNet(configuration: .standard, using: &generator)
        var config = CheckpointConfig(model: .standard, normalization: FeatureNormalization(), epoch: 0, notes: "ONNX test")
        config.phaseTemperature = 1.25
        config.confidenceTemperature = 1.6
        return (model, config)
    }

    /// `[batch, 30, 132]` uniform in ±2.
    static func randomInput(batch: Int, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let count = batch * 30 * 132
        return Tensor(shape: [batch, 30, 132], scalars: (0..<count).map { _ in Float.random(in: -2...2, using: &generator) })
    }

    /// The first `batch` windows (30 frames every 30) of `sequence`, normalised as the model expects.
    static func windows(of sequence: LabelledSequence, batch: Int) -> Tensor {
        let dataset = WindowDataset([sequence], stride: 30)
        precondition(dataset.windows.count >= batch, "the sequence has \(dataset.windows.count) windows, \(batch) wanted")
        var generator = SeededGenerator(seed: 0)
        return dataset.batch(0..<batch, using: &generator).input
    }

    /// A simulated runner (GaitSim defaults, 8 s).
    static func simulatedRunner(seed: UInt64 = 3) throws -> LabelledSequence {
        var parameters = SimulationParameters()
        parameters.durationSeconds = 8
        let (poses, truth) = try RunnerSimulator(parameters: parameters).simulate(seed: seed)
        return LabelledSequence(poses: poses, truth: truth, runnerID: "sim-\(seed)")
    }

    /// The Fukuchi 2017 trial RBDS001 runT25 from `../shared/data` turned into side-view poses.
    static let fukuchiRunner = Result {
        let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/fukuchi2017").path
        let conversion = try Fukuchi2017.convert(directory: folder, subject: "RBDS001", trial: "runT25")
        return LabelledSequence(poses: conversion.poses, truth: conversion.truth, runnerID: "RBDS001")
    }

    /// The largest absolute difference between two tensors of the same shape.
    static func maxAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Float {
        precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape) differ")
        return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

extension GaitNetOutput {
    /// The outputs by the exported graph's names, computed the way the graph does (confidence
    /// calibrated with `confidenceTemperature`).
    func byONNXName(confidenceTemperature: Double) -> [String: Tensor] {
        let confidence = confidenceLogit.scalars.map { 1 / (1 + exp(-$0 / Float(confidenceTemperature))) }
        return ["phase_logits": phaseLogits, "form_score": formScore, "issue_logits": issueLogits,
                "confidence": Tensor(shape: confidenceLogit.shape, scalars: confidence)]
    }
}
