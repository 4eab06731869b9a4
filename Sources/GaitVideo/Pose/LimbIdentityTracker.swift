import Foundation
import GaitCore

/// Keeps "left" and "right" attached to the same physical limbs from frame to frame.
///
/// In a side view BlazePose often swaps the two legs (or arms) for a few frames: the far leg is
/// hidden behind the near one and the model guesses which is which. A swap makes a foot jump
/// across the body between two frames, which a gait event detector reads as nonsense contacts.
/// For each frame this compares the summed frame-to-frame displacement of the leg chain (hip,
/// knee, ankle, heel, toe; likewise shoulder-elbow-wrist-hand for the arms) with the labels kept
/// and with the labels exchanged, and exchanges them when that moves the limbs less than
/// `switchRatio` times as far. The ratio leaves ambiguous frames (legs crossing) untouched.
public struct LimbIdentityTracker: Sendable {
    /// Exchange the labels only when the exchanged assignment costs less than this share of the
    /// kept one.
    public var switchRatio = 0.6

    static let legs: [(BlazePoseLandmark, BlazePoseLandmark)] = [
        (.leftHip, .rightHip), (.leftKnee, .rightKnee), (.leftAnkle, .rightAnkle),
        (.leftHeel, .rightHeel), (.leftFootIndex, .rightFootIndex),
    ]
    static let arms: [(BlazePoseLandmark, BlazePoseLandmark)] = [
        (.leftShoulder, .rightShoulder), (.leftElbow, .rightElbow), (.leftWrist, .rightWrist),
        (.leftPinky, .rightPinky), (.leftIndex, .rightIndex), (.leftThumb, .rightThumb),
    ]

    public init() {}

    /// The runner's poses with consistent limb labels, and the number of frames whose leg labels
    /// were exchanged. `aspect` is the image width over its height (distances in image-height units).
    public func track(_ poses: [DetectedPose?], aspect: Double) -> (poses: [DetectedPose?], legSwaps: Int) {
        var corrected = poses
        var legSwaps = 0
        var previous: DetectedPose?
        for index in corrected.indices {
            guard var pose = corrected[index] else {
                previous = nil
                continue
            }
            if let previous {
                for (pairs, isLegs) in [(Self.legs, true), (Self.arms, false)]
                where shouldExchange(pairs, from: previous, to: pose, aspect: aspect) {
                    for (left, right) in pairs { pose.landmarks.swapAt(left.rawValue, right.rawValue) }
                    if isLegs { legSwaps += 1 }
                }
                corrected[index] = pose
            }
            previous = pose
        }
        return (corrected, legSwaps)
    }

    private func shouldExchange(
        _ pairs: [(BlazePoseLandmark, BlazePoseLandmark)], from previous: DetectedPose, to current: DetectedPose,
        aspect: Double
    ) -> Bool {
        func distance(_ a: Landmark, _ b: Landmark) -> Double { hypot((a.x - b.x) * aspect, a.y - b.y) }
        var kept = 0.0, exchanged = 0.0
        for (left, right) in pairs {
            let previousLeft = previous.landmarks[left.rawValue], previousRight = previous.landmarks[right.rawValue]
            let currentLeft = current.landmarks[left.rawValue], currentRight = current.landmarks[right.rawValue]
            kept += distance(previousLeft, currentLeft) + distance(previousRight, currentRight)
            exchanged += distance(previousLeft, currentRight) + distance(previousRight, currentLeft)
        }
        return exchanged < switchRatio * kept
    }
}
