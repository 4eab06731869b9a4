import Foundation
import GaitCore

/// Keeps "left" and "right" attached to the same physical limbs from frame to frame.
///
/// In a side view BlazePose often swaps the two legs (or arms): the far leg is hidden behind the
/// near one and the model guesses which is which, guessing again each time the legs cross. A swap
/// makes a foot jump across the body between two frames, which a gait event detector reads as
/// nonsense contacts, and each foot's resting line gets fitted through the other foot's contacts.
/// On each run of frames with a person, two steps put the labels back:
/// 1. `SmoothestLabelling`: of all ways to keep or exchange each frame's labels, the one whose limb
///    landmarks accelerate least (for the leg chain hip-knee-ankle-heel-toe, and likewise
///    shoulder-elbow-wrist-hand for the arms). A foot swinging past the planted one keeps its
///    speed, so the labels follow it through the crossing, where positions alone cannot tell the
///    feet apart.
/// 2. `FootRestOrder` (legs only): a planted foot stays put and the feet rest in turn, so two rests
///    in quick succession under one label at two places, or under two labels at one place, mean
///    the labels were exchanged between them. This catches what step 1 cannot: a frame where the
///    estimator put both feet on one spot leaves no motion to follow.
///
/// Which consistent leg is called left cannot be seen in a side view; it is the estimator's call on
/// most frames of the run.
public struct LimbIdentityTracker: Sendable {
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
    /// were exchanged. `times` are the frames' times in seconds (one per pose); `aspect` is the
    /// image width over its height (distances are measured in image-height units).
    public func track(_ poses: [DetectedPose?], times: [Double], aspect: Double) -> (poses: [DetectedPose?], legSwaps: Int) {
        precondition(times.count == poses.count, "one time per pose")
        guard let legLength = Self.legLength(poses, aspect: aspect) else { return (poses, 0) }
        var corrected = poses
        var legSwaps = 0
        for run in Self.runsWithPerson(poses) {
            let frames = run.map { poses[$0]! }
            let interval = Self.medianInterval(run.map { times[$0] })
            let labelling = SmoothestLabelling(legLength: legLength, frameInterval: interval)
            let legs = Self.chain(Self.legs, of: frames, aspect: aspect)
            var legExchanges = labelling.exchanges(legs)
            let armExchanges = labelling.exchanges(Self.chain(Self.arms, of: frames, aspect: aspect))
            FootRestOrder(legLength: legLength, frameInterval: interval).correct(&legExchanges, legs: legs, times: run.map { times[$0] })
            // A correction exchanges the labels to the end of the run; of the consistent labelling
            // and its mirror image, keep the one that agrees with the estimator more often.
            if 2 * legExchanges.filter({ $0 }).count > legExchanges.count { legExchanges = legExchanges.map { !$0 } }
            for (offset, index) in run.enumerated() {
                var pose = frames[offset]
                if legExchanges[offset] {
                    Self.exchange(Self.legs, in: &pose)
                    legSwaps += 1
                }
                if armExchanges[offset] { Self.exchange(Self.arms, in: &pose) }
                corrected[index] = pose
            }
        }
        return (corrected, legSwaps)
    }

    static func exchange(_ pairs: [(BlazePoseLandmark, BlazePoseLandmark)], in pose: inout DetectedPose) {
        for (left, right) in pairs { pose.landmarks.swapAt(left.rawValue, right.rawValue) }
    }

    /// Per frame, the chain's points as the estimator labelled them: the left landmarks of `pairs`
    /// in order, then the right ones, in image-height units.
    static func chain(_ pairs: [(BlazePoseLandmark, BlazePoseLandmark)], of frames: [DetectedPose], aspect: Double) -> [LimbChain] {
        frames.map { pose in
            func point(_ landmark: BlazePoseLandmark) -> SIMD2<Double> {
                let l = pose.landmarks[landmark.rawValue]
                return SIMD2(l.x * aspect, l.y)
            }
            return LimbChain(left: pairs.map { point($0.0) }, right: pairs.map { point($0.1) })
        }
    }

    /// The runner's leg length (hip-knee plus knee-ankle, median over frames and sides), in
    /// image-height units; `nil` without any pose.
    static func legLength(_ poses: [DetectedPose?], aspect: Double) -> Double? {
        var lengths: [Double] = []
        for pose in poses.compactMap({ $0 }) {
            for side in BodySide.allCases {
                let leg = LegLandmarks(side)
                func point(_ landmark: BlazePoseLandmark) -> SIMD2<Double> {
                    let l = pose.landmarks[landmark.rawValue]
                    return SIMD2(l.x * aspect, l.y)
                }
                lengths.append(LimbChain.distance(point(leg.hip), point(leg.knee)) + LimbChain.distance(point(leg.knee), point(leg.ankle)))
            }
        }
        return Statistics.median(lengths).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Index runs of consecutive frames with a person.
    static func runsWithPerson(_ poses: [DetectedPose?]) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for (index, pose) in poses.enumerated() {
            if pose == nil {
                if !current.isEmpty { runs.append(current) }
                current = []
            } else {
                current.append(index)
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Median time between consecutive frames, seconds (1/30 s for a single frame).
    static func medianInterval(_ times: [Double]) -> Double {
        Statistics.median(zip(times, times.dropFirst()).map { $1 - $0 }).flatMap { $0 > 0 ? $0 : nil } ?? 1.0 / 30
    }
}

/// One limb chain (leg or arm) of one frame, as the estimator labelled it, in image-height units.
struct LimbChain {
    var left: [SIMD2<Double>]
    var right: [SIMD2<Double>]

    /// The chain's points with the labels kept (`exchanged` false) or exchanged: the points called
    /// left, then those called right.
    func points(exchanged: Bool) -> [SIMD2<Double>] { exchanged ? right + left : left + right }

    static func distance(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        let d = a - b
        return (d * d).sum().squareRoot()
    }
}
