import Foundation

/// Camera view and running direction, read off the pose itself.
///
/// - Direction: the heel → toe vector points the way the runner faces (votes over all frames,
///   both feet), backed by the nose's side of the ears.
/// - View angle ψ (0 = side view): the shoulders' apparent width grows as W·sin ψ while the torso's
///   length stays, so ψ = asin(r / 0.76) from the median ratio r of shoulder width to torso length
///   (0.76 = biacromial width 0.22 H over hip-to-shoulder height 0.288 H, Winter 2009 proportions).
///   Without shoulders (e.g. marker data of the legs only) the hips stand in: hip-joint width
///   0.10 H over leg length 0.491 H gives 0.20 for a frontal view.
///   Only frames with the hips in the middle 40% of the image width count when there are enough:
///   off-centre, perspective alone spreads the shoulders (parallax) even in a side view.
/// - Facing: a runner seen from the front shows the left shoulder on the image's right.
public struct ViewEstimate: Sendable, Equatable {
    public var view: CameraView
    /// Estimated angle off the side view, degrees.
    public var angleDegrees: Double
    public var direction: RunningDirection
    /// +1 when the runner faces image +x, −1 when facing −x (meaningful for side/oblique views).
    public var forwardSign: Double

    /// Ratio of shoulder width to torso length for a frontal view.
    static let frontalWidthRatio = 0.76
    /// Ratio of hip-joint width to leg length (hip → knee → ankle) for a frontal view.
    static let frontalHipRatio = 0.20
    /// True when the view was judged from the hips alone (no shoulders in the data).
    public var fromHipsOnly = false
    /// Views up to this many degrees off the side count as side views.
    public static let sideViewLimitDegrees = 20.0
    /// Views beyond this many degrees count as frontal or rear.
    public static let obliqueLimitDegrees = 60.0

    public init(sequence: PoseSequence) {
        let width = Double(sequence.width), height = Double(sequence.height)
        var footVotes = 0.0, noseVotes = 0.0, facing = 0.0
        var ratios: [Double] = [], centralRatios: [Double] = [], hipRatios: [Double] = []
        var hipFacing = 0.0
        for frame in sequence.frames {
            guard frame.landmarks != nil else { continue }
            func pixel(_ p: BlazePoseLandmark) -> (x: Double, y: Double)? {
                guard let l = frame[p], l.visibility >= CleanedPose.minimumVisibility else { return nil }
                return (l.x * width, l.y * height)
            }
            for side in BodySide.allCases {
                let leg = LegLandmarks(side)
                if let heel = pixel(leg.heel), let toe = pixel(leg.footIndex) { footVotes += toe.x > heel.x ? 1 : -1 }
            }
            if let nose = pixel(.nose), let le = pixel(.leftEar), let re = pixel(.rightEar) {
                noseVotes += nose.x > (le.x + re.x) / 2 ? 1 : -1
            }
            if let lh = pixel(.leftHip), let rh = pixel(.rightHip), let lk = pixel(.leftKnee), let la = pixel(.leftAnkle) {
                let leg = hypot(lk.x - lh.x, lk.y - lh.y) + hypot(la.x - lk.x, la.y - lk.y)
                if leg > 0 {
                    hipRatios.append(abs(lh.x - rh.x) / leg)
                    hipFacing += lh.x > rh.x ? 1 : -1
                }
            }
            if let ls = pixel(.leftShoulder), let rs = pixel(.rightShoulder), let lh = pixel(.leftHip), let rh = pixel(.rightHip) {
                let torso = hypot((ls.x + rs.x - lh.x - rh.x) / 2, (ls.y + rs.y - lh.y - rh.y) / 2)
                if torso > 0 {
                    ratios.append(abs(ls.x - rs.x) / torso)
                    if abs((lh.x + rh.x) / 2 - width / 2) < 0.2 * width { centralRatios.append(abs(ls.x - rs.x) / torso) }
                    facing += ls.x > rs.x ? 1 : -1
                }
            }
        }
        if ratios.isEmpty, let hipRatio = Statistics.median(hipRatios) {
            fromHipsOnly = true
            ratios = hipRatios
            facing = hipFacing
            angleDegrees = asin(min(1, hipRatio / Self.frontalHipRatio)) * 180 / .pi
        } else {
            let ratio = Statistics.median(centralRatios.count >= 10 ? centralRatios : ratios) ?? 0
            angleDegrees = asin(min(1, ratio / Self.frontalWidthRatio)) * 180 / .pi
        }
        let votes = footVotes != 0 ? footVotes : noseVotes
        forwardSign = votes >= 0 ? 1 : -1
        if ratios.isEmpty {
            view = .unknown
            direction = .unknown
        } else if angleDegrees >= Self.obliqueLimitDegrees {
            view = facing >= 0 ? .frontal : .rear
            direction = facing >= 0 ? .towardCamera : .awayFromCamera
        } else {
            view = angleDegrees < Self.sideViewLimitDegrees ? .side : .oblique
            direction = forwardSign > 0 ? .leftToRight : .rightToLeft
        }
    }
}
