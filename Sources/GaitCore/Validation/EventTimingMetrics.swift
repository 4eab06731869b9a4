/// The metrics that follow from foot-contact times alone: cadence, step, stride, contact and
/// flight times, duty factor and the left/right contact-time balance, per step and summarised.
///
/// Used to write ground truth (force plate, simulator) in the report's own keys. Definitions, with
/// the contacts sorted by initial contact (IC) and TO the toe-off:
/// - step time: IC of one foot → the next IC, counted only when that next contact is the other
///   foot's (a missing contact breaks the chain instead of doubling a step);
/// - stride time: IC → the same foot's IC two contacts later, both steps alternating;
/// - flight time: TO → the other foot's next IC (negative means double support);
/// - cadence: 60 / mean step time (steps/min); its SD is that of 60 / step time;
/// - duty factor: 100 × contact time / stride time, per stride (%);
/// - contact-time balance: 100 × mean left contact / (mean left + mean right) (%, 50 = even).
/// Summaries give the mean, the SD across steps, n, and as uncertainty the standard error of the
/// mean (SD / √n; for the balance and cadence propagated to first order). `left`/`right` are the
/// means over the steps that start with that foot's contact.
public enum EventTimingMetrics {
    /// One `StepRecord` per contact with the timing fields filled in.
    public static func steps(_ events: [GaitEvent]) -> [StepRecord] {
        let contacts = events.sorted { $0.initialContact < $1.initialContact }
        return contacts.indices.map { i in
            let contact = contacts[i]
            var step = StepRecord(side: contact.side, initialContact: contact.initialContact)
            step.toeOff = contact.toeOff
            step.contactTime = contact.contactTimeSeconds
            if i + 1 < contacts.count, contacts[i + 1].side != contact.side {
                step.stepTime = contacts[i + 1].initialContact - contact.initialContact
                step.flightTime = contact.toeOff.map { contacts[i + 1].initialContact - $0 }
                if i + 2 < contacts.count, contacts[i + 2].side == contact.side {
                    step.strideTime = contacts[i + 2].initialContact - contact.initialContact
                }
            }
            return step
        }
    }

    /// The summarised timing metrics; a metric with no data is withheld with the reason.
    public static func summary(_ events: [GaitEvent]) -> [MetricKey: MetricResult] {
        let records = steps(events)
        var metrics: [MetricKey: MetricResult] = [:]
        metrics[.stepTime] = summarise(records, \.stepTime, key: .stepTime)
        metrics[.strideTime] = summarise(records, \.strideTime, key: .strideTime)
        metrics[.groundContactTime] = summarise(records, \.contactTime, key: .groundContactTime)
        metrics[.flightTime] = summarise(records, \.flightTime, key: .flightTime)
        metrics[.cadence] = cadence(records)
        metrics[.dutyFactor] = dutyFactor(records)
        metrics[.contactTimeBalance] = contactTimeBalance(records)
        return metrics
    }

    // MARK: - Private

    private static let noData = "not enough foot contacts with the needed events"

    private static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    /// Sample standard deviation, `nil` for fewer than two values.
    private static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count > 1 else { return nil }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    private static func standardError(_ values: [Double]) -> Double? {
        standardDeviation(values).map { $0 / Double(values.count).squareRoot() }
    }

    private static func summarise(_ records: [StepRecord], _ field: KeyPath<StepRecord, Double?>, key: MetricKey) -> MetricResult {
        let values = records.compactMap { $0[keyPath: field] }
        guard !values.isEmpty else { return .withheld(reason: noData) }
        let left = records.filter { $0.side == .left }.compactMap { $0[keyPath: field] }
        let right = records.filter { $0.side == .right }.compactMap { $0[keyPath: field] }
        let leftMean = left.isEmpty ? nil : mean(left), rightMean = right.isEmpty ? nil : mean(right)
        var asymmetry: Double?
        if let l = leftMean, let r = rightMean, l + r != 0 { asymmetry = 100 * abs(l - r) / ((l + r) / 2) }
        return .measured(MetricMeasurement(
            value: .number(mean(values)), unit: key.unit, uncertainty: standardError(values), n: values.count,
            sd: standardDeviation(values), left: leftMean, right: rightMean, asymmetryPercent: asymmetry))
    }

    private static func cadence(_ records: [StepRecord]) -> MetricResult {
        let stepTimes = records.compactMap(\.stepTime)
        guard !stepTimes.isEmpty else { return .withheld(reason: noData) }
        let meanStep = mean(stepTimes)
        return .measured(MetricMeasurement(
            value: .number(60 / meanStep), unit: MetricKey.cadence.unit,
            uncertainty: standardError(stepTimes).map { 60 * $0 / (meanStep * meanStep) }, n: stepTimes.count,
            sd: standardDeviation(stepTimes.map { 60 / $0 })))
    }

    private static func dutyFactor(_ records: [StepRecord]) -> MetricResult {
        let values = records.compactMap { record -> Double? in
            guard let contact = record.contactTime, let stride = record.strideTime, stride > 0 else { return nil }
            return 100 * contact / stride
        }
        guard !values.isEmpty else { return .withheld(reason: noData) }
        return .measured(MetricMeasurement(
            value: .number(mean(values)), unit: MetricKey.dutyFactor.unit, uncertainty: standardError(values),
            n: values.count, sd: standardDeviation(values)))
    }

    private static func contactTimeBalance(_ records: [StepRecord]) -> MetricResult {
        let left = records.filter { $0.side == .left }.compactMap(\.contactTime)
        let right = records.filter { $0.side == .right }.compactMap(\.contactTime)
        guard !left.isEmpty, !right.isEmpty else { return .withheld(reason: "needs contact times of both feet") }
        let l = mean(left), r = mean(right), total = l + r
        let balance = 100 * l / total
        var uncertainty: Double?
        if let errorLeft = standardError(left), let errorRight = standardError(right) {
            let slopeLeft = 100 * r / (total * total), slopeRight = 100 * l / (total * total)
            uncertainty = ((slopeLeft * errorLeft) * (slopeLeft * errorLeft) + (slopeRight * errorRight) * (slopeRight * errorRight)).squareRoot()
        }
        return .measured(MetricMeasurement(
            value: .number(balance), unit: MetricKey.contactTimeBalance.unit, uncertainty: uncertainty,
            n: left.count + right.count, left: balance, right: 100 - balance))
    }
}
