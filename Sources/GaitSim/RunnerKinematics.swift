import Foundation
import GaitCore

/// The simulated runner's body over time, in the ground frame (x forward, y up, z right; metres).
///
/// The feet follow `FootTrajectory`; the pelvis moves forward at the running speed and bobs with
/// its lowest point near each mid-stance (`pelvisLowShift`; highest for walking); knees come from
/// two-link inverse kinematics between hip and ankle; trunk, head and arms are placed from the
/// trunk lean and the legs' motion.
struct RunnerKinematics: Sendable {
    let parameters: SimulationParameters
    let body: Anthropometry
    let schedule: ContactSchedule
    let feet: [BodySide: FootTrajectory]
    /// Mean pelvis (hip joint centre) height, metres.
    private(set) var pelvisHeight: Double
    /// When the pelvis is lowest in each contact (highest for walking): its mid-stance moved by
    /// that foot's `pelvisLowShift`, both sides, in order.
    private let pelvisLows: [Double]

    init(parameters p: SimulationParameters, schedule: ContactSchedule) throws {
        parameters = p
        body = Anthropometry(height: p.runnerHeightMeters)
        self.schedule = schedule
        pelvisLows = schedule.contacts.map { contact in
            let duration = contact.toeOff! - contact.initialContact
            return (contact.initialContact + contact.toeOff!) / 2 + p.foot(contact.side).pelvisLowShift * duration
        }
        var feet: [BodySide: FootTrajectory] = [:]
        for side in BodySide.allCases {
            let contacts = schedule.contacts(of: side)
            let body = Anthropometry(height: p.runnerHeightMeters)
            let foot = p.foot(side)
            let strikeRadians = foot.strikeAngleDegrees * .pi / 180
            let flatHeelX = contacts.map { contact -> Double in
                let hipX = p.speedMetersPerSecond * contact.initialContact
                // For a forefoot strike the heel is still up and back at contact: shift so the
                // heel's horizontal distance to the hip at contact is exactly the overstride.
                let rollBack = strikeRadians < 0 ? body.footLength * (1 - cos(strikeRadians)) : 0
                // The foot still slides forward after touchdown: it comes to rest that much further on.
                let slide = FootTrajectory.slideDistance(
                    touchdownSpeed: foot.touchdownSpeedMetersPerSecond, settleSeconds: foot.landingSettleSeconds)
                return hipX + p.overstrideMeters - rollBack + slide
            }
            feet[side] = FootTrajectory(
                body: body, contacts: contacts, flatHeelX: flatHeelX, strikeAngle: strikeRadians,
                toeOffAngle: -(p.mode == .walking ? 30 : foot.toeOffAngleDegrees) * .pi / 180,
                landingShare: p.footStrike == .midfoot ? 0.08 : 0.2,
                heelOffShare: p.mode == .walking ? 0.65 : 0.5,
                swingClearance: p.swingClearanceScale * (p.mode == .walking ? 0.05 : 0.08 + 0.06 * p.speedMetersPerSecond),
                swingLateness: p.swingLateness, swingApproach: foot.swingApproach,
                compression: foot.shoeCompressionMeters,
                touchdownSpeed: foot.touchdownSpeedMetersPerSecond, touchdownSinkSpeed: p.touchdownSinkSpeedMetersPerSecond,
                settleSeconds: foot.landingSettleSeconds, toeFlex: foot.toeFlex)
        }
        self.feet = feet
        pelvisHeight = 0
        pelvisHeight = try Self.feasiblePelvisHeight(for: self)
    }

    /// Reach of the leg (hip joint to ankle joint) that the stance leg may use: a little short of
    /// straight, so the knee never locks.
    var usableLegLength: Double { 0.985 * (body.thigh + body.shank) }

    /// The highest mean pelvis height that keeps every stance ankle within reach of its hip, capped
    /// at 98% of the standing hip height.
    private static func feasiblePelvisHeight(for model: RunnerKinematics) throws -> Double {
        var height = 0.98 * model.body.standingHipHeight
        for side in BodySide.allCases {
            let foot = model.feet[side]!
            for (index, contact) in foot.contacts.enumerated() {
                for k in 0...40 {
                    let s = Double(k) / 40
                    let t = contact.initialContact + s * (contact.toeOff! - contact.initialContact)
                    let ankle = foot.point(foot.ankleLocal, of: foot.stancePose(contact: index, share: s))
                    let dx = model.parameters.speedMetersPerSecond * t - ankle.x
                    let reach = model.usableLegLength
                    guard abs(dx) < reach * 0.95 else {
                        throw SimulationError.invalidParameter(
                            "the stance foot would be \(String(format: "%.2f", abs(dx))) m from the hip, beyond the leg's reach; "
                                + "lower the speed × contact time or the overstride")
                    }
                    height = min(height, ankle.y + (reach * reach - dx * dx).squareRoot() - model.pelvisBob(at: t))
                }
            }
        }
        guard height > 0.8 * model.body.standingHipHeight else {
            throw SimulationError.invalidParameter("these parameters make the runner crouch below 80% of the standing hip height")
        }
        return height
    }

    /// Pelvis height relative to its mean, metres: −VO/2 at each of `pelvisLows`, +VO/2 halfway
    /// between (running); the reverse for walking, whose pelvis vaults over the stance leg.
    func pelvisBob(at time: Double) -> Double {
        let half = parameters.verticalOscillationMeters / 2
        let sign: Double = parameters.mode == .walking ? 1 : -1
        guard let k = pelvisLows.lastIndex(where: { $0 <= time }), k + 1 < pelvisLows.count else {
            return sign * half
        }
        let u = (time - pelvisLows[k]) / (pelvisLows[k + 1] - pelvisLows[k])
        return sign * half * cos(2 * .pi * u)
    }

    /// Pelvis centre (midpoint of the hip joints), ground frame.
    func pelvis(at time: Double) -> SagittalPoint {
        SagittalPoint(x: parameters.speedMetersPerSecond * time, y: pelvisHeight + pelvisBob(at: time))
    }

    /// Sagittal positions of one leg's joints and sole points at `time`.
    struct Leg {
        var hip, knee, ankle: SagittalPoint
        /// The sole's back edge, the sole under the metatarsal heads (where the toes bend) and its
        /// toe tip.
        var heel, toeJoint, toe: SagittalPoint
    }

    /// One leg at `time`; `nil` outside the simulated span.
    func leg(_ side: BodySide, at time: Double) -> Leg? {
        let foot = feet[side]!
        guard let pose = foot.pose(at: time) else { return nil }
        let hip = pelvis(at: time)
        var ankle = foot.point(foot.ankleLocal, of: pose)
        var heel = pose.heel
        var (toeJoint, toe) = foot.toes(of: pose)
        // In the air the ankle may be pulled within reach (the foot then rides higher).
        let reach = usableLegLength
        let dx = ankle.x - hip.x, dy = ankle.y - hip.y
        let distance = (dx * dx + dy * dy).squareRoot()
        if distance > reach {
            let shift = SagittalPoint(x: -dx * (1 - reach / distance), y: -dy * (1 - reach / distance))
            ankle = SagittalPoint(x: ankle.x + shift.x, y: ankle.y + shift.y)
            heel = SagittalPoint(x: heel.x + shift.x, y: heel.y + shift.y)
            toeJoint = SagittalPoint(x: toeJoint.x + shift.x, y: toeJoint.y + shift.y)
            toe = SagittalPoint(x: toe.x + shift.x, y: toe.y + shift.y)
        }
        let knee = Self.knee(hip: hip, ankle: ankle, thigh: body.thigh, shank: body.shank)
        return Leg(hip: hip, knee: knee, ankle: ankle, heel: heel, toeJoint: toeJoint, toe: toe)
    }

    /// Two-link inverse kinematics: the knee that joins a thigh and a shank of the given lengths
    /// between `hip` and `ankle`, bending forward.
    static func knee(hip: SagittalPoint, ankle: SagittalPoint, thigh: Double, shank: Double) -> SagittalPoint {
        let dx = ankle.x - hip.x, dy = ankle.y - hip.y
        let d = min((dx * dx + dy * dy).squareRoot(), thigh + shank - 1e-9)
        let cosine = (thigh * thigh + d * d - shank * shank) / (2 * thigh * d)
        let gamma = acos(min(1, max(-1, cosine)))
        let ux = dx / d, uy = dy / d
        // Rotate the hip→ankle direction counter-clockwise by gamma (towards +x for a leg pointing down).
        let c = cos(gamma), s = sin(gamma)
        return SagittalPoint(x: hip.x + thigh * (ux * c - uy * s), y: hip.y + thigh * (ux * s + uy * c))
    }
}
