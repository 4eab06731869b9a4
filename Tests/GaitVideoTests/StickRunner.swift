import Foundation
import GaitCore
@testable import GaitVideo

/// A side-view stick runner with planted feet, for the limb-identity tests: 30 fps, one step every
/// 8 frames (a 5-frame contact, 0.17 s, then 3 frames of flight), the left foot on even steps.
/// A planted foot keeps still; the swing foot travels at constant speed from its last spot to two
/// steps ahead, 0.02 image heights above the ground at most, so it passes close to the planted foot
/// at mid-stance (frames 8j + 2), as a small runner's feet do in the image.
enum StickRunner {
    static let aspect = 16.0 / 9.0
    static let framesPerStep = 8
    static let contactFrames = 5
    /// Step length, normalised image x (0.32 image heights, 1.6 leg lengths, as a sprinter's).
    static let stepLength = 0.18
    static let groundY = 0.8

    /// Frame times, seconds.
    static func times(_ count: Int) -> [Double] { (0..<count).map { Double($0) / 30 } }

    /// Normalised (x, y) of the `side` foot's ankle at frame `frame`.
    static func ankle(_ side: BodySide, frame: Int) -> (x: Double, y: Double) {
        // Steps j with j % 2 == 0 are the left foot's; a foot is planted from 8j to 8j + 4.
        let parity = side == .left ? 0 : 1
        var step = Int((Double(frame) / Double(framesPerStep)).rounded(.down))
        if ((step % 2) + 2) % 2 != parity { step -= 1 }
        let plantStart = step * framesPerStep, plantEnd = plantStart + contactFrames - 1
        let spot = 0.05 + Double(step) * stepLength
        if frame <= plantEnd { return (spot, groundY) }
        // Swinging to step + 2, landing at frame 8(step + 2).
        let u = Double(frame - plantEnd) / Double((step + 2) * framesPerStep - plantEnd)
        return (spot + 2 * stepLength * u, groundY - 0.02 * sin(.pi * u))
    }

    /// The runner's pose at `frame`, with the labels the truth gives.
    static func pose(frame: Int) -> DetectedPose {
        var landmarks = [Landmark](repeating: Landmark(x: 0, y: 0.4), count: BlazePoseLandmark.count)
        // The pelvis is above the stance foot at mid-stance (frame 8j + 2).
        let hipX = 0.05 + stepLength * Double(frame - 2) / Double(framesPerStep)
        for side in BodySide.allCases {
            let leg = LegLandmarks(side), foot = ankle(side, frame: frame)
            let hipOffset = side == .left ? 0.002 : -0.002
            landmarks[leg.hip.rawValue] = Landmark(x: hipX + hipOffset, y: 0.6)
            landmarks[leg.knee.rawValue] = Landmark(x: (hipX + foot.x) / 2 + 0.02, y: (0.6 + foot.y) / 2)
            landmarks[leg.ankle.rawValue] = Landmark(x: foot.x, y: foot.y)
            landmarks[leg.heel.rawValue] = Landmark(x: foot.x - 0.008, y: foot.y + 0.01)
            landmarks[leg.footIndex.rawValue] = Landmark(x: foot.x + 0.02, y: foot.y + 0.012)
        }
        for (index, point) in [BlazePoseLandmark.leftShoulder, .rightShoulder].enumerated() {
            landmarks[point.rawValue] = Landmark(x: hipX + 0.01 + 0.002 * Double(index), y: 0.3)
        }
        return DetectedPose(landmarks: landmarks)
    }

    /// `pose` with its leg labels exchanged, as the estimator does.
    static func exchangingLegs(_ pose: DetectedPose) -> DetectedPose {
        var pose = pose
        LimbIdentityTracker.exchange(LimbIdentityTracker.legs, in: &pose)
        return pose
    }
}
