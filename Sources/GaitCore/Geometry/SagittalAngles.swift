import Foundation

/// A point in the sagittal plane: `x` forward (the running direction), `y` up. Units are whatever
/// the caller uses (metres or pixels): the angles below do not depend on them.
public struct SagittalPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The point halfway to `other`.
    public func midpoint(_ other: SagittalPoint) -> SagittalPoint {
        SagittalPoint(x: (x + other.x) / 2, y: (y + other.y) / 2)
    }

    /// Euclidean distance to `other`.
    public func distance(to other: SagittalPoint) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }
}

/// Joint and segment angles in the sagittal plane, in degrees, as the report defines them.
///
/// Conventions follow the clinical running-analysis literature (e.g. Souza, *Phys Med Rehabil Clin
/// N Am* 27:217, 2016): segment angles are measured from the vertical, joint flexion from the
/// straight limb.
public enum SagittalAngles {
    /// Knee flexion: the angle between the thigh (hip → knee) and the shank (knee → ankle); 0° is
    /// a straight leg, positive is flexion (the knee in front of the hip–ankle line or behind it
    /// both count; running knees flex forward).
    public static func kneeFlexion(hip: SagittalPoint, knee: SagittalPoint, ankle: SagittalPoint) -> Double {
        angleBetween(dx1: knee.x - hip.x, dy1: knee.y - hip.y, dx2: ankle.x - knee.x, dy2: ankle.y - knee.y)
    }

    /// Angle of the segment from `top` to `bottom` relative to the downward vertical; positive when
    /// `bottom` is ahead of `top`. For the thigh (hip → knee) this is hip flexion (negative =
    /// extension); for the shank (knee → ankle) the shank angle used for overstriding.
    public static func segmentFromVertical(top: SagittalPoint, bottom: SagittalPoint) -> Double {
        atan2(bottom.x - top.x, top.y - bottom.y) * 180 / .pi
    }

    /// Foot angle to the horizontal from heel to toe; positive when the toes are up (heel strike),
    /// negative when they point down (forefoot strike). Altman & Davis, *Gait Posture* 35:298, 2012.
    public static func footAngle(heel: SagittalPoint, toe: SagittalPoint) -> Double {
        atan2(toe.y - heel.y, toe.x - heel.x) * 180 / .pi
    }

    /// Trunk lean: the hip-midpoint → shoulder-midpoint line from the upward vertical; positive when
    /// the shoulders are ahead of the hips.
    public static func trunkLean(hipMidpoint: SagittalPoint, shoulderMidpoint: SagittalPoint) -> Double {
        atan2(shoulderMidpoint.x - hipMidpoint.x, shoulderMidpoint.y - hipMidpoint.y) * 180 / .pi
    }

    private static func angleBetween(dx1: Double, dy1: Double, dx2: Double, dy2: Double) -> Double {
        let cross = dx1 * dy2 - dy1 * dx2
        let dot = dx1 * dx2 + dy1 * dy2
        return abs(atan2(cross, dot)) * 180 / .pi
    }
}

/// Foot-strike pattern from the foot strike angle (Altman & Davis 2012): rearfoot above 8°,
/// forefoot below −1.6°, midfoot between.
public enum FootStrikePattern: String, Codable, Sendable, CaseIterable {
    case rearfoot, midfoot, forefoot

    /// Rearfoot strikes have a foot strike angle above this, degrees.
    public static let rearfootAboveDegrees = 8.0
    /// Forefoot strikes have a foot strike angle below this, degrees.
    public static let forefootBelowDegrees = -1.6

    /// The pattern of a foot strike angle in degrees.
    public init(footStrikeAngleDegrees angle: Double) {
        if angle > Self.rearfootAboveDegrees {
            self = .rearfoot
        } else if angle < Self.forefootBelowDegrees {
            self = .forefoot
        } else {
            self = .midfoot
        }
    }
}
