@testable import GaitCore

/// Hand-built metric sets for the assessment tests: a runner with good form and one runner for each
/// issue, everything else equal to good form.
enum RunnerProfile: String, CaseIterable, CustomStringConvertible {
    case good, overstrider, bouncy, asymmetric

    var description: String { rawValue }

    /// Metric values in the report's units (steps/min, s, %, m, deg).
    var values: [MetricKey: Double] {
        var values: [MetricKey: Double] = [
            .cadence: 180, .groundContactTime: 0.230, .verticalRatio: 7.0, .verticalOscillation: 0.075,
            .contactTimeBalance: 50.2, .shankAngleAtContact: 3, .overstride: 0.12, .overstrideLegLengths: 0.14,
            .trunkLean: 8,
        ]
        switch self {
        case .good:
            break
        case .overstrider:
            values[.cadence] = 158
            values[.groundContactTime] = 0.290
            values[.shankAngleAtContact] = 13
            values[.overstride] = 0.32
            values[.overstrideLegLengths] = 0.37
        case .bouncy:
            values[.verticalRatio] = 12.5
            values[.verticalOscillation] = 0.135
        case .asymmetric:
            values[.contactTimeBalance] = 53.0
        }
        return values
    }

    /// The issue this runner has, if any.
    var expectedIssue: IssueKind? {
        switch self {
        case .good: return nil
        case .overstrider: return .overstriding
        case .bouncy: return .verticalBounce
        case .asymmetric: return .asymmetry
        }
    }

    /// The metrics as a report holds them (no uncertainty), with left/right contact times matching
    /// the contact-time balance.
    var metrics: [MetricKey: MetricResult] {
        Self.metrics(values)
    }

    static func metrics(_ values: [MetricKey: Double], uncertainty: Double? = nil) -> [MetricKey: MetricResult] {
        var metrics: [MetricKey: MetricResult] = [:]
        for (key, value) in values {
            metrics[key] = .measured(MetricMeasurement(value: .number(value), unit: key.unit, uncertainty: uncertainty, n: 20))
        }
        if let contactTime = values[.groundContactTime], let balance = values[.contactTimeBalance] {
            let left = 2 * contactTime * balance / 100
            let right = 2 * contactTime - left
            metrics[.groundContactTime] = .measured(
                MetricMeasurement(
                    value: .number(contactTime), unit: "s", uncertainty: uncertainty, n: 20, left: left, right: right,
                    asymmetryPercent: 100 * abs(left - right) / contactTime))
        }
        return metrics
    }
}
