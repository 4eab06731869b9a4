/// The report's metric keys. The raw value is the key in the report's `metrics` object.
public enum MetricKey: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    /// Steps per minute.
    case cadence
    /// Seconds from one foot's initial contact to the other's.
    case stepTime
    /// Seconds from one foot's initial contact to its next.
    case strideTime
    /// Seconds from initial contact to toe-off.
    case groundContactTime
    /// Seconds with no foot on the ground, from one foot's toe-off to the other's initial contact.
    case flightTime
    /// Contact time / stride time, in %.
    case dutyFactor
    /// Left foot's share of the summed left + right contact time, in % (50 = balanced).
    case contactTimeBalance
    /// Vertical excursion of the pelvis per step, metres.
    case verticalOscillation
    /// Vertical oscillation / step length, in %.
    case verticalRatio
    /// Running speed in m/s (treadmill belt speed or the runner's speed past the camera).
    case speed
    /// Step length in metres (speed × step time).
    case stepLength
    /// Horizontal distance from the hip to the heel at initial contact, metres (positive = foot ahead).
    case overstride
    /// The overstride in leg lengths (hip → knee → ankle): the same landing position, independent
    /// of body size and of the height the metre scale assumes (Hof 1996's dimensionless gait
    /// scaling). The overstriding rating reads this one.
    case overstrideLegLengths
    /// Shank angle from vertical at initial contact, degrees (positive = ankle ahead of knee).
    case shankAngleAtContact
    /// Foot angle to the ground at initial contact, degrees (positive = toes up, heel first).
    case footStrikeAngle
    /// Rearfoot, midfoot or forefoot, from the foot strike angle.
    case footStrikePattern
    /// Knee flexion at initial contact, degrees (0 = straight leg).
    case kneeFlexionAtContact
    /// Largest knee flexion during stance, degrees.
    case peakKneeFlexionStance
    /// Hip extension at toe-off, degrees (thigh behind the vertical through the hip).
    case hipExtensionAtToeOff
    /// Forward lean of the trunk (hip midpoint → shoulder midpoint) from vertical, degrees.
    case trunkLean

    /// The unit written in the report.
    public var unit: String {
        switch self {
        case .cadence: return "steps/min"
        case .stepTime, .strideTime, .groundContactTime, .flightTime: return "s"
        case .dutyFactor, .contactTimeBalance, .verticalRatio: return "%"
        case .verticalOscillation, .overstride, .stepLength: return "m"
        case .speed: return "m/s"
        case .shankAngleAtContact, .footStrikeAngle, .kneeFlexionAtContact, .peakKneeFlexionStance,
            .hipExtensionAtToeOff, .trunkLean:
            return "deg"
        case .footStrikePattern: return "pattern"
        case .overstrideLegLengths: return "leg lengths"
        }
    }
}

/// A metric value: a number in the metric's unit, or a category (the foot-strike pattern).
public enum MetricValue: Codable, Equatable, Sendable {
    case number(Double)
    case category(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .category(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .category(let name): try container.encode(name)
        }
    }

    /// The number, or `nil` for a category.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// One summarised metric as the report states it.
public struct MetricMeasurement: Codable, Equatable, Sendable {
    /// The mean over `n` strides or steps (or the most common category).
    public var value: MetricValue
    /// The unit, e.g. "steps/min", "s", "m", "%", "deg".
    public var unit: String
    /// Uncertainty of `value` in its unit: the standard error of the mean combined with the frame
    /// quantisation and the scale uncertainty (one standard uncertainty, ~68%).
    public var uncertainty: Double?
    /// Number of strides or steps the value summarises.
    public var n: Int
    /// Standard deviation across strides or steps.
    public var sd: Double?
    /// Mean of the left foot's steps, where the metric has a side.
    public var left: Double?
    /// Mean of the right foot's steps, where the metric has a side.
    public var right: Double?
    /// Asymmetry index in %: 100 × |left − right| / ((left + right) / 2).
    public var asymmetryPercent: Double?
    /// For a category: the share of each category over the `n` contacts (0-1).
    public var shares: [String: Double]?

    public init(
        value: MetricValue, unit: String, uncertainty: Double? = nil, n: Int, sd: Double? = nil,
        left: Double? = nil, right: Double? = nil, asymmetryPercent: Double? = nil,
        shares: [String: Double]? = nil
    ) {
        self.value = value
        self.unit = unit
        self.uncertainty = uncertainty
        self.n = n
        self.sd = sd
        self.left = left
        self.right = right
        self.asymmetryPercent = asymmetryPercent
        self.shares = shares
    }
}

/// A metric that was measured, or withheld with the reason.
public enum MetricResult: Codable, Equatable, Sendable {
    case measured(MetricMeasurement)
    case withheld(reason: String)

    private enum CodingKeys: String, CodingKey { case withheld }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try container.decodeIfPresent(String.self, forKey: .withheld) {
            self = .withheld(reason: reason)
        } else {
            self = .measured(try MetricMeasurement(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .measured(let measurement):
            try measurement.encode(to: encoder)
        case .withheld(let reason):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .withheld)
        }
    }

    /// The measurement, or `nil` when withheld.
    public var measurement: MetricMeasurement? {
        if case .measured(let measurement) = self { return measurement }
        return nil
    }

    /// The numeric value, or `nil` when withheld or categorical.
    public var number: Double? { measurement?.value.number }
}
