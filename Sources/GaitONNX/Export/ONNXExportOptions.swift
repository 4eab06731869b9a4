/// How `ONNXExporter` writes a model.
public struct ONNXExportOptions: Sendable, Equatable {
    /// Weight precision of the exported graph.
    public enum Precision: String, Sendable, CaseIterable {
        /// Every weight float32; standard ai.onnx operators only.
        case float32
        /// LSTM and attention weights int8 (symmetric, per output channel, within
        /// ±`int8WeightLevel`), activations quantized dynamically at run time; the heads stay
        /// float32. See `docs/onnx.md`.
        case int8
    }

    /// The largest magnitude of an exported int8 weight: 63, seven bits. ONNX Runtime multiplies
    /// uint8 activations by int8 weights; on x86 CPUs without VNNI (AVX2, AVX-512 without VNNI)
    /// its kernels add each pair of products in 16 bits (vpmaddubsw), which saturates above 32767:
    /// 2 × 255 × 127 can overflow, 2 × 255 × 63 = 32130 cannot. With the whole ±127 range a test
    /// model agreed with float32 on 97.0 % of phases on such a CPU (AVX2, 2026-12-07) against
    /// over 99 % with VNNI. ONNX Runtime's own quantizer calls this `reduce_range`.
    public static let int8WeightLevel: Int8 = 63

    /// The ai.onnx operator set version (`supportedOpsets`).
    public var opset: Int
    public var precision: Precision
    /// Written as the model's `producer_version`.
    public var producerVersion: String

    public init(opset: Int = ONNXExportOptions.defaultOpset, precision: Precision = .float32, producerVersion: String = "") {
        self.opset = opset
        self.precision = precision
        self.producerVersion = producerVersion
    }

    public static let defaultOpset = 17
    /// Opsets the exporter writes: 14 (the first with today's LSTM and Reshape) to 21. Opset 18
    /// moved ReduceMean's axes from an attribute to an input; the exporter follows either form.
    public static let supportedOpsets = 14...21

    /// The ONNX IR version that goes with `opset` (onnx's `helper.VERSION_TABLE`): the oldest that
    /// can carry it, so older runtimes load the file too.
    var irVersion: Int {
        switch opset {
        case ...14: return 7
        case 15...18: return 8
        case 19...20: return 9
        default: return 10
        }
    }
}
