import Foundation
import GaitCore

/// The exact ground truth of a simulated recording, written with the report's own keys.
struct SimulatorTruth: Sendable {
    let parameters: SimulationParameters
    let kinematics: RunnerKinematics
    let view: SimulatedView

    /// The truth report for the frames at `frameTimes` (the frames that survived dropping).
    func report(frameTimes: [Double], frames: [PoseFrame], source: String) -> GaitReport {
        let p = parameters
        let all = kinematics.schedule.contacts
        let clipEnd = frameTimes.last ?? 0
        let clipStart = frameTimes.first ?? 0
        let inClip = { (t: Double) in t >= clipStart && t <= clipEnd }

        var events: [GaitEvent] = []
        var steps: [StepRecord] = []
        for (index, contact) in all.enumerated() where inClip(contact.initialContact) {
            let toeOff = contact.toeOff.flatMap { inClip($0) ? $0 : nil }
            events.append(GaitEvent(side: contact.side, initialContact: contact.initialContact, toeOff: toeOff, confidence: 1))
            steps.append(step(index, toeOffInClip: toeOff != nil, inClip: inClip))
        }
        let phases = PhaseLabeler.label(times: frameTimes, events: all, maxFlightSeconds: .infinity)
        var withheld: [MetricKey: String] = [:]
        if p.mode == .walking {
            for key in MetricKey.allCases {
                withheld[key] = "walking: running metrics need a flight phase"
            }
        }
        let metrics = MetricSummarizer.summarize(
            steps: steps, speedMetersPerSecond: p.speedMetersPerSecond, precision: .exact, withheld: withheld)
        let assessment = FormAssessment.assess(metrics)
        let withPerson = frames.filter { $0.landmarks != nil }.count
        let capture = CaptureSummary(
            view: p.cameraYawDegrees < 20 ? .side : .oblique, viewAngleDegrees: p.cameraYawDegrees,
            direction: p.direction == .leftToRight ? .leftToRight : .rightToLeft,
            environment: p.environment == .treadmill ? .treadmill : .overground,
            pixelsPerMeter: view.pixelsPerMeter, scaleSource: "simulator camera (exact)", scaleRelativeUncertainty: 0,
            measuredFPS: p.framesPerSecond, frameTimingUncertaintyMs: 500 / p.framesPerSecond,
            runnerHeightFraction: p.runnerHeightMeters * view.pixelsPerMeter / Double(p.imageHeight),
            personCoverage: frames.isEmpty ? 0 : Double(withPerson) / Double(frames.count), remarks: [])
        return GaitReport(
            generator: "runcoach-sim \(RunnerSimulator.version) (ground truth)",
            input: InputSummary(
                source: source, frameCount: frames.count, durationSeconds: clipEnd - clipStart,
                nominalFPS: p.framesPerSecond, width: p.imageWidth, height: p.imageHeight),
            activity: p.mode == .walking ? .walking : .running, capture: capture, events: events, phases: phases,
            metrics: metrics, steps: steps, score: assessment.score, issues: assessment.issues,
            notes: ["exact values from the simulator's kinematic model"] + (assessment.scoreWithheldReason.map { [$0] } ?? []))
    }

    /// The exact measurements of contact `index` of the schedule.
    private func step(_ index: Int, toeOffInClip: Bool, inClip: (Double) -> Bool) -> StepRecord {
        let contacts = kinematics.schedule.contacts
        let contact = contacts[index]
        let ic = contact.initialContact, to = contact.toeOff!
        var record = StepRecord(side: contact.side, initialContact: ic)
        let next = index + 1 < contacts.count ? contacts[index + 1].initialContact : nil
        let sameSideNext = index + 2 < contacts.count ? contacts[index + 2].initialContact : nil
        if toeOffInClip {
            record.toeOff = to
            record.contactTime = to - ic
            if let next, inClip(next) {
                record.flightTime = next - to
                record.verticalOscillation = pelvisRange(stanceFrom: ic, to: to, flightUntil: next)
            }
            record.peakKneeFlexionStance = sample(from: ic, to: to) { kneeFlexion(contact.side, at: $0) }.max()
            if let leg = kinematics.leg(contact.side, at: to) {
                record.hipExtensionAtToeOff = -SagittalAngles.segmentFromVertical(top: leg.hip, bottom: leg.knee)
            }
        }
        if let next, inClip(next) {
            record.stepTime = next - ic
            record.trunkLean = parameters.trunkLeanDegrees
        }
        if let sameSideNext, inClip(sameSideNext) { record.strideTime = sameSideNext - ic }
        if let leg = kinematics.leg(contact.side, at: ic) {
            let pelvis = kinematics.pelvis(at: ic)
            record.overstride = leg.heel.x - pelvis.x
            record.overstrideLegLengths = (leg.heel.x - pelvis.x) / (kinematics.body.thigh + kinematics.body.shank)
            record.shankAngleAtContact = SagittalAngles.segmentFromVertical(top: leg.knee, bottom: leg.ankle)
            let footAngle = SagittalAngles.footAngle(heel: leg.heel, toe: leg.toe)
            record.footStrikeAngle = footAngle
            record.footStrikePattern = FootStrikePattern(footStrikeAngleDegrees: footAngle).rawValue
            record.kneeFlexionAtContact = SagittalAngles.kneeFlexion(hip: leg.hip, knee: leg.knee, ankle: leg.ankle)
        }
        return record
    }

    private func kneeFlexion(_ side: BodySide, at time: Double) -> Double? {
        kinematics.leg(side, at: time).map { SagittalAngles.kneeFlexion(hip: $0.hip, knee: $0.knee, ankle: $0.ankle) }
    }

    /// Pelvis rise from its lowest point in the stance to its highest in the following flight.
    private func pelvisRange(stanceFrom ic: Double, to toeOff: Double, flightUntil next: Double) -> Double? {
        let low = sample(from: ic, to: toeOff) { kinematics.pelvis(at: $0).y }.min()
        let high = sample(from: toeOff, to: next) { kinematics.pelvis(at: $0).y }.max()
        guard let low, let high else { return nil }
        return high - low
    }

    /// `value` at 201 evenly spaced times from `start` to `end` (the `nil`s dropped).
    private func sample(from start: Double, to end: Double, _ value: (Double) -> Double?) -> [Double] {
        (0...200).compactMap { value(start + (end - start) * Double($0) / 200) }
    }
}
