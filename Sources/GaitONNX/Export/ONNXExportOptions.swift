/// How `ONNXExporter` writes a model.
public struct ONNXExportOptions: Sendable, Equatable {
    /// Weight precision of the exported graph.
    public enum Precision: String, Sendable, CaseIterable {
        /// Every weight float32; standard ai.onnx operators only.
        case float32
        /// LSTM and attention weights int8 (symmetric, per output channel, −127…127), stored as
        /// `int8Weights` says (uint8 around `int8WeightZeroPoint` by default); activations
        /// quantized dynamically at run time; the heads stay float32. See `docs/onnx.md`.
        case int8
    }

    /// The zero point of the exported weights: an int8 weight q (−127…127) is written as the uint8
    /// q + 128. ONNX Runtime multiplies uint8 activations by int8 weights, on x86 CPUs without VNNI
    /// (AVX2, AVX-512 without VNNI), by adding each pair of products in 16 bits (vpmaddubsw), which
    /// saturates above 32,767 (2 × 255 × 127 does not fit); uint8 × uint8 it widens to 16 bits
    /// first and cannot saturate. Measured on an AVX2 CPU (2026-12-07): a `MatMulInteger` of
    /// all-255 activations by weights of ±120-127 came out at half the exact sum with int8 weights
    /// and exact with these. So every weight keeps all eight bits on every CPU.
    public static let int8WeightZeroPoint: UInt8 = 128

    /// How an int8 file stores its weights.
    public enum Int8WeightStorage: String, Sendable, CaseIterable {
        /// uint8 around `int8WeightZeroPoint`: exact in ONNX Runtime on every CPU. The default.
        case uint8
        /// int8, zero point 0: ONNX Runtime's uint8 × int8 kernels, which on a CPU with AVX-512
        /// VNNI give the same outputs bit for bit and run 1.4× faster at batch 1 and 2× at batch 64
        /// (Zen 4, 2026-12-07, `BENCHMARKS.md`), but on x86 CPUs without VNNI saturate (above). For
        /// files meant for VNNI CPUs only.
        case int8
    }

    /// The ai.onnx operator set version (`supportedOpsets`).
    public var opset: Int
    public var precision: Precision
    /// How `.int8` stores its weights (ignored for `.float32`).
    public var int8Weights: Int8WeightStorage
    /// Written as the model's `producer_version`.
    public var producerVersion: String

    public init(opset: Int = ONNXExportOptions.defaultOpset, precision: Precision = .float32, int8Weights: Int8WeightStorage = .uint8,
                producerVersion: String = "") {
        self.opset = opset
        self.precision = precision
        self.int8Weights = int8Weights
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
