/// The form score and the three form issues, computed from the report's metrics alone.
///
/// `assess` is a pure function of the metrics, so the simulator can compute the exact ground-truth
/// score and issues from its exact metrics, and a report's assessment can be recomputed from its
/// `metrics` object. Ranges, weights and their sources: `docs/scoring.md`.
public enum FormAssessment {
    /// A score needs at least this many rated components…
    public static let minimumComponents = 3
    /// …carrying at least this share of the total weight (before renormalisation).
    public static let minimumWeightShare = 0.5

    /// What the assessment found.
    public struct Result: Equatable, Sendable {
        /// The form score, or `nil` when too few components could be rated (`scoreWithheldReason` says why).
        public var score: FormScore?
        /// Why there is no score, in plain words; `nil` when there is one.
        public var scoreWithheldReason: String?
        /// Overstriding, vertical bounce and asymmetry, in that order, always all three.
        public var issues: [GaitIssue]
    }

    /// Rates the running form from `metrics` (keyed as in the report).
    ///
    /// - Score: each component's sub-score (0-10) comes from its first measured metric; withheld
    ///   components keep their nominal weight in the report but drop out, and the total is the
    ///   weighted mean over the rated ones (weights renormalised to sum to 1).
    /// - Issues: each issue's probability is the weighted mean of its measured evidence metrics'
    ///   probabilities (see `IssueEvidenceRule`); an issue with no measured evidence is reported
    ///   as not assessable (`GaitIssue.notAssessableReason`).
    public static func assess(
        _ metrics: [MetricKey: MetricResult],
        scoreRules: [FormScoreRule] = FormScoreRule.standard,
        issueRules: [IssueRule] = IssueRule.standard
    ) -> Result {
        let (score, reason) = formScore(metrics, rules: scoreRules)
        return Result(score: score, scoreWithheldReason: reason, issues: issueRules.map { issue($0, metrics) })
    }

    // MARK: - Score

    static func formScore(_ metrics: [MetricKey: MetricResult], rules: [FormScoreRule]) -> (FormScore?, String?) {
        var components: [ScoreComponent] = []
        var ratedWeight = 0.0
        var weightedSum = 0.0
        var ratedCount = 0
        for rule in rules {
            if let (candidate, value) = rule.rate(metrics) {
                let subScore = candidate.band.subScore(value)
                components.append(
                    ScoreComponent(
                        name: rule.name, metric: candidate.metric, value: value, score: subScore,
                        weight: rule.weight, idealRange: candidate.band.idealRange))
                ratedWeight += rule.weight
                weightedSum += rule.weight * subScore
                ratedCount += 1
            } else {
                let preferred = rule.candidates[0]
                components.append(
                    ScoreComponent(
                        name: rule.name, metric: preferred.metric, value: nil, score: nil,
                        weight: rule.weight, idealRange: preferred.band.idealRange))
            }
        }
        let totalWeight = rules.reduce(0) { $0 + $1.weight }
        guard ratedCount >= minimumComponents, totalWeight > 0, ratedWeight / totalWeight >= minimumWeightShare else {
            let missing = components.filter { $0.score == nil }.map(\.name)
            let reason = "no form score: only \(ratedCount) of \(rules.count) score components could be rated "
                + "(at least \(minimumComponents) carrying half the weight are needed); missing: "
                + missing.joined(separator: ", ")
            return (nil, reason)
        }
        return (FormScore(value: weightedSum / ratedWeight, components: components), nil)
    }

    // MARK: - Issues

    static func issue(_ rule: IssueRule, _ metrics: [MetricKey: MetricResult]) -> GaitIssue {
        var evidence: [IssueEvidence] = []
        var weightedProbability = 0.0
        var totalWeight = 0.0
        var readings: [(rule: IssueEvidenceRule, rated: Double)] = []
        for evidenceRule in rule.evidence {
            if let other = evidenceRule.onlyWithout, metrics[other]?.measurement != nil { continue }
            guard let measurement = metrics[evidenceRule.metric]?.measurement,
                let reading = evidenceRule.reading(of: measurement)
            else { continue }
            let probability = evidenceRule.probability(rated: reading.rated, uncertainty: reading.ratedUncertainty)
            weightedProbability += evidenceRule.weight * probability
            totalWeight += evidenceRule.weight
            readings.append((evidenceRule, reading.rated))
            evidence.append(
                IssueEvidence(
                    metric: evidenceRule.metric, value: reading.shown, unit: reading.unit,
                    normalRange: evidenceRule.normalRange))
        }
        guard totalWeight > 0 else {
            return .notAssessable(rule.kind, reason: notAssessableReason(rule, metrics))
        }
        let probability = min(1, max(0, weightedProbability / totalWeight))
        let detected = probability >= 0.5
        let severity: IssueSeverity =
            detected
            ? readings.filter { $0.rated >= $0.rule.threshold }.map { $0.rule.severity(rated: $0.rated) }.max() ?? .mild
            : .none
        return GaitIssue(
            kind: rule.kind, probability: probability, severity: severity, evidence: evidence,
            cue: detected ? cue(rule, metrics) : "")
    }

    /// The rule's cue; for asymmetry it first says which foot stays down longer, when that is known.
    static func cue(_ rule: IssueRule, _ metrics: [MetricKey: MetricResult]) -> String {
        guard rule.kind == .asymmetry else { return rule.cue }
        let leftShare = metrics[.contactTimeBalance]?.number
            ?? metrics[.groundContactTime]?.measurement.flatMap { m in
                m.left.flatMap { left in m.right.map { right in 100 * left / (left + right) } }
            }
        guard let leftShare, leftShare.isFinite, leftShare != 50 else {
            return "One foot stays on the ground longer than the other. " + rule.cue
        }
        let (longer, shorter) = leftShare > 50 ? ("left", "right") : ("right", "left")
        return "Your \(longer) foot stays on the ground longer than your \(shorter). " + rule.cue
    }

    static func notAssessableReason(_ rule: IssueRule, _ metrics: [MetricKey: MetricResult]) -> String {
        let missing = rule.evidence.map { evidenceRule -> String in
            if case .withheld(let why) = metrics[evidenceRule.metric] {
                return "\(evidenceRule.metric.rawValue) withheld (\(why))"
            }
            return metrics[evidenceRule.metric] == nil
                ? "\(evidenceRule.metric.rawValue) not measured"
                : "\(evidenceRule.metric.rawValue) lacks the left/right values"
        }
        return "not assessable: " + missing.joined(separator: "; ") + ". To rate it, " + rule.captureAdvice + "."
    }
}
