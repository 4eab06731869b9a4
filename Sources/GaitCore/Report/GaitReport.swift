import Foundation

/// What the report says the person in the clip is doing.
public enum Activity: String, Codable, Sendable {
    case running, walking, unknown
}

/// Facts about the analysed input.
public struct InputSummary: Codable, Equatable, Sendable {
    /// Free text naming the input (file name, simulator parameters...).
    public var source: String
    public var frameCount: Int
    public var durationSeconds: Double
    /// Frame rate the source claims, frames per second.
    public var nominalFPS: Double
    public var width: Int
    public var height: Int

    public init(source: String, frameCount: Int, durationSeconds: Double, nominalFPS: Double, width: Int, height: Int) {
        self.source = source
        self.frameCount = frameCount
        self.durationSeconds = durationSeconds
        self.nominalFPS = nominalFPS
        self.width = width
        self.height = height
    }
}

/// What a neural gait model contributed to the report.
public struct ModelContribution: Codable, Equatable, Sendable {
    /// Model name and version.
    public var name: String
    /// Form score the model predicted, 0-10.
    public var formScore: Double
    /// Issue probabilities the model predicted, 0-1.
    public var issueProbabilities: [IssueKind: Double]
    /// Share of frames where the model's phase agrees with the rule-based phase, 0-1.
    public var phaseAgreement: Double?
    /// How the model and the rules were combined, in words.
    public var fusion: String

    public init(name: String, formScore: Double, issueProbabilities: [IssueKind: Double], phaseAgreement: Double?, fusion: String) {
        self.name = name
        self.formScore = formScore
        self.issueProbabilities = issueProbabilities
        self.phaseAgreement = phaseAgreement
        self.fusion = fusion
    }
}

/// The result of a gait analysis: `runcoach-report` version 1 (documented in `docs/report.md`).
///
/// The simulator writes its exact ground truth in this same shape, so a report and its truth can be
/// compared key by key.
public struct GaitReport: Codable, Equatable, Sendable {
    public static let formatName = "runcoach-report"
    public static let currentVersion = 1

    public var format: String = GaitReport.formatName
    public var version: Int = GaitReport.currentVersion
    /// The program that wrote the report, e.g. "runcoach 0.1.0" or "runcoach-sim 0.1.0 (ground truth)".
    public var generator: String
    public var input: InputSummary?
    public var activity: Activity
    public var capture: CaptureSummary?
    /// One entry per foot contact, in time order.
    public var events: [GaitEvent]
    /// One entry per input frame.
    public var phases: [FramePhase]
    public var metrics: [MetricKey: MetricResult]
    /// Per-contact measurements.
    public var steps: [StepRecord]
    public var score: FormScore?
    /// All three issue kinds, present or not.
    public var issues: [GaitIssue]
    public var confidence: ConfidenceSummary?
    public var model: ModelContribution?
    /// Per-frame joint angles and pelvis height for charts.
    public var series: KinematicSeries?
    /// Anything the reader should know that has no better place (e.g. "walking: no flight phase").
    public var notes: [String]

    public init(
        generator: String, input: InputSummary? = nil, activity: Activity, capture: CaptureSummary? = nil,
        events: [GaitEvent] = [], phases: [FramePhase] = [], metrics: [MetricKey: MetricResult] = [:],
        steps: [StepRecord] = [], score: FormScore? = nil, issues: [GaitIssue] = [],
        confidence: ConfidenceSummary? = nil, model: ModelContribution? = nil, series: KinematicSeries? = nil,
        notes: [String] = []
    ) {
        self.generator = generator
        self.input = input
        self.activity = activity
        self.capture = capture
        self.events = events
        self.phases = phases
        self.metrics = metrics
        self.steps = steps
        self.score = score
        self.issues = issues
        self.confidence = confidence
        self.model = model
        self.series = series
        self.notes = notes
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        return try encoder.encode(self)
    }

    /// Reads a report (or a simulator truth file) from JSON.
    public static func decode(_ data: Data) throws -> GaitReport {
        try JSONDecoder().decode(GaitReport.self, from: data)
    }

    /// Writes the report to `path` atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(jsonData(), to: path)
    }

    /// The issue of `kind`, if the report rated it.
    public func issue(_ kind: IssueKind) -> GaitIssue? {
        issues.first { $0.kind == kind }
    }
}
