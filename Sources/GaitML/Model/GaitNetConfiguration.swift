/// The hyper-parameters that fix GaitNet's shape; stored with every checkpoint (`config.json`).
public struct GaitNetConfiguration: Codable, Equatable, Sendable {
    /// Frames per window (30).
    public var frameCount: Int
    /// Features per frame: 33 BlazePose landmarks × (x, y, z, visibility) = 132.
    public var inputSize: Int
    /// LSTM hidden units per direction (256).
    public var hiddenSize: Int
    /// Stacked bidirectional LSTM layers (3).
    public var layerCount: Int
    /// Dropout between LSTM layers while training (0.3).
    public var dropout: Float
    /// Attention heads (8); must divide 2 · hiddenSize.
    public var headCount: Int

    /// Phase classes: contact, midStance, toeOff, swing (`GaitPhase.classIndex` order).
    public static let phaseClassCount = 4
    /// Issue logits: overstriding, verticalBounce, asymmetry (`IssueKind.classIndex` order).
    public static let issueCount = 3
    /// The form score is 10 · σ(logit): 0 to 10 points.
    public static let formScoreScale: Float = 10

    public init(frameCount: Int = 30, inputSize: Int = 132, hiddenSize: Int = 256, layerCount: Int = 3,
                dropout: Float = 0.3, headCount: Int = 8) {
        self.frameCount = frameCount
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.dropout = dropout
        self.headCount = headCount
    }

    /// The issue's default model: 30 × 132 input, 3 × BiLSTM(256), 8 heads, dropout 0.3.
    public static let standard = GaitNetConfiguration()

    /// Width of the LSTM output, the attention and the heads' input: 2 · hiddenSize.
    public var embeddingSize: Int { 2 * hiddenSize }
}
