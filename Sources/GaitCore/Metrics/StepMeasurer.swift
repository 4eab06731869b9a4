import Foundation

/// Measures every detected contact on the cleaned pose: timing from the events, distances and
/// angles from the landmarks at the event times (interpolated between samples).
struct StepMeasurer {
    let pose: CleanedPose
    /// The distance scale; `nil` leaves distances unmeasured.
    let scale: BodyScale?

    private var pixelsPerMeter: Double? { scale?.pixelsPerMeter }

    /// Contacts less sure than this give no durations (their events may be off by a frame or more,
    /// typically a far foot hidden at the moment of contact); their angles are still measured.
    static let minimumTimingConfidence = 0.35

    /// One record per contact of `contacts` (sorted by initial contact).
    func steps(_ contacts: [GaitEvent]) -> [StepRecord] {
        let stepGaps = zip(contacts, contacts.dropFirst()).filter { $0.side != $1.side }.map { $1.initialContact - $0.initialContact }
        let typicalStep = Statistics.median(stepGaps) ?? .infinity
        let footAngleReference = BodySide.allCases.reduce(into: [BodySide: Double]()) { result, side in
            result[side] = flatFootAngle(contacts.filter { $0.side == side })
        }
        return contacts.indices.map { index in
            let contact = contacts[index]
            var record = StepRecord(side: contact.side, initialContact: contact.initialContact)
            let leg = LegLandmarks(contact.side)
            // The next contact counts only if it is the other foot and no contact seems missed.
            let next = index + 1 < contacts.count ? contacts[index + 1] : nil
            let sure = { (event: GaitEvent) in event.confidence >= Self.minimumTimingConfidence }
            let nextStep = next.flatMap {
                $0.side != contact.side && $0.initialContact - contact.initialContact < 1.5 * typicalStep && sure($0) && sure(contact) ? $0 : nil
            }
            if let nextStep, index + 2 < contacts.count, contacts[index + 2].side == contact.side, sure(contacts[index + 2]),
               contacts[index + 2].initialContact - nextStep.initialContact < 1.5 * typicalStep {
                record.strideTime = contacts[index + 2].initialContact - contact.initialContact
            }
            record.toeOff = contact.toeOff
            record.contactTime = sure(contact) ? contact.contactTimeSeconds : nil
            if let nextStep {
                record.stepTime = nextStep.initialContact - contact.initialContact
                record.trunkLean = mean(from: contact.initialContact, to: nextStep.initialContact) { i in
                    guard let hips = pose.pelvis(i), let ls = pose.point(.leftShoulder, i), let rs = pose.point(.rightShoulder, i) else { return nil }
                    return SagittalAngles.trunkLean(hipMidpoint: hips, shoulderMidpoint: ls.midpoint(rs))
                }
                if let toeOff = contact.toeOff {
                    record.flightTime = nextStep.initialContact - toeOff
                    record.verticalOscillation = pelvisRise(stance: contact.initialContact...toeOff, flightEnd: nextStep.initialContact)
                }
            }
            let ic = contact.initialContact
            if let hip = pose.point(leg.hip, at: ic), let knee = pose.point(leg.knee, at: ic), let ankle = pose.point(leg.ankle, at: ic) {
                record.kneeFlexionAtContact = SagittalAngles.kneeFlexion(hip: hip, knee: knee, ankle: ankle)
                record.shankAngleAtContact = SagittalAngles.segmentFromVertical(top: knee, bottom: ankle)
            }
            if let heel = pose.point(leg.heel, at: ic), let scale,
               let lh = pose.point(.leftHip, at: ic), let rh = pose.point(.rightHip, at: ic) {
                let aheadPixels = heel.x - lh.midpoint(rh).x
                record.overstride = aheadPixels / scale.pixelsPerMeter(contact.side)
                record.overstrideLegLengths = aheadPixels / (scale.sideLegLengthPixels[contact.side] ?? scale.legLengthPixels)
            }
            if let heel = pose.point(leg.heel, at: ic), let toe = pose.point(leg.footIndex, at: ic) {
                let angle = SagittalAngles.footAngle(heel: heel, toe: toe) - (footAngleReference[contact.side] ?? 0)
                record.footStrikeAngle = angle
                record.footStrikePattern = FootStrikePattern(footStrikeAngleDegrees: angle).rawValue
            }
            if let toeOff = contact.toeOff {
                record.peakKneeFlexionStance = samples(from: ic, to: toeOff).compactMap { i -> Double? in
                    guard let hip = pose.point(leg.hip, i), let knee = pose.point(leg.knee, i), let ankle = pose.point(leg.ankle, i) else { return nil }
                    return SagittalAngles.kneeFlexion(hip: hip, knee: knee, ankle: ankle)
                }.max()
                if let hip = pose.point(leg.hip, at: toeOff), let knee = pose.point(leg.knee, at: toeOff) {
                    record.hipExtensionAtToeOff = -SagittalAngles.segmentFromVertical(top: hip, bottom: knee)
                }
            }
            return record
        }
    }

    /// Running speed, m/s: the treadmill belt's speed from the planted toe sliding backward, or
    /// the runner's speed past a static camera from the pelvis.
    func speed(_ contacts: [GaitEvent], environment: RunEnvironment) -> Double? {
        guard let scale else { return nil }
        switch environment {
        case .treadmill:
            // Each foot in its own leg's scale, then the two feet averaged (near and far foot
            // err in opposite directions through perspective).
            var perSide: [Double] = []
            for side in BodySide.allCases {
                var velocities: [Double] = []
                for contact in contacts where contact.side == side {
                    guard let toeOff = contact.toeOff else { continue }
                    let duration = toeOff - contact.initialContact
                    let start = contact.initialContact + 0.25 * duration, end = contact.initialContact + 0.75 * duration
                    if let a = pose.point(LegLandmarks(side).footIndex, at: start), let b = pose.point(LegLandmarks(side).footIndex, at: end) {
                        velocities.append((b.x - a.x) / (end - start))
                    }
                }
                if let median = Statistics.median(velocities) { perSide.append(-median / scale.pixelsPerMeter(side)) }
            }
            return Statistics.mean(perSide)
        case .overground:
            var times: [Double] = [], xs: [Double] = []
            for i in 0..<pose.count { if let p = pose.pelvis(i) { times.append(pose.times[i]); xs.append(p.x) } }
            guard times.count >= 2, let mt = Statistics.mean(times), let mx = Statistics.mean(xs) else { return nil }
            var stx = 0.0, stt = 0.0
            for (t, x) in zip(times, xs) { stx += (t - mt) * (x - mx); stt += (t - mt) * (t - mt) }
            return stt > 0 ? stx / stt / scale.pixelsPerMeter : nil
        case .unknown:
            return nil
        }
    }

    /// The foot's angle when flat on the ground: median over contacts of the heel → toe angle in
    /// 25-45% of the contact (after the landing roll, before heel-off). Subtracted from the angle
    /// at initial contact as Altman & Davis (2012) subtract the standing foot angle, so the
    /// landmarks' own offset from the sole does not bias the strike angle.
    private func flatFootAngle(_ contacts: [GaitEvent]) -> Double? {
        var angles: [Double] = []
        for contact in contacts {
            guard let toeOff = contact.toeOff else { continue }
            let duration = toeOff - contact.initialContact
            let leg = LegLandmarks(contact.side)
            for i in samples(from: contact.initialContact + 0.25 * duration, to: contact.initialContact + 0.45 * duration) {
                if let heel = pose.point(leg.heel, i), let toe = pose.point(leg.footIndex, i) {
                    angles.append(SagittalAngles.footAngle(heel: heel, toe: toe))
                }
            }
        }
        return Statistics.median(angles)
    }

    /// Pelvis rise in metres from its lowest point during `stance` to its highest before `flightEnd`.
    private func pelvisRise(stance: ClosedRange<Double>, flightEnd: Double) -> Double? {
        guard let pixelsPerMeter else { return nil }
        let low = samples(from: stance.lowerBound, to: stance.upperBound).compactMap { pose.pelvis($0)?.y }.min()
        let high = samples(from: stance.upperBound, to: flightEnd).compactMap { pose.pelvis($0)?.y }.max()
        guard let low, let high else { return nil }
        return (high - low) / pixelsPerMeter
    }

    /// Sample indices whose times lie in [start, end].
    private func samples(from start: Double, to end: Double) -> [Int] {
        let first = max(0, Int(((start - pose.times[0]) / pose.interval).rounded(.up)))
        let last = min(pose.count - 1, Int(((end - pose.times[0]) / pose.interval).rounded(.down)))
        return first <= last ? Array(first...last) : []
    }

    private func mean(from start: Double, to end: Double, _ value: (Int) -> Double?) -> Double? {
        Statistics.mean(samples(from: start, to: end).compactMap(value))
    }
}
