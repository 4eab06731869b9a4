/// One part of the form score.
public struct ScoreComponent: Codable, Equatable, Sendable {
    /// Short name, e.g. "cadence".
    public var name: String
    /// The metric it rates.
    public var metric: MetricKey
    /// The metric's value that was rated, in the metric's unit (`nil` when the metric was withheld).
    public var value: Double?
    /// The sub-score, 0-10 (`nil` when the metric was withheld; the weights are then renormalised).
    public var score: Double?
    /// Weight of this component in the total, 0-1 (the weights sum to 1).
    public var weight: Double
    /// The range rated 10/10, in the metric's unit.
    public var idealRange: [Double]

    public init(name: String, metric: MetricKey, value: Double?, score: Double?, weight: Double, idealRange: [Double]) {
        self.name = name
        self.metric = metric
        self.value = value
        self.score = score
        self.weight = weight
        self.idealRange = idealRange
    }
}

/// The running-form score, 0-10, with its parts (see `docs/scoring.md`).
public struct FormScore: Codable, Equatable, Sendable {
    /// 0 (poor) to 10 (excellent).
    public var value: Double
    public var components: [ScoreComponent]

    public init(value: Double, components: [ScoreComponent]) {
        self.value = value
        self.components = components
    }
}

/// The form issues the analysis looks for.
public enum IssueKind: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case overstriding, verticalBounce, asymmetry

    /// Index in the model's issue head (overstriding 0, verticalBounce 1, asymmetry 2).
    public var classIndex: Int { IssueKind.allCases.firstIndex(of: self)! }
}

/// How bad an issue is.
public enum IssueSeverity: String, Codable, Sendable, Comparable {
    case none, mild, moderate, severe

    private var rank: Int { [.none, .mild, .moderate, .severe].firstIndex(of: self)! }
    public static func < (lhs: IssueSeverity, rhs: IssueSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// A metric value that supports (or rules out) an issue.
public struct IssueEvidence: Codable, Equatable, Sendable {
    public var metric: MetricKey
    public var value: Double
    public var unit: String
    /// The normal range [low, high] in the metric's unit.
    public var normalRange: [Double]

    public init(metric: MetricKey, value: Double, unit: String, normalRange: [Double]) {
        self.metric = metric
        self.value = value
        self.unit = unit
        self.normalRange = normalRange
    }
}

/// One form issue, whether present or not: every analysis rates all three kinds.
public struct GaitIssue: Codable, Equatable, Sendable {
    public var kind: IssueKind
    /// True when the probability is at least 0.5.
    public var detected: Bool
    /// Probability that the issue is present, 0-1.
    public var probability: Double
    public var severity: IssueSeverity
    public var evidence: [IssueEvidence]
    /// What to try, in a runner's words (empty when not detected).
    public var cue: String
    /// Why the issue could not be rated (every metric it rests on was withheld), or `nil` when it was
    /// rated. A not-assessable issue has probability 0, severity `none`, no evidence and is not
    /// detected: the 0 means "no evidence", not "ruled out". Absent from older reports.
    public var notAssessableReason: String?

    public init(
        kind: IssueKind, probability: Double, severity: IssueSeverity, evidence: [IssueEvidence], cue: String,
        notAssessableReason: String? = nil
    ) {
        self.kind = kind
        self.detected = probability >= 0.5
        self.probability = probability
        self.severity = severity
        self.evidence = evidence
        self.cue = cue
        self.notAssessableReason = notAssessableReason
    }

    /// An issue that could not be rated because the metrics it rests on are missing; `reason` says
    /// which and what to change.
    public static func notAssessable(_ kind: IssueKind, reason: String) -> GaitIssue {
        GaitIssue(kind: kind, probability: 0, severity: .none, evidence: [], cue: "", notAssessableReason: reason)
    }
}

/// The confidence levels of the report (thresholds on the overall percentage).
public enum ConfidenceLevel: String, Codable, Sendable {
    /// Overall above 90%.
    case high
    /// 75-90%.
    case good
    /// 60-75%.
    case moderate
    /// Below 60%.
    case low

    /// The level for an overall confidence in percent.
    public init(percent: Double) {
        switch percent {
        case let p where p > 90: self = .high
        case let p where p >= 75: self = .good
        case let p where p >= 60: self = .moderate
        default: self = .low
        }
    }
}

/// How far the analysis can be trusted, and why.
public struct ConfidenceSummary: Codable, Equatable, Sendable {
    /// Overall confidence, 0-100 %.
    public var overall: Double
    public var level: ConfidenceLevel
    /// Pose quality: landmark visibility, tracking stability, coverage of the feet, 0-100 %.
    public var pose: Double
    /// Gait-event quality: event sharpness, step regularity, number of steps, 0-100 %.
    public var events: Double
    /// The neural model's own confidence, 0-100 %, when a model took part.
    public var model: Double?
    /// Why the confidence is what it is, in plain words.
    public var reasons: [String]
    /// What to change when filming to raise it (empty when nothing needs to change).
    public var advice: [String]

    public init(overall: Double, pose: Double, events: Double, model: Double? = nil, reasons: [String], advice: [String]) {
        self.overall = overall
        self.level = ConfidenceLevel(percent: overall)
        self.pose = pose
        self.events = events
        self.model = model
        self.reasons = reasons
        self.advice = advice
    }
}
