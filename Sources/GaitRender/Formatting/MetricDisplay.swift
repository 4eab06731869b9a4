import GaitCore

/// How a report quantity is shown to a person: the unit it is shown in and its precision.
///
/// The report stores SI-style units (seconds, metres); people read contact times in milliseconds
/// and oscillation in centimetres, so those are converted for display. Rounding is to the stated
/// decimals (`NumberText.fixed`).
struct MetricDisplay: Equatable {
    /// Factor from the report's unit to the shown unit.
    var scale: Double
    /// The shown unit, e.g. "ms".
    var unit: String
    /// Digits after the decimal point.
    var decimals: Int

    /// The display for a value stored in `reportUnit`.
    init(reportUnit: String) {
        switch reportUnit {
        case "s": self.init(scale: 1000, unit: "ms", decimals: 0)
        case "m": self.init(scale: 100, unit: "cm", decimals: 1)
        case "m/s": self.init(scale: 1, unit: "m/s", decimals: 2)
        case "deg": self.init(scale: 1, unit: "°", decimals: 1)
        case "steps/min", "%": self.init(scale: 1, unit: reportUnit, decimals: 1)
        default: self.init(scale: 1, unit: reportUnit, decimals: 2)
        }
    }

    init(scale: Double, unit: String, decimals: Int) {
        self.scale = scale
        self.unit = unit
        self.decimals = decimals
    }

    /// The number alone in the shown unit, e.g. "245".
    func number(_ value: Double) -> String {
        NumberText.fixed(value * scale, decimals)
    }

    /// The number with its unit, e.g. "245 ms", "8.1 cm", "12.0°".
    func text(_ value: Double) -> String {
        unit == "°" ? number(value) + "°" : number(value) + " " + unit
    }

    /// The value with its uncertainty, e.g. "245 ± 8 ms" (the uncertainty gets the same precision).
    func text(_ value: Double, uncertainty: Double?) -> String {
        guard let uncertainty, uncertainty.isFinite else { return text(value) }
        let spaced = unit == "°" ? "°" : " " + unit
        return number(value) + " ± " + number(uncertainty) + spaced
    }

    /// A range, e.g. "174.0 to 210.0 steps/min" (words, not a dash, so negative bounds read clearly).
    func range(_ bounds: [Double]) -> String {
        guard bounds.count == 2 else { return bounds.map(number).joined(separator: ", ") }
        let spaced = unit == "°" ? "°" : " " + unit
        return number(bounds[0]) + " to " + number(bounds[1]) + spaced
    }
}

extension MetricMeasurement {
    /// The value as a person reads it: number ± uncertainty with unit, or the category with its share.
    var displayValue: String {
        switch value {
        case .number(let number):
            return MetricDisplay(reportUnit: unit).text(number, uncertainty: uncertainty)
        case .category(let name):
            guard let share = shares?[name] else { return name }
            return "\(name) (\(NumberText.percent(fromShare: share)) of contacts)"
        }
    }
}

extension MetricKey {
    /// The metric's name in a runner's words, e.g. "Ground contact time".
    var displayName: String {
        switch self {
        case .cadence: return "Cadence"
        case .stepTime: return "Step time"
        case .strideTime: return "Stride time"
        case .groundContactTime: return "Ground contact time"
        case .flightTime: return "Flight time"
        case .dutyFactor: return "Duty factor"
        case .contactTimeBalance: return "Contact-time balance (left share)"
        case .verticalOscillation: return "Vertical oscillation"
        case .verticalRatio: return "Vertical ratio"
        case .speed: return "Speed"
        case .stepLength: return "Step length"
        case .overstride: return "Overstride (heel ahead of hip)"
        case .overstrideLegLengths: return "Overstride in leg lengths"
        case .shankAngleAtContact: return "Shank angle at contact"
        case .footStrikeAngle: return "Foot strike angle"
        case .footStrikePattern: return "Foot strike pattern"
        case .kneeFlexionAtContact: return "Knee flexion at contact"
        case .peakKneeFlexionStance: return "Peak knee flexion in stance"
        case .hipExtensionAtToeOff: return "Hip extension at toe-off"
        case .trunkLean: return "Trunk forward lean"
        }
    }
}

extension IssueKind {
    /// The issue's name in a runner's words.
    var displayName: String {
        switch self {
        case .overstriding: return "Overstriding"
        case .verticalBounce: return "Vertical bounce"
        case .asymmetry: return "Left/right asymmetry"
        }
    }
}

extension ConfidenceLevel {
    /// "High", "Good", "Moderate" or "Low".
    var displayName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

extension GaitReport {
    /// Metric entries in the order of `MetricKey.allCases` (a stable reading order).
    var orderedMetrics: [(key: MetricKey, result: MetricResult)] {
        MetricKey.allCases.compactMap { key in metrics[key].map { (key, $0) } }
    }
}
