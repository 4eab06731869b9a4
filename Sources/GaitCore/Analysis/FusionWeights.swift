/// How much of the fused form score and of each fused issue probability comes from a model (the
/// rest from the rules), fitted on calibration recordings and stored with the model
/// (`CheckpointConfig.fusionWeights`). Without them `ModelFusion` weighs the two sources by their
/// confidences.
public struct FusionWeights: Codable, Sendable, Equatable {
    /// The model's share of the form score, 0-1.
    public var formScore: Double
    /// The model's share of each issue's probability, 0-1, in `IssueKind.allCases` order.
    public var issues: [Double]
    /// Calibration recordings the shares were fitted on (those the rule-based analyzer accepted).
    public var recordings: Int

    public init(formScore: Double, issues: [Double], recordings: Int) {
        precondition(issues.count == IssueKind.allCases.count, "FusionWeights: \(issues.count) issue shares")
        self.formScore = formScore
        self.issues = issues
        self.recordings = recordings
    }

    /// The model's share of `kind`'s probability.
    public func issue(_ kind: IssueKind) -> Double { issues[kind.classIndex] }

    /// "score 65%, overstriding 100%, verticalBounce 55%, asymmetry 45%".
    public var sharesDescription: String {
        ([String(format: "score %.0f%%", 100 * formScore)] + IssueKind.allCases.map { String(format: "%@ %.0f%%", $0.rawValue, 100 * issue($0)) })
            .joined(separator: ", ")
    }
}
