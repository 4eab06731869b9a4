import Foundation
import GaitCore
import GaitML
@testable import GaitONNX
import Testing

/// The float32 export against the Swift model, in ONNX Runtime (through `.venv-onnx`).
@Suite("ONNX export (float32)", .serialized)
struct ONNXExportTests {
    /// Only read (inference never writes the weights), hence safe to share between tests.
    nonisolated(unsafe) static let shared = ONNXTestSupport.standardModel()

    /// Exports the shared model once per opset.
    static func exported(opset: Int) throws -> String {
        let path = try ONNXTestSupport.temporaryFolder() + "/gait_model_opset\(opset).onnx"
        try ONNXExporter.write(model: shared.model, config: shared.config, options: ONNXExportOptions(opset: opset), to: path)
        return path
    }

    enum InputKind: String, CaseIterable { case random, simulated, fukuchi }

    static func input(_ kind: InputKind, batch: Int) throws -> Tensor {
        switch kind {
        case .random: return ONNXTestSupport.randomInput(batch: batch, seed: UInt64(batch))
        case .simulated: return ONNXTestSupport.windows(of: try ONNXTestSupport.simulatedRunner(), batch: batch)
        case .fukuchi: return ONNXTestSupport.windows(of: try ONNXTestSupport.fukuchiRunner.get(), batch: batch)
        }
    }

    @Test("onnx.checker passes and ONNX Runtime reproduces the Swift outputs within 1e-4",
          arguments: InputKind.allCases, [1, 7])
    func matchesSwift(kind: InputKind, batch: Int) throws {
        let path = try Self.exported(opset: ONNXExportOptions.defaultOpset)
        let input = try Self.input(kind, batch: batch)
        let expected = Self.shared.model(input).byONNXName(confidenceTemperature: Self.shared.config.confidenceTemperature)
        let result = try ONNXTestSupport.runtime.run(modelPath: path, input: input, check: true)
        #expect(result.checkerPassed)
        #expect(Set(result.outputs.keys) == Set(expected.keys))
        for (name, swift) in expected {
            let onnx = try #require(result.outputs[name], "output \(name) missing")
            #expect(onnx.shape == swift.shape, "\(name)")
            // The bound: 1e-4 absolute on every output. Both sides compute in float32 with
            // their own exp/tanh (≤ 4 ulp) and summation orders; measured: at most 5e-7. A swapped
            // gate order gives 0.04-0.08 on these random weights, so 1e-4 catches any wrong
            // weight, gate or axis.
            let difference = ONNXTestSupport.maxAbsoluteDifference(onnx, swift)
            #expect(difference <= 1e-4, "\(name): max |ONNX Runtime − Swift| = \(difference) (\(kind), batch \(batch))")
        }
    }

    @Test("every supported opset exports a model ONNX Runtime runs to the same outputs (ReduceMean axes attribute vs input)",
          arguments: [14, 18, 21])
    func opsets(opset: Int) throws {
        let path = try Self.exported(opset: opset)
        let input = ONNXTestSupport.randomInput(batch: 3, seed: 99)
        let expected = Self.shared.model(input).byONNXName(confidenceTemperature: Self.shared.config.confidenceTemperature)
        let result = try ONNXTestSupport.runtime.run(modelPath: path, input: input, check: true)
        #expect(result.checkerPassed)
        for (name, swift) in expected {
            // Same bound and reason as above.
            let difference = ONNXTestSupport.maxAbsoluteDifference(try #require(result.outputs[name]), swift)
            #expect(difference <= 1e-4, "\(name) at opset \(opset): \(difference)")
        }
    }

    @Test("metadata_props carry the normalisation, class names, temperatures and model version")
    func metadata() throws {
        let path = try Self.exported(opset: ONNXExportOptions.defaultOpset)
        let result = try ONNXTestSupport.runtime.run(modelPath: path, input: ONNXTestSupport.randomInput(batch: 1, seed: 1))
        let metadata = result.metadata
        #expect(metadata["phase_classes"] == "contact,midStance,toeOff,swing")
        #expect(metadata["issue_classes"] == "overstriding,verticalBounce,asymmetry")
        #expect(metadata["phase_temperature"] == "1.25")
        #expect(metadata["confidence_temperature"] == "1.6")
        #expect(metadata["precision"] == "float32")
        #expect(metadata["frame_rate_hz"] == "60.0")
        let normalization = try JSONDecoder().decode(FeatureNormalization.self, from: Data(try #require(metadata["feature_normalization"]).utf8))
        #expect(normalization == Self.shared.config.normalization)
        #expect(metadata["landmarks"]?.split(separator: ",").count == 33)
        #expect(metadata["landmarks"]?.hasPrefix("nose,left_eye_inner,") == true)
        let version = try #require(metadata["model_version"])
        #expect(version.hasPrefix("gaitnet-checkpoint 1, epoch 0, weights fnv1a64:"))
        // Another model gets another fingerprint.
        let other = ONNXTestSupport.standardModel(seed: 12)
        #expect(ModelMetadata(model: other.model, config: other.config, options: ONNXExportOptions()).modelVersion != version)
    }

    @Test("an unsupported opset is refused with the supported range")
    func unsupportedOpset() throws {
        #expect(throws: GaitONNXError.unsupportedOpset(13)) {
            try ONNXExporter.export(model: Self.shared.model, config: Self.shared.config, options: ONNXExportOptions(opset: 13))
        }
        #expect(GaitONNXError.unsupportedOpset(13).description.contains("14-21"))
    }
}
