import Foundation
import GaitCore
@testable import GaitML
@testable import GaitONNX
import GaitSim
import Testing

/// The int8 export and GaitML's int8 model against float32.
@Suite("ONNX export (int8)", .serialized)
struct ONNXInt8Tests {
    @Test("the int8 model passes onnx.checker, runs in ONNX Runtime at batch 1 and 7, is about 4× smaller and says int8")
    func int8ModelRuns() throws {
        let (model, config) = ONNXTestSupport.standardModel()
        let folder = try ONNXTestSupport.temporaryFolder()
        let path = folder + "/gait_model_int8.onnx"
        try ONNXExporter.write(model: model, config: config, options: ONNXExportOptions(precision: .int8), to: path)
        let int8Size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        let float32Size = try ONNXExporter.export(model: model, config: config).count
        // int8 weights plus float32 biases, scales, zero points and heads: 3.9× for the default model.
        let ratio = Double(float32Size) / Double(int8Size)
        #expect(ratio > 3.8 && ratio < 4, "float32 \(float32Size) B / int8 \(int8Size) B = \(ratio)")
        // The eight weight tensors in uint8 around the zero point 128 (ONNXExportOptions.int8WeightZeroPoint),
        // so that ONNX Runtime takes its uint8 × uint8 path, which cannot saturate on CPUs without
        // VNNI: all eight bits used (some weight at ±127 from it), none beyond.
        var builder = GaitNetGraph(model: model, config: config, options: ONNXExportOptions(precision: .int8))
        let initializers = builder.build().initializer
        let weights = initializers.filter { $0.dataType == Onnx_TensorProto.DataType.uint8.rawValue && $0.name.hasSuffix("_quantized") }
        let levels = weights.flatMap { $0.rawData.map { abs(Int($0) - Int(ONNXExportOptions.int8WeightZeroPoint)) } }
        #expect(weights.count == 8 && levels.max() == 127, "\(weights.count) tensors, largest \(levels.max() ?? -1)")
        let zeroPoints = initializers.filter { $0.name.hasSuffix("_zero_point") }
        #expect(zeroPoints.count == 8 && zeroPoints.allSatisfy { $0.dataType == Onnx_TensorProto.DataType.uint8.rawValue && Set($0.rawData) == [128] })
        for batch in [1, 7] {
            let input = ONNXTestSupport.randomInput(batch: batch, seed: 40 + UInt64(batch))
            let result = try ONNXTestSupport.runtime.run(modelPath: path, input: input, check: true)
            #expect(result.checkerPassed)
            #expect(result.metadata["precision"] == "int8")
            #expect(result.outputs["phase_logits"]?.shape == [batch, 30, 4])
            #expect(result.outputs["form_score"]?.shape == [batch])
            #expect(result.outputs["issue_logits"]?.shape == [batch, 3])
            #expect(result.outputs["confidence"]?.shape == [batch])
            #expect(result.outputs.values.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
        }
    }

    @Test("--int8-weights int8: int8 weight tensors reaching ±127, zero points 0; the same outputs as the uint8 file on a VNNI CPU")
    func int8StoredWeights() throws {
        let (model, config) = ONNXTestSupport.standardModel()
        let options = ONNXExportOptions(precision: .int8, int8Weights: .int8)
        var builder = GaitNetGraph(model: model, config: config, options: options)
        let initializers = builder.build().initializer
        let weights = initializers.filter { $0.name.hasSuffix("_quantized") }
        let levels = weights.flatMap { $0.rawData.map { abs(Int(Int8(bitPattern: $0))) } }
        #expect(weights.count == 8 && weights.allSatisfy { $0.dataType == Onnx_TensorProto.DataType.int8.rawValue } && levels.max() == 127)
        let zeroPoints = initializers.filter { $0.name.hasSuffix("_zero_point") }
        #expect(zeroPoints.count == 8 && zeroPoints.allSatisfy { $0.dataType == Onnx_TensorProto.DataType.int8.rawValue && Set($0.rawData) == [0] })
        // Both files hold the same integers; where ONNX Runtime's uint8 × int8 kernel cannot
        // saturate (VNNI) it computes the same sums, so the outputs agree bit for bit.
        let folder = try ONNXTestSupport.temporaryFolder()
        let (signed, unsigned) = (folder + "/int8_weights.onnx", folder + "/uint8_weights.onnx")
        try ONNXExporter.write(model: model, config: config, options: options, to: signed)
        try ONNXExporter.write(model: model, config: config, options: ONNXExportOptions(precision: .int8), to: unsigned)
        let input = ONNXTestSupport.randomInput(batch: 7, seed: 47)
        let (a, b) = (try ONNXTestSupport.runtime.run(modelPath: signed, input: input, check: true),
                      try ONNXTestSupport.runtime.run(modelPath: unsigned, input: input, check: false))
        #expect(a.checkerPassed && a.metadata["int8_weights"]?.hasPrefix("int8") == true)
        #expect(b.metadata["int8_weights"]?.hasPrefix("uint8") == true)
        if Int8Kernels.hasVNNI {
            for name in ["phase_logits", "form_score", "issue_logits", "confidence"] {
                #expect(a.outputs[name]?.scalars == b.outputs[name]?.scalars, "\(name)")
            }
        }
    }

    /// Simulated runners with varied pace, form and camera (`count` of them, `seconds` each).
    static func runners(_ count: Int, seconds: Double, seed: UInt64) throws -> [LabelledSequence] {
        var generator = SeededGenerator(seed: seed)
        return try (0..<count).map { index in
            // Some random combinations are impossible for the simulator (it says so): draw again.
            for _ in 0..<50 {
                var p = SimulationParameters()
                p.durationSeconds = seconds
                p.speedMetersPerSecond = Double.random(in: 2.6...4.8, using: &generator)
                p.cadenceStepsPerMinute = Double.random(in: 158...186, using: &generator)
                p.overstrideMeters = Double.random(in: 0...0.22, using: &generator)
                p.verticalOscillationMeters = Double.random(in: 0.05...0.11, using: &generator)
                p.landmarkNoisePixels = Double.random(in: 0...2, using: &generator)
                p.framesPerSecond = [30.0, 60, 120][index % 3]
                p.contactTimeSeconds = min(p.contactTimeSeconds, 0.7 * p.stepTimeSeconds)
                guard let (poses, truth) = try? RunnerSimulator(parameters: p).simulate(seed: generator.next()) else { continue }
                return LabelledSequence(poses: poses, truth: truth, runnerID: "runner-\(seed)-\(index)")
            }
            throw TestFailure.noRunner
        }
    }

    enum TestFailure: Error { case noRunner }

    @Test("int8 against float32 on held-out simulated runners: phase argmax agreement ≥ 99 %, form-score MAE change ≤ 0.05 (Swift int8 and ONNX Runtime int8)")
    func int8AccuracyOnHeldOutRunners() throws {
        // A GaitNet trained here for a few epochs (2 × BiLSTM(32), 8 heads: the default architecture,
        // narrower so that training fits in a test) on simulated runners; evaluated on others.
        let configuration = GaitNetConfiguration(hiddenSize: 32, layerCount: 2, dropout: 0, headCount: 8)
        var generator = SeededGenerator(seed: 21)
        let model = GaitNet(configuration: configuration, using: &generator)
        var options = TrainingOptions()
        options.epochs = 10
        options.batchSize = 8
        options.learningRate = 3e-3
        let training = WindowDataset(try Self.runners(10, seconds: 4, seed: 100), stride: 10)
        let validation = WindowDataset(try Self.runners(2, seconds: 4, seed: 200), stride: 30)
        try Trainer(model: model, options: options, training: training, validation: validation,
                    outputDirectory: try ONNXTestSupport.temporaryFolder()).run(resume: false)
        let config = CheckpointConfig(model: configuration, normalization: FeatureNormalization(), epoch: options.epochs)

        let heldOut = WindowDataset(try Self.runners(6, seconds: 8, seed: 9001), stride: 30)
        var unused = SeededGenerator(seed: 0)
        let (input, targets) = heldOut.batch(0..<heldOut.windows.count, using: &unused)
        let float32 = model(input)
        let swiftInt8 = QuantizedGaitNet(quantizing: model)(input)
        let path = try ONNXTestSupport.temporaryFolder() + "/int8.onnx"
        try ONNXExporter.write(model: model, config: config, options: ONNXExportOptions(precision: .int8), to: path)
        let onnxInt8 = try GaitNetOutput(onnxOutputs: try ONNXTestSupport.runtime.run(modelPath: path, input: input, check: true).outputs,
                                         confidenceTemperature: config.confidenceTemperature)
        for (engine, output) in [("Swift int8", swiftInt8), ("ONNX Runtime int8", onnxInt8)] {
            let comparison = PredictionComparison(reference: float32, candidate: output, targets: targets)
            // The float32 model must have learned the phases, else agreement would be trivial (a
            // constant prediction agrees with itself): accuracy well above the 25 % of chance.
            #expect(comparison.phaseAccuracyReference >= 0.7, "float32 phase accuracy \(comparison.phaseAccuracyReference)")
            // The issue's bounds.
            #expect(comparison.phaseAgreement >= 0.99, "\(comparison.summary(reference: "float32", candidate: engine))")
            #expect(abs(comparison.formScoreMAEChange) <= 0.05, "\(comparison.summary(reference: "float32", candidate: engine))")
        }
    }
}
