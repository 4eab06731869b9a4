/// What a learned gait model predicts for one pose sequence.
public struct GaitModelPrediction: Sendable {
    /// Model name and version, shown in the report.
    public var name: String
    /// Per input frame, the probabilities of the four phases in `GaitPhase.allCases` order
    /// (each row sums to 1); shape [frames][4], aligned with `PoseSequence.frames`.
    public var phaseProbabilities: [[Double]]
    /// Predicted form score, 0-10.
    public var formScore: Double
    /// Predicted probability of each issue, 0-1.
    public var issueProbabilities: [IssueKind: Double]
    /// The model's confidence in its own prediction, 0-1.
    public var confidence: Double
    /// The model's fitted shares of the fused score and issues (`FusionWeights`); `nil` leaves
    /// `ModelFusion` to weigh the sources by their confidences.
    public var fusionWeights: FusionWeights?

    public init(
        name: String, phaseProbabilities: [[Double]], formScore: Double,
        issueProbabilities: [IssueKind: Double], confidence: Double, fusionWeights: FusionWeights? = nil
    ) {
        self.name = name
        self.phaseProbabilities = phaseProbabilities
        self.formScore = formScore
        self.issueProbabilities = issueProbabilities
        self.confidence = confidence
        self.fusionWeights = fusionWeights
    }
}

/// A learned model the analyzer can consult next to its rule-based analysis.
///
/// `GaitCore` states the need; the `GaitML` module conforms (GaitNet) and the CLI wires it in, so
/// the core never imports the neural-network code.
public protocol GaitModel: Sendable {
    /// Predicts phases, score, issues and confidence for `sequence`.
    func predict(_ sequence: PoseSequence) throws -> GaitModelPrediction
}
