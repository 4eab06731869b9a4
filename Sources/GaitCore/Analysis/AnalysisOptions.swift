/// Settings of one analysis.
public struct AnalysisOptions: Sendable {
    /// Runner height in metres; overrides the pose file's `runner.heightMeters`.
    public var runnerHeightMeters: Double?
    /// A learned model to consult next to the rules (phases, score, issues, confidence).
    public var model: (any GaitModel)?
    /// Whether the report carries the per-frame angle series for charts.
    public var includeSeries = true
    /// Shortest clip analysed, seconds (about three strides at an easy pace).
    public var minimumDurationSeconds = 2.0

    public init(runnerHeightMeters: Double? = nil, model: (any GaitModel)? = nil) {
        self.runnerHeightMeters = runnerHeightMeters
        self.model = model
    }
}
