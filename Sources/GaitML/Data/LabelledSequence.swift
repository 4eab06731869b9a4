import GaitCore

/// A pose sequence with what the model learns from it: per-frame phases, form score and issues,
/// plus the facts used to group and stratify data splits.
public struct LabelledSequence: Sendable {
    public var poses: PoseSequence
    /// Phase of each frame of `poses` (`nil` = unknown, ignored by the loss).
    public var phases: [GaitPhase?]
    /// The foot contacts behind `phases`, when known: resampled frames are then labelled exactly
    /// from them (`PhaseLabeler`) instead of copying the nearest frame's label.
    public var events: [GaitEvent]?
    /// Form score in points (0-10), `nil` when not rated.
    public var formScore: Double?
    /// Whether each issue is present (`IssueKind.classIndex` order).
    public var issues: [Bool]
    /// What the issue head learns for each issue, 0-1 (`IssueKind.classIndex` order): the label's
    /// own probability where it has one, else the flags as 1 or 0. A simulator truth's probability
    /// comes from the issue rules on the exact metrics, so a runner just past a threshold is
    /// taught as just past it rather than as a clear case.
    public var issueTargets: [Double]
    /// Identifies the runner: splits never put one runner in two folds.
    public var runnerID: String
    /// Strata for balanced folds, e.g. `pace`, `camera`, `environment`.
    public var strata: [String: String]
    /// Numbers that describe the recording for error analysis, e.g. `truth.shankAngleAtContact`
    /// (degrees) or `sim.runnerHeightMeters`; the key names the unit where it has one. Not used in
    /// training or splits; `evaluate` writes them as columns of recordings.csv.
    public var details: [String: Double] = [:]

    /// `issueProbabilities`, when given, must agree with `issues` (a flag is set where its
    /// probability is at least 0.5).
    public init(poses: PoseSequence, phases: [GaitPhase?], events: [GaitEvent]? = nil, formScore: Double?, issues: [Bool],
                issueProbabilities: [Double]? = nil, runnerID: String, strata: [String: String] = [:]) {
        precondition(phases.count == poses.frames.count, "one phase label per frame")
        precondition(issues.count == IssueKind.allCases.count, "one flag per issue kind")
        if let probabilities = issueProbabilities {
            precondition(probabilities.count == issues.count && zip(probabilities, issues).allSatisfy { (0...1).contains($0) && ($0 >= 0.5) == $1 },
                         "one probability per issue kind, 0-1, agreeing with the flags")
        }
        self.poses = poses
        self.phases = phases
        self.events = events
        self.formScore = formScore
        self.issues = issues
        self.issueTargets = issueProbabilities ?? issues.map { $0 ? 1 : 0 }
        self.runnerID = runnerID
        self.strata = strata
    }

    /// Labels from a simulator truth (or any report): phases per frame, the score, the issues the
    /// report marks `detected` and their probabilities; the report's numeric metrics as
    /// `details` (`truth.<metric key>`, in the metric's unit).
    public init(poses: PoseSequence, truth: GaitReport, runnerID: String, strata: [String: String] = [:]) {
        let phaseByTime = Dictionary(truth.phases.map { ($0.t, $0.phase) }, uniquingKeysWith: { first, _ in first })
        let phases = poses.frames.map { frame in phaseByTime[frame.time] ?? nil }
        let issues = IssueKind.allCases.map { truth.issue($0) }
        self.init(poses: poses, phases: phases, events: truth.events.isEmpty ? nil : truth.events, formScore: truth.score?.value,
                  issues: issues.map { $0?.detected ?? false }, issueProbabilities: issues.map { $0?.probability ?? 0 },
                  runnerID: runnerID, strata: strata)
        for (key, metric) in truth.metrics {
            if let value = metric.number, value.isFinite { details["truth.\(key.rawValue)"] = value }
        }
    }

    /// The mirrored recording (x → 1 − x, left and right landmarks swapped). The labels need no
    /// swap: phases are side-agnostic, and the three issues are properties of the whole gait.
    public func mirrored() -> LabelledSequence {
        var copy = self
        copy.poses = poses.mirrored()
        return copy
    }
}
