/// One component of the form score: the metric it rates, how, and its weight in the total.
///
/// A component can be rated from more than one metric (for example the vertical ratio, or the
/// vertical oscillation when the ratio is withheld); the first measured candidate is used.
public struct FormScoreRule: Sendable, Equatable {
    /// A metric that can stand for the component, with the band that rates it.
    public struct Candidate: Sendable, Equatable {
        public var metric: MetricKey
        public var band: ScoreBand

        public init(_ metric: MetricKey, _ band: ScoreBand) {
            self.metric = metric
            self.band = band
        }
    }

    /// Short name written in the report, e.g. "cadence".
    public var name: String
    /// The metrics that can rate this component, most preferred first (never empty).
    public var candidates: [Candidate]
    /// Weight in the total before renormalisation, 0-1 (the standard rules' weights sum to 1).
    public var weight: Double

    public init(name: String, candidates: [Candidate], weight: Double) {
        precondition(!candidates.isEmpty, "a score component needs a metric")
        self.name = name
        self.candidates = candidates
        self.weight = weight
    }

    /// The first candidate whose metric has a numeric value in `metrics`, with that value.
    func rate(_ metrics: [MetricKey: MetricResult]) -> (candidate: Candidate, value: Double)? {
        for candidate in candidates {
            if let value = metrics[candidate.metric]?.number, value.isFinite {
                return (candidate, value)
            }
        }
        return nil
    }
}

extension FormScoreRule {
    /// The form score's components. Every range, weight and its source is explained in
    /// `docs/scoring.md`; keep the two in step.
    public static let standard: [FormScoreRule] = [
        // Garmin Running Dynamics cadence zones: blue 174-183, purple > 183, red < 153 steps/min.
        FormScoreRule(
            name: "cadence",
            candidates: [Candidate(.cadence, ScoreBand(idealLow: 174, idealHigh: 210, zeroBelow: 153, zeroAbove: 250))],
            weight: 0.20),
        // Garmin ground contact time zones: purple < 218, blue 218-248, red > 308 ms.
        FormScoreRule(
            name: "groundContactTime",
            candidates: [
                Candidate(.groundContactTime, ScoreBand(idealLow: 0.150, idealHigh: 0.248, zeroBelow: 0.100, zeroAbove: 0.308))
            ],
            weight: 0.15),
        // Garmin Running Dynamics Pod (worn at the waist, like our pelvis point) zones:
        // vertical ratio blue ≤ 8.3 %, red > 11.9 %; vertical oscillation blue ≤ 8.9 cm, red > 13.0 cm.
        FormScoreRule(
            name: "verticalMotion",
            candidates: [
                Candidate(.verticalRatio, ScoreBand(idealLow: 0, idealHigh: 8.3, zeroBelow: nil, zeroAbove: 11.9)),
                Candidate(.verticalOscillation, ScoreBand(idealLow: 0, idealHigh: 0.089, zeroBelow: nil, zeroAbove: 0.130)),
            ],
            weight: 0.20),
        // Garmin GCT balance zones: green 49.3-50.7 %, red beyond 52.2 % either way.
        FormScoreRule(
            name: "contactTimeBalance",
            candidates: [
                Candidate(.contactTimeBalance, ScoreBand(idealLow: 49.3, idealHigh: 50.7, zeroBelow: 47.8, zeroAbove: 52.2))
            ],
            weight: 0.15),
        // No published cut-off: project choice (see docs/scoring.md, "Landing position").
        FormScoreRule(
            name: "landingPosition",
            candidates: [
                Candidate(.shankAngleAtContact, ScoreBand(idealLow: -5, idealHigh: 6, zeroBelow: -15, zeroAbove: 16)),
                Candidate(.overstrideLegLengths, ScoreBand(idealLow: -0.06, idealHigh: 0.23, zeroBelow: -0.23, zeroAbove: 0.41)),
            ],
            weight: 0.20),
        // Teng & Powers 2014: extended 4.0°, self-selected 7.3°, flexed 14.1° (mean trunk flexion).
        FormScoreRule(
            name: "trunkLean",
            candidates: [Candidate(.trunkLean, ScoreBand(idealLow: 4, idealHigh: 14, zeroBelow: -6, zeroAbove: 25))],
            weight: 0.10),
    ]
}
