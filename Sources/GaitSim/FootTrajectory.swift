import Foundation
import GaitCore

/// The pose of one foot in the sagittal plane: the sole's heel point, the angle of the rear of the
/// foot (heel to metatarsal heads) and how far the toes are bent up at the metatarsal heads.
struct FootPose: Sendable {
    /// Back edge of the sole (the heel landmark), metres; y = 0 is the ground.
    var heel: SagittalPoint
    /// Angle of the sole from the heel to the metatarsal heads to the ground, radians; positive =
    /// toes up.
    var angle: Double
    /// Angle of the toes to the rear of the foot at the metatarsal heads, radians; positive = toes
    /// bent up (0 = a straight sole).
    var toeBend = 0.0
}

/// Where one foot is at any time: planted and rolling during its contacts, travelling through the
/// air between them. Built so that the sole touches the ground (its lowest point at y = 0) exactly
/// from each contact's initial contact to its toe-off, and is above the ground otherwise.
struct FootTrajectory: Sendable {
    let body: Anthropometry
    /// This foot's contacts, in time order.
    let contacts: [GaitEvent]
    /// Ground-frame x of the heel when the foot lies flat in each contact, metres.
    let flatHeelX: [Double]
    /// Foot angle at initial contact, radians (positive = heel first).
    let strikeAngle: Double
    /// Foot angle at toe-off, radians (negative: heel up, rolling over the toes).
    let toeOffAngle: Double
    /// Share of the contact spent rolling from the strike angle to flat.
    let landingShare: Double
    /// Share of the contact after which the heel lifts.
    let heelOffShare: Double
    /// Peak extra height of the ankle's swing arc, metres.
    let swingClearance: Double
    /// How late in the swing the foot travels forward (`SimulationParameters.swingLateness`).
    let swingLateness: Double
    /// How the clearance arc comes down (`SimulationParameters.swingApproach`), 0-1.
    let swingApproach: Double
    /// How far the planted foot sinks after touchdown (shoe compression), metres.
    let compression: Double
    /// Forward speed of the foot over the ground at initial contact, m/s.
    let touchdownSpeed: Double
    /// Downward speed of the foot at initial contact, m/s; `nil` = the clearance arc's own.
    let touchdownSinkSpeed: Double?
    /// Time the foot takes after touchdown to come to rest (sunk by `compression`, slowed from
    /// `touchdownSpeed` to the ground's speed), seconds.
    let settleSeconds: Double
    /// Share of the heel's rise that the toes take up by bending at the metatarsal heads
    /// (`SimulationParameters.toeFlex`), 0-1.
    let toeFlex: Double

    /// Position of a point given in the frame of the rear of the foot (x along the sole from the
    /// heel, y up; x up to `body.metatarsalHeadsFromHeel`).
    func point(_ local: SagittalPoint, of pose: FootPose) -> SagittalPoint {
        let c = cos(pose.angle), s = sin(pose.angle)
        return SagittalPoint(x: pose.heel.x + c * local.x - s * local.y, y: pose.heel.y + s * local.x + c * local.y)
    }

    /// The sole under the metatarsal heads, where the toes bend.
    var toeJointLocal: SagittalPoint { SagittalPoint(x: body.metatarsalHeadsFromHeel, y: 0) }
    var ankleLocal: SagittalPoint { SagittalPoint(x: body.ankleForwardOfHeel, y: body.ankleHeight) }

    /// The foot's pose at `time` (seconds); `nil` outside the contacts' span.
    func pose(at time: Double) -> FootPose? {
        guard let last = contacts.indices.last(where: { contacts[$0].initialContact <= time }) else { return nil }
        let contact = contacts[last]
        let toeOff = contact.toeOff!
        if time <= toeOff {
            return stancePose(contact: last, share: (time - contact.initialContact) / (toeOff - contact.initialContact))
        }
        guard last + 1 < contacts.count else { return nil }
        let share = (time - toeOff) / (contacts[last + 1].initialContact - toeOff)
        return swingPose(
            from: stancePose(contact: last, share: 1), to: stancePose(contact: last + 1, share: 0),
            seconds: contacts[last + 1].initialContact - toeOff, share: share)
    }

    /// The sole under the metatarsal heads (where the toes bend) and the toe tip, `toeLength` on
    /// from there, turned by the toes' bend.
    func toes(of pose: FootPose) -> (joint: SagittalPoint, tip: SagittalPoint) {
        let joint = point(toeJointLocal, of: pose)
        let toeAngle = pose.angle + pose.toeBend
        return (joint, SagittalPoint(x: joint.x + body.toeLength * cos(toeAngle), y: joint.y + body.toeLength * sin(toeAngle)))
    }

    /// Pose during contact `index` at `share` (0 = initial contact, 1 = toe-off) of its duration.
    func stancePose(contact index: Int, share s: Double) -> FootPose {
        var pose = rollingStancePose(contact: index, share: s)
        let settled = settling(contact: index, share: s)
        pose.heel.y -= compression * settled
        pose.heel.x -= Self.slideDistance(touchdownSpeed: touchdownSpeed, settleSeconds: settleSeconds) * (1 - settled)
        return pose
    }

    /// How far the foot has come to rest at `share` of contact `index`: 0 at touchdown, 1 once
    /// settled, u(2 − u) after a share u of `settleSeconds` (so it sinks and slides on at its
    /// landing speed and slows to rest). Landmarks on a real shoe keep sinking and moving forward
    /// for 20-40 ms after the force plate's touchdown (Fukuchi 2017, docs/training.md).
    func settling(contact index: Int, share s: Double) -> Double {
        let contact = contacts[index]
        let elapsed = s * (contact.toeOff! - contact.initialContact)
        let u = settleSeconds > 0 ? min(1, elapsed / settleSeconds) : 1
        return u * (2 - u)
    }

    /// How far the foot slides forward after touchdown, metres: from `touchdownSpeed` (m/s),
    /// slowing evenly to rest over `settleSeconds`.
    static func slideDistance(touchdownSpeed: Double, settleSeconds: Double) -> Double {
        touchdownSpeed * settleSeconds / 2
    }

    /// The pose of the foot rolling over the ground during contact `index`: over the heel while it
    /// lands, then over the toe tip once the heel lifts, the toes taking up `toeFlex` of the rear
    /// foot's angle by bending at the metatarsal heads (1: the toes stay flat and the rear of the
    /// foot pivots about the metatarsal heads; 0: one rigid sole rolling over its tip).
    private func rollingStancePose(contact index: Int, share s: Double) -> FootPose {
        let heelX = flatHeelX[index]
        let angle: Double
        if s < landingShare {
            angle = strikeAngle * (1 - MinimumJerk.position(s / landingShare))
        } else if s < heelOffShare {
            angle = 0
        } else {
            let u = (s - heelOffShare) / (1 - heelOffShare)
            angle = toeOffAngle * u * u
        }
        if angle > 0 || (s < landingShare && strikeAngle >= 0) {
            // Rolling over the heel point, which stays planted.
            return FootPose(heel: SagittalPoint(x: heelX, y: 0), angle: angle)
        }
        // Rolling over the toe tip, which stays planted at heelX + foot length; the toes lie at
        // angle × (1 − toeFlex), the rear of the foot at `angle`. Only a lifting heel bends them.
        let toeAngle = s >= heelOffShare ? angle * (1 - toeFlex) : angle
        let tip = SagittalPoint(x: heelX + body.footLength, y: 0)
        let joint = SagittalPoint(x: tip.x - body.toeLength * cos(toeAngle), y: tip.y - body.toeLength * sin(toeAngle))
        let rear = body.metatarsalHeadsFromHeel
        return FootPose(heel: SagittalPoint(x: joint.x - rear * cos(angle), y: joint.y - rear * sin(angle)), angle: angle,
                        toeBend: toeAngle - angle)
    }

    /// Share of the swing at its end in which the foot speeds up to land at `touchdownSpeed`
    /// (the rest of the swing is left as it was).
    static let arrivalShare = 0.25

    /// An offset that adds `speed` (m/s) to the end of a swing of `seconds`, metres: zero until
    /// the last `arrivalShare` of the swing, and zero again at touchdown.
    static func arrival(speed: Double, seconds: Double, share u: Double) -> Double {
        let window = arrivalShare * seconds
        return speed * window * MinimumJerk.arrivalSpeedShape((u - (1 - arrivalShare)) / arrivalShare)
    }

    /// The clearance arc at share `u` of the swing, 0-1: sin(π g(u)) with g(u) = u + a·u²(1 − u),
    /// a = `swingApproach` (a = 0: sin(πu)). g runs ahead of u in the second half of the swing, so
    /// the foot comes down sooner and approaches the ground flatter; g'(1) = 1 − a.
    func clearanceArc(_ u: Double) -> Double {
        let x = min(max(u, 0), 1)
        return sin(Double.pi * (x + swingApproach * x * x * (1 - x)))
    }

    /// Downward speed at which the clearance arc alone lands after a swing of `seconds`, m/s:
    /// swingClearance · π · g'(1) / seconds.
    func arcLandingSpeed(seconds: Double) -> Double {
        swingClearance * Double.pi * (1 - swingApproach) / seconds
    }

    /// How much slower (positive) the foot comes down at touchdown than the clearance arc alone
    /// would land after a swing of `seconds`, m/s.
    func sinkSpeedChange(seconds: Double) -> Double {
        guard let touchdownSinkSpeed else { return 0 }
        return arcLandingSpeed(seconds: seconds) - touchdownSinkSpeed
    }

    /// Share of the way from one footprint to the next that the foot has travelled after a share
    /// `u` of the swing: mj(u) − k·u⁴(1 − u)², k = `swingLateness` (0 = minimum jerk).
    func forwardTravel(_ u: Double) -> Double {
        let x = min(max(u, 0), 1)
        return MinimumJerk.position(x) - swingLateness * x * x * x * x * (1 - x) * (1 - x)
    }

    /// Pose in the air (`seconds` from toe-off to the next contact): the ankle travels forward by
    /// `forwardTravel` and up and down by the clearance arc, arriving forward at `touchdownSpeed` and
    /// downward at `touchdownSinkSpeed` (the arc's own landing speed is slowed or sped up over the
    /// last `arrivalShare`); the foot angle turns smoothly from its toe-off to its next strike angle,
    /// and the toes straighten over the first `toeStraighteningShare` of the swing.
    func swingPose(from start: FootPose, to end: FootPose, seconds: Double, share u: Double) -> FootPose {
        let ankleStart = point(ankleLocal, of: start)
        let ankleEnd = point(ankleLocal, of: end)
        let w = MinimumJerk.position(u)
        let angle = start.angle + (end.angle - start.angle) * w
        let toeBend = start.toeBend + (end.toeBend - start.toeBend) * MinimumJerk.position(u / Self.toeStraighteningShare)
        let ankle = SagittalPoint(
            x: ankleStart.x + (ankleEnd.x - ankleStart.x) * forwardTravel(u)
                + Self.arrival(speed: touchdownSpeed, seconds: seconds, share: u),
            y: ankleStart.y + (ankleEnd.y - ankleStart.y) * w + swingClearance * clearanceArc(u)
                + Self.arrival(speed: sinkSpeedChange(seconds: seconds), seconds: seconds, share: u))
        // Place the heel so that the ankle lands where the path says.
        let c = cos(angle), s = sin(angle)
        let heel = SagittalPoint(
            x: ankle.x - (c * ankleLocal.x - s * ankleLocal.y),
            y: ankle.y - (s * ankleLocal.x + c * ankleLocal.y))
        return FootPose(heel: heel, angle: angle, toeBend: toeBend)
    }

    /// Share of the swing over which toes bent at toe-off straighten again.
    static let toeStraighteningShare = 0.3
}

/// The minimum-jerk profile (Flash & Hogan, J Neurosci 5:1688, 1985): 10u³ − 15u⁴ + 6u⁵, with zero
/// velocity and acceleration at both ends.
enum MinimumJerk {
    static func position(_ u: Double) -> Double {
        let x = min(max(u, 0), 1)
        return x * x * x * (10 - 15 * x + 6 * x * x)
    }

    /// The quintic that adds a unit speed at the end (per unit of the path's duration) and
    /// changes nothing else: −4u³ + 7u⁴ − 3u⁵ is 0 at both ends, with slope 1 at u = 1 and zero
    /// slope and curvature at u = 0, zero curvature at u = 1.
    static func arrivalSpeedShape(_ u: Double) -> Double {
        let x = min(max(u, 0), 1)
        return x * x * x * (-4 + 7 * x - 3 * x * x)
    }
}
