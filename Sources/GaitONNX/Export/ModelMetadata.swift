import Foundation
import GaitCore
import GaitML

/// The `metadata_props` of an exported GaitNet: everything a program in another language needs to
/// feed the model and read its outputs (keys documented in `docs/onnx.md`).
struct ModelMetadata {
    let model: GaitNet
    let config: CheckpointConfig
    let options: ONNXExportOptions

    /// Key-value pairs in a fixed order.
    var entries: [(String, String)] {
        let c = model.configuration
        var entries: [(String, String)] = [
            ("model_name", "GaitNet"),
            ("model_version", modelVersion),
            ("precision", options.precision.rawValue),
            ("input", "pose_sequence [batch, \(c.frameCount), \(c.inputSize)]: \(c.frameCount) frames at \(number(config.normalization.frameRate)) fps, "
                + "per frame 33 BlazePose landmarks (MediaPipe order) × (x, y, z, visibility) after feature_normalization"),
            ("feature_normalization", json(config.normalization)),
            ("feature_normalization_recipe", Self.recipe),
            ("frame_rate_hz", number(config.normalization.frameRate)),
            ("frame_count", "\(c.frameCount)"),
            ("landmarks", BlazePoseLandmark.allCases.map(\.mediaPipeName).joined(separator: ",")),
            ("phase_classes", config.phaseClasses.joined(separator: ",")),
            ("issue_classes", config.issueKinds.joined(separator: ",")),
            ("phase_temperature", number(config.phaseTemperature)),
            ("confidence_temperature", number(config.confidenceTemperature)),
            ("issue_thresholds", (config.issueThresholds ?? config.issueKinds.map { _ in 0.5 }).map(number).joined(separator: ",")),
            ("outputs", "phase_logits [batch, \(c.frameCount), 4]: softmax(phase_logits / phase_temperature) = per-frame phase probabilities; "
                + "form_score [batch]: 0-10 points; issue_logits [batch, 3]: sigmoid = issue probabilities "
                + "(a recording's issue is flagged when the mean over its windows reaches issue_thresholds); "
                + "confidence [batch]: probability that the window's phases are right (calibrated with confidence_temperature)"),
            ("gaitnet_config", json(c)),
            ("training_notes", config.notes),
        ]
        if options.precision == .int8 { entries.append(("int8_weights", Self.int8WeightsNote(options.int8Weights))) }
        return entries
    }

    /// What the `int8_weights` entry says about `storage`: the weights' type and where they are exact.
    static func int8WeightsNote(_ storage: ONNXExportOptions.Int8WeightStorage) -> String {
        switch storage {
        case .uint8: return "uint8, zero point 128: exact in ONNX Runtime on every CPU"
        case .int8: return "int8, zero point 0: for CPUs with VNNI (ONNX Runtime's kernels saturate on x86 CPUs without it)"
        }
    }

    /// "gaitnet-checkpoint 1, epoch E, weights fnv1a64:XXXXXXXXXXXXXXXX": the checkpoint format,
    /// how long it trained, and a fingerprint of the float32 weights that tells two models apart.
    var modelVersion: String {
        "\(config.format) \(config.version), epoch \(config.epoch), weights fnv1a64:\(Self.fingerprint(model.parameters))"
    }

    /// The normalisation a caller must apply (`FeatureNormalization.recipe`).
    static let recipe = """
        1) resample the pose sequence to frame_rate_hz (linear interpolation); 2) x, y to pixels (x·width, \
        y·height), z·width; 3) x minus the frame's mid-hip x, y minus the window's mean mid-hip y; 4) divide \
        x, y, z by the window's median leg length in pixels (thigh + shank, hip-knee-ankle, mean of the legs \
        measured in each frame; without legs the median mid-hip to mid-shoulder distance × 1.705, without \
        either half the image height); 5) visibility unchanged; an unmeasured landmark is (0, 0, 0, 0)
        """

    /// FNV-1a (64-bit) over the little-endian bytes of every parameter, in checkpoint order.
    static func fingerprint(_ parameters: [Parameter]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for parameter in parameters {
            for value in parameter.value.scalars {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes in
                    for byte in bytes {
                        hash ^= UInt64(byte)
                        hash = hash &* 0x0000_0100_0000_01b3
                    }
                }
            }
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }

    private func json<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? ""
    }

    private func number(_ value: Double) -> String { "\(value)" }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
