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

    /// The frames of `corrected` whose labels differ from `truth`. Labels are right or wrong, so
    /// the limb-identity tests compare exactly (no tolerance).
    static func wrongFrames(_ corrected: [DetectedPose?], _ truth: [DetectedPose?]) -> [Int] {
        zip(corrected, truth).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
    }

    @Test("legs swapped by the estimator for a few frames are put back; a clean runner is left alone")
    func limbIdentity() {
        let truth: [DetectedPose?] = (0..<36).map { StickRunner.pose(frame: $0) }
        let times = StickRunner.times(36)
        var observed = truth
        // Three frames of one flight and a single frame of another, where the feet are far apart.
        for index in [5, 6, 7, 29] { observed[index] = StickRunner.exchangingLegs(observed[index]!) }
        let (corrected, swaps) = LimbIdentityTracker().track(observed, times: times, aspect: StickRunner.aspect)
        #expect(Self.wrongFrames(corrected, truth) == [], "every frame back to its true labels")
        #expect(swaps == 4)
        // Without swaps nothing changes, including mid-stance, where the swing foot passes the
        // planted one.
        #expect(LimbIdentityTracker().track(truth, times: times, aspect: StickRunner.aspect).legSwaps == 0)
    }

    @Test("legs swapped from one crossing to the next (half a second) are put back")
    func swappedBetweenCrossings() {
        let truth: [DetectedPose?] = (0..<36).map { StickRunner.pose(frame: $0) }
        var observed = truth
        // The swing foot passes the planted one at frames 8j + 2, within 0.02 image heights of it,
        // so the estimator may exchange the labels there and exchange them back at the next
        // crossing: 16 frames (0.53 s) across two contacts, like BlazePose on a small sprinter.
        for index in 10..<26 { observed[index] = StickRunner.exchangingLegs(observed[index]!) }
        let (corrected, swaps) = LimbIdentityTracker().track(observed, times: StickRunner.times(36), aspect: StickRunner.aspect)
        #expect(Self.wrongFrames(corrected, truth) == [])
        #expect(swaps == 16)
    }

    @Test("labels exchanged after a frame with both feet on one spot are put back by the feet's rest order")
    func restOrder() {
        let truth: [DetectedPose?] = (0..<36).map { StickRunner.pose(frame: $0) }
        var observed = truth
        // Frame 12 is the right foot's last frame on the ground (toe-off); the estimator puts both
        // legs on the planted right leg there and keeps the labels exchanged from then on.
        var blurred = observed[12]!
        for (left, right) in LimbIdentityTracker.legs { blurred.landmarks[left.rawValue] = blurred.landmarks[right.rawValue] }
        observed[12] = blurred
        for index in 13..<36 { observed[index] = StickRunner.exchangingLegs(observed[index]!) }
        let (corrected, swaps) = LimbIdentityTracker().track(observed, times: StickRunner.times(36), aspect: StickRunner.aspect)
        // Frame 12 is symmetric: either labelling of it is its truth as observed. Which leg is
        // called left cannot be seen; the estimator's call on most frames (its exchanged labels,
        // 23 of 36 frames) names them, so every frame is mirrored consistently.
        var expected = truth.map { StickRunner.exchangingLegs($0!) } as [DetectedPose?]
        expected[12] = blurred
        #expect(Self.wrongFrames(corrected, expected) == [])
        #expect(swaps == 13, "frames 0-12 relabelled (on the symmetric frame 12 that changes nothing)")

        // The rest order alone, on labels as observed: "the right foot" rests at x 0.23 (frames
        // 8-12) and again at 0.41 (frames 16-20) 0.13 s later, faster than any swing; the exchange
        // starts at frame 13, where it restores continuity.
        let legs = LimbIdentityTracker.chain(LimbIdentityTracker.legs, of: observed.map { $0! }, aspect: StickRunner.aspect)
        let legLength = LimbIdentityTracker.legLength(observed, aspect: StickRunner.aspect)!
        var exchanges = [Bool](repeating: false, count: 36)
        FootRestOrder(legLength: legLength, frameInterval: 1.0 / 30).correct(&exchanges, legs: legs, times: StickRunner.times(36))
        #expect(exchanges == (0..<36).map { $0 >= 13 })
    }
}
