/// How one metric counts as evidence for a form issue.
///
/// The metric gives a *rated quantity* q (the value itself, its distance from a balanced value, or
/// its left/right asymmetry index). The probability that the issue shows in this metric is
///
///     p = Φ((q − threshold) / √(softness² + u²))
///
/// where Φ is the standard normal CDF, u the measurement's uncertainty in the units of q (0 when the
/// report gives none) and `softness = (moderateAt − threshold) / 2`. So p is 0.5 at the threshold,
/// smooth and increasing in q, about 0.98 at `moderateAt` when u = 0, and pulled towards 0.5 when u is
/// large compared with the distance to the threshold.
public struct IssueEvidenceRule: Sendable, Equatable {
    /// What is rated from the metric.
    public enum Quantity: Sendable, Equatable {
        /// The metric's value.
        case value
        /// |value − centre|, e.g. the contact-time balance's distance from 50 %.
        case distance(from: Double)
        /// The metric's left/right asymmetry index in % (`MetricMeasurement.asymmetryPercent`).
        case asymmetryIndex
    }

    public var metric: MetricKey
    public var quantity: Quantity
    /// q at which the probability is 0.5 (issue as likely present as not).
    public var threshold: Double
    /// q from which a detected issue is `moderate`.
    public var moderateAt: Double
    /// q from which a detected issue is `severe`.
    public var severeAt: Double
    /// Weight of this metric among the issue's evidence (renormalised over the measured ones).
    public var weight: Double
    /// The normal range shown in the evidence, in the units of the shown value.
    public var normalRange: [Double]
    /// When set, this metric is used only when that one is not measured (it carries the same
    /// information, so both together would count it twice).
    public var onlyWithout: MetricKey?

    public init(
        metric: MetricKey, quantity: Quantity = .value, threshold: Double, moderateAt: Double, severeAt: Double,
        weight: Double, normalRange: [Double], onlyWithout: MetricKey? = nil
    ) {
        precondition(threshold < moderateAt && moderateAt < severeAt, "thresholds must increase")
        self.metric = metric
        self.quantity = quantity
        self.threshold = threshold
        self.moderateAt = moderateAt
        self.severeAt = severeAt
        self.weight = weight
        self.normalRange = normalRange
        self.onlyWithout = onlyWithout
    }

    /// Width of the probability's transition around the threshold, in the units of q.
    public var softness: Double { (moderateAt - threshold) / 2 }

    /// One metric's reading, as the rule sees it.
    struct Reading {
        /// The rated quantity q.
        var rated: Double
        /// Uncertainty of q (0 when unknown).
        var ratedUncertainty: Double
        /// The value shown in the evidence and its unit.
        var shown: Double
        var unit: String
    }

    /// The rule's reading of `measurement`, or `nil` when it lacks what the rule needs.
    func reading(of measurement: MetricMeasurement) -> Reading? {
        let uncertainty = measurement.uncertainty.flatMap { $0.isFinite ? abs($0) : nil } ?? 0
        switch quantity {
        case .value:
            guard let value = measurement.value.number, value.isFinite else { return nil }
            return Reading(rated: value, ratedUncertainty: uncertainty, shown: value, unit: measurement.unit)
        case .distance(let centre):
            guard let value = measurement.value.number, value.isFinite else { return nil }
            return Reading(rated: abs(value - centre), ratedUncertainty: uncertainty, shown: value, unit: measurement.unit)
        case .asymmetryIndex:
            guard let index = measurement.asymmetryPercent, index.isFinite,
                let mean = measurement.value.number, mean.isFinite, mean != 0
            else { return nil }
            // Each side's mean has about √2 times the uncertainty u of the overall mean, so their
            // difference has about 2u, and the index 100·|L − R| / mean has about 200·u / mean.
            let indexUncertainty = 200 * uncertainty / abs(mean)
            return Reading(rated: index, ratedUncertainty: indexUncertainty, shown: index, unit: "% L/R asymmetry")
        }
    }

    /// Probability, 0-1, that the issue shows in a reading with rated quantity `rated` and
    /// uncertainty `uncertainty` (see the type's documentation for the formula).
    public func probability(rated: Double, uncertainty: Double) -> Double {
        let spread = (softness * softness + uncertainty * uncertainty).squareRoot()
        return NormalDistribution.cdf((rated - threshold) / spread)
    }

    /// Severity of a reading of a detected issue: `mild` below `moderateAt`.
    func severity(rated: Double) -> IssueSeverity {
        if rated >= severeAt { return .severe }
        if rated >= moderateAt { return .moderate }
        return .mild
    }
}
