import Foundation
import GaitCore
import Testing
@testable import GaitVideo

/// Runner selection and limb-label tracking on stick figures with known motion.
@Suite("Runner selection and limb identity")
struct RunnerTrackingTests {
    /// A side-view stick figure centred at `x` (normalised), `height` of the image tall, its legs
    /// `stride` apart (left ankle ahead by `stride`, as a fraction of its height).
    static func figure(x: Double, height: Double, stride: Double, aspect: Double = 16.0 / 9.0) -> DetectedPose {
        var landmarks = [Landmark](repeating: Landmark(x: x, y: 0.5), count: BlazePoseLandmark.count)
        let top = 0.5 - height / 2
        func set(_ point: BlazePoseLandmark, dx: Double, dy: Double) {
            landmarks[point.rawValue] = Landmark(x: x + dx * height / aspect, y: top + dy * height)
        }
        set(.nose, dx: 0.02, dy: 0.05)
        for side in BodySide.allCases {
            let sign = side == .left ? 1.0 : -1.0, swing = sign * stride / 2
            set(side == .left ? .leftShoulder : .rightShoulder, dx: 0, dy: 0.2)
            set(side == .left ? .leftElbow : .rightElbow, dx: -swing / 2, dy: 0.35)
            set(side == .left ? .leftWrist : .rightWrist, dx: -swing, dy: 0.45)
            let leg = LegLandmarks(side)
            set(leg.hip, dx: 0, dy: 0.5)
            set(leg.knee, dx: swing / 2, dy: 0.73)
            set(leg.ankle, dx: swing, dy: 0.95)
            set(leg.heel, dx: swing - 0.03, dy: 0.97)
            set(leg.footIndex, dx: swing + 0.07, dy: 0.98)
        }
        return DetectedPose(landmarks: landmarks)
    }

    @Test("body height is estimated from segments whatever the posture")
    func bodyHeight() {
        let upright = RunnerSelector.bodyHeight(Self.figure(x: 0.5, height: 0.6, stride: 0), aspect: 16.0 / 9.0)
        // Segments: trunk 0.3 + thigh 0.23 + shank 0.22 = 0.75 of the height → / 0.75 = height.
        #expect(abs(upright - 0.6) < 1e-9)
        let striding = RunnerSelector.bodyHeight(Self.figure(x: 0.5, height: 0.6, stride: 0.4), aspect: 16.0 / 9.0)
        #expect(striding > upright, "a spread leg is longer along its segments than its vertical extent")
    }

    @Test("the moving, consistent person is chosen over a larger bystander standing still")
    func choosesRunner() {
        // 60 frames: the runner (40% of the height) crosses the frame swinging the legs; a bystander
        // (55% of the height) stands still at the right in every frame.
        var frames: [[DetectedPose]] = []
        for index in 0..<60 {
            let phase = Double(index) * 2 * Double.pi / 20
            let runner = Self.figure(x: 0.1 + 0.01 * Double(index), height: 0.4, stride: 0.5 * sin(phase))
            let bystander = Self.figure(x: 0.85, height: 0.55, stride: 0.05)
            frames.append(index % 2 == 0 ? [runner, bystander] : [bystander, runner])
        }
        let (runner, selection) = RunnerSelector().select(frames, aspect: 16.0 / 9.0)
        #expect(selection.trackCount == 2)
        #expect(selection.maximumPeopleInFrame == 2 && selection.framesWithSeveralPeople == 60)
        #expect(runner.allSatisfy { $0 != nil })
        // Every chosen pose is the runner's (x advances by 0.01 per frame from 0.1).
        for (index, pose) in runner.enumerated() {
            let hipX = (pose!.landmarks[BlazePoseLandmark.leftHip.rawValue].x)
            #expect(abs(hipX - (0.1 + 0.01 * Double(index))) < 1e-9)
        }
        #expect(abs(selection.chosenHeightFraction - 0.4) < 0.05)
        #expect(selection.statement?.contains("2 people") == true)
    }

    @Test("legs swapped by the estimator for a few frames are put back; crossing legs are left alone")
    func limbIdentity() {
        let truth: [DetectedPose?] = (0..<40).map { index in
            Self.figure(x: 0.3 + 0.005 * Double(index), height: 0.5, stride: 0.5 * sin(Double(index) * 2 * .pi / 16))
        }
        var observed = truth
        // The stride peaks every 8 frames (at 4, 12, 20...): swap three frames around one peak and
        // a single frame at another, where the legs are far apart and the labels unambiguous.
        for index in [3, 4, 5, 20] {
            var pose = observed[index]!
            for (left, right) in LimbIdentityTracker.legs { pose.landmarks.swapAt(left.rawValue, right.rawValue) }
            observed[index] = pose
        }
        let (corrected, swaps) = LimbIdentityTracker().track(observed, aspect: 16.0 / 9.0)
        let wrongFrames = zip(corrected, truth).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(wrongFrames == [], "every frame back to its true labels")
        // Each swapped frame is compared with the corrected frame before it: four exchanges.
        #expect(swaps == 4)
        // Without swaps nothing changes, including the frames where the legs cross (stride ≈ 0).
        #expect(LimbIdentityTracker().track(truth, aspect: 16.0 / 9.0).legSwaps == 0)
    }
}
