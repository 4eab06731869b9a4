/// Summarises per-step records into the report's `metrics` object.
///
/// The analyzer and the simulator's ground truth both go through this one function, so a report
/// and its truth are computed with the same definitions and compare key by key.
public enum MetricSummarizer {
    /// Fewest values a metric needs before it is reported.
    public static let minimumCount = 2

    /// Summarises `steps`.
    /// - Parameters:
    ///   - speedMetersPerSecond: running speed, when known (treadmill belt or speed past the camera).
    ///   - precision: systematic uncertainties (`.exact` for ground truth).
    ///   - withheld: metrics the caller already knows it cannot support, with the reason (e.g.
    ///     sagittal angles from a frontal view); they are reported withheld whatever the steps hold.
    public static func summarize(
        steps: [StepRecord], speedMetersPerSecond: Double?, precision: MeasurementPrecision,
        withheld: [MetricKey: String] = [:]
    ) -> [MetricKey: MetricResult] {
        var metrics: [MetricKey: MetricResult] = [:]
        let timing = precision.eventTimingSeconds
        let durationSystematic = 2.0.squareRoot() * timing

        func add(_ key: MetricKey, _ result: MetricResult) {
            metrics[key] = withheld[key].map { .withheld(reason: $0) } ?? result
        }

        add(.stepTime, sided(.stepTime, steps, \.stepTime, systematic: durationSystematic, asymmetry: true))
        add(.strideTime, sided(.strideTime, steps, \.strideTime, systematic: durationSystematic, asymmetry: false))
        add(.groundContactTime, sided(.groundContactTime, steps, \.contactTime, systematic: durationSystematic, asymmetry: true))
        add(.flightTime, sided(.flightTime, steps, \.flightTime, systematic: durationSystematic, asymmetry: false))
        add(.cadence, cadence(steps, systematicStepSeconds: durationSystematic))
        add(.dutyFactor, dutyFactor(steps, systematicSeconds: durationSystematic))
        add(.contactTimeBalance, balance(steps, systematicSeconds: durationSystematic))

        let scaled = { (value: Double) in value * precision.scaleRelative }
        add(.verticalOscillation, sided(.verticalOscillation, steps, \.verticalOscillation,
            systematic: precision.distanceMeters, relativeSystematic: precision.scaleRelative, asymmetry: true))
        add(.overstride, sided(.overstride, steps, \.overstride,
            systematic: precision.distanceMeters, relativeSystematic: precision.scaleRelative, asymmetry: false))
        add(.overstrideLegLengths, sided(.overstrideLegLengths, steps, \.overstrideLegLengths,
            systematic: precision.distanceLegLengths, asymmetry: false))
        for key in [MetricKey.shankAngleAtContact, .footStrikeAngle, .trunkLean] {
            add(key, sided(key, steps, path(for: key), systematic: precision.angleDegrees, asymmetry: false))
        }
        for key in [MetricKey.kneeFlexionAtContact, .peakKneeFlexionStance, .hipExtensionAtToeOff] {
            add(key, sided(key, steps, path(for: key), systematic: precision.angleDegrees, asymmetry: true))
        }
        add(.footStrikePattern, strikePattern(steps))

        if let speed = speedMetersPerSecond, speed.isFinite, speed > 0 {
            let speedResult = MetricResult.measured(MetricMeasurement(
                value: .number(speed), unit: MetricKey.speed.unit, uncertainty: scaled(speed), n: 1))
            add(.speed, speedResult)
            add(.stepLength, stepLength(steps, speed: speed, precision: precision))
            add(.verticalRatio, verticalRatio(steps, speed: speed, precision: precision))
        } else {
            let reason = "needs the running speed, which this clip does not show (static camera without a treadmill or a known scale)"
            add(.speed, .withheld(reason: reason))
            add(.stepLength, .withheld(reason: reason))
            add(.verticalRatio, .withheld(reason: reason))
        }
        return metrics
    }

    // MARK: - Metric builders

    private static func path(for key: MetricKey) -> KeyPath<StepRecord, Double?> {
        switch key {
        case .shankAngleAtContact: return \.shankAngleAtContact
        case .footStrikeAngle: return \.footStrikeAngle
        case .trunkLean: return \.trunkLean
        case .kneeFlexionAtContact: return \.kneeFlexionAtContact
        case .peakKneeFlexionStance: return \.peakKneeFlexionStance
        case .hipExtensionAtToeOff: return \.hipExtensionAtToeOff
        default: preconditionFailure("\(key) is not a per-step angle")
        }
    }

    /// Mean, SD, n, per-side means and the asymmetry index of one per-step value.
    private static func sided(
        _ key: MetricKey, _ steps: [StepRecord], _ path: KeyPath<StepRecord, Double?>,
        systematic: Double, relativeSystematic: Double = 0, asymmetry: Bool
    ) -> MetricResult {
        let values = steps.compactMap { $0[keyPath: path] }
        guard values.count >= minimumCount, let mean = Statistics.mean(values) else {
            return .withheld(reason: tooFew(values.count))
        }
        let sd = Statistics.standardDeviation(values) ?? 0
        let left = Statistics.mean(steps.filter { $0.side == .left }.compactMap { $0[keyPath: path] })
        let right = Statistics.mean(steps.filter { $0.side == .right }.compactMap { $0[keyPath: path] })
        let systematicTotal = (systematic * systematic + (relativeSystematic * mean) * (relativeSystematic * mean)).squareRoot()
        return .measured(MetricMeasurement(
            value: .number(mean), unit: key.unit,
            uncertainty: combined(sd: sd, n: values.count, systematic: systematicTotal),
            n: values.count, sd: sd, left: left, right: right,
            asymmetryPercent: asymmetry ? asymmetryIndex(left, right, smallest: smallestForAsymmetry(key)) : nil))
    }

    /// Below this (in the metric's unit) a side's mean is too close to zero for a percentage
    /// asymmetry to mean anything (0.6° vs 0.5° of hip extension is not "18% asymmetric").
    private static func smallestForAsymmetry(_ key: MetricKey) -> Double {
        switch key.unit {
        case "deg": return 5
        case "m": return 0.01
        default: return 0
        }
    }

    private static func cadence(_ steps: [StepRecord], systematicStepSeconds: Double) -> MetricResult {
        let stepTimes = steps.compactMap(\.stepTime)
        guard stepTimes.count >= minimumCount, let meanStep = Statistics.mean(stepTimes), meanStep > 0 else {
            return .withheld(reason: tooFew(stepTimes.count))
        }
        let sd = Statistics.standardDeviation(stepTimes) ?? 0
        // Steps are consecutive, so the mean step time is (last IC − first IC) / n: only the two
        // end events' timing errors remain, divided by n.
        let stepUncertainty = combined(sd: sd, n: stepTimes.count, systematic: systematicStepSeconds / Double(stepTimes.count))
        let cadence = 60 / meanStep
        let perSide = { (side: BodySide) in
            Statistics.mean(steps.filter { $0.side == side }.compactMap(\.stepTime)).map { 60 / $0 }
        }
        let cadences = stepTimes.map { 60 / $0 }
        return .measured(MetricMeasurement(
            value: .number(cadence), unit: MetricKey.cadence.unit,
            uncertainty: cadence * stepUncertainty / meanStep, n: stepTimes.count,
            sd: Statistics.standardDeviation(cadences), left: perSide(.left), right: perSide(.right),
            asymmetryPercent: asymmetryIndex(perSide(.left), perSide(.right))))
    }

    private static func dutyFactor(_ steps: [StepRecord], systematicSeconds: Double) -> MetricResult {
        let pairs = steps.compactMap { step -> (Double, BodySide)? in
            guard let contact = step.contactTime, let stride = step.strideTime, stride > 0 else { return nil }
            return (100 * contact / stride, step.side)
        }
        let values = pairs.map(\.0)
        guard values.count >= minimumCount, let mean = Statistics.mean(values) else {
            return .withheld(reason: tooFew(values.count))
        }
        let meanStride = Statistics.mean(steps.compactMap(\.strideTime)) ?? 1
        let sd = Statistics.standardDeviation(values) ?? 0
        return .measured(MetricMeasurement(
            value: .number(mean), unit: MetricKey.dutyFactor.unit,
            uncertainty: combined(sd: sd, n: values.count, systematic: 100 * systematicSeconds / meanStride),
            n: values.count, sd: sd,
            left: Statistics.mean(pairs.filter { $0.1 == .left }.map(\.0)),
            right: Statistics.mean(pairs.filter { $0.1 == .right }.map(\.0))))
    }

    private static func balance(_ steps: [StepRecord], systematicSeconds: Double) -> MetricResult {
        let left = steps.filter { $0.side == .left }.compactMap(\.contactTime)
        let right = steps.filter { $0.side == .right }.compactMap(\.contactTime)
        guard left.count >= 1, right.count >= 1, left.count + right.count >= minimumCount,
            let meanLeft = Statistics.mean(left), let meanRight = Statistics.mean(right)
        else {
            return .withheld(reason: "needs contacts of both feet (left \(left.count), right \(right.count))")
        }
        let total = meanLeft + meanRight
        let share = 100 * meanLeft / total
        // Propagate each side's standard error (plus timing) into the share: ∂share/∂L = 100 R/(L+R)².
        func sideError(_ values: [Double]) -> Double {
            let sd = Statistics.standardDeviation(values) ?? 0
            return combined(sd: sd, n: values.count, systematic: systematicSeconds / Double(values.count).squareRoot())
        }
        let dL = 100 * meanRight / (total * total) * sideError(left)
        let dR = 100 * meanLeft / (total * total) * sideError(right)
        return .measured(MetricMeasurement(
            value: .number(share), unit: MetricKey.contactTimeBalance.unit,
            uncertainty: (dL * dL + dR * dR).squareRoot(), n: left.count + right.count,
            left: share, right: 100 - share, asymmetryPercent: asymmetryIndex(meanLeft, meanRight)))
    }

    private static func stepLength(_ steps: [StepRecord], speed: Double, precision: MeasurementPrecision) -> MetricResult {
        let lengths = steps.compactMap { $0.stepTime.map { $0 * speed } }
        guard lengths.count >= minimumCount, let mean = Statistics.mean(lengths) else {
            return .withheld(reason: tooFew(lengths.count))
        }
        let sd = Statistics.standardDeviation(lengths) ?? 0
        return .measured(MetricMeasurement(
            value: .number(mean), unit: MetricKey.stepLength.unit,
            uncertainty: combined(sd: sd, n: lengths.count, systematic: mean * precision.scaleRelative),
            n: lengths.count, sd: sd))
    }

    private static func verticalRatio(_ steps: [StepRecord], speed: Double, precision: MeasurementPrecision) -> MetricResult {
        let ratios = steps.compactMap { step -> Double? in
            guard let oscillation = step.verticalOscillation, let stepTime = step.stepTime, stepTime > 0 else { return nil }
            return 100 * oscillation / (speed * stepTime)
        }
        guard ratios.count >= minimumCount, let mean = Statistics.mean(ratios) else {
            return .withheld(reason: tooFew(ratios.count))
        }
        let sd = Statistics.standardDeviation(ratios) ?? 0
        // Scale errors cancel in a ratio of two lengths; landmark noise on the oscillation remains.
        let meanStepLength = speed * (Statistics.mean(steps.compactMap(\.stepTime)) ?? 1)
        return .measured(MetricMeasurement(
            value: .number(mean), unit: MetricKey.verticalRatio.unit,
            uncertainty: combined(sd: sd, n: ratios.count, systematic: 100 * precision.distanceMeters / meanStepLength),
            n: ratios.count, sd: sd))
    }

    private static func strikePattern(_ steps: [StepRecord]) -> MetricResult {
        let patterns = steps.compactMap(\.footStrikePattern)
        guard patterns.count >= minimumCount else { return .withheld(reason: tooFew(patterns.count)) }
        var shares: [String: Double] = [:]
        for pattern in FootStrikePattern.allCases {
            shares[pattern.rawValue] = Double(patterns.filter { $0 == pattern.rawValue }.count) / Double(patterns.count)
        }
        let mostCommon = FootStrikePattern.allCases.max { shares[$0.rawValue]! < shares[$1.rawValue]! }!
        return .measured(MetricMeasurement(
            value: .category(mostCommon.rawValue), unit: MetricKey.footStrikePattern.unit,
            n: patterns.count, shares: shares))
    }

    // MARK: - Helpers

    /// √(sd²/n + systematic²).
    static func combined(sd: Double, n: Int, systematic: Double) -> Double {
        (sd * sd / Double(max(n, 1)) + systematic * systematic).squareRoot()
    }

    /// 100 × |L − R| / ((L + R) / 2), for quantities above `smallest` (positive) only.
    static func asymmetryIndex(_ left: Double?, _ right: Double?, smallest: Double = 0) -> Double? {
        guard let left, let right, left > max(smallest, 0), right > max(smallest, 0) else { return nil }
        return 100 * abs(left - right) / ((left + right) / 2)
    }

    private static func tooFew(_ count: Int) -> String {
        count == 0 ? "not measurable in this clip" : "only \(count) value in this clip; at least \(minimumCount) are needed"
    }
}
