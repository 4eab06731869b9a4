import Foundation
import Testing
@testable import GaitCore

/// `FootContactDetector.withoutStandingStill`: which foot samples are kept out of the resting-line fit.
@Suite("Standing still, for the resting line")
struct StandingStillTests {
    /// A detector over an empty 30 fps grid of `count` samples, for a runner whose leg is 80 px long
    /// (a sprinter 13% of a 720 px frame tall).
    static func detector(count: Int) -> FootContactDetector {
        let frames = (0..<count).map { PoseFrame(time: Double($0) / 30, landmarks: nil) }
        let sequence = PoseSequence(nominalFPS: 30, width: 1280, height: 720, frames: frames)
        return FootContactDetector(pose: CleanedPose(sequence: sequence, forwardSign: 1), legLengthPixels: 80)
    }

    @Test("jittering blocks cut by the clip's start are standing; a contact and a shorter pause are not")
    func jitteryStandingStill() {
        // 2 s at 30 fps. The foot is in the blocks for the first 15 samples (0.5 s, cut by the
        // start), lands for 8 samples (0.27 s), and pauses 14 samples (0.47 s) mid-clip; in between
        // it swings at 30 px a sample. Every still sample jitters by ±1.5 px in x and y, more than a
        // sprinter's foot moves at 0.3 leg lengths per second (0.8 px a sample), and less than the
        // 8 px (0.1 leg lengths) a standing foot may wander.
        var x: [Double?] = [], y: [Double?] = []
        var position = 100.0
        for index in 0..<60 {
            let still = index < 15 || (25..<33).contains(index) || (41..<55).contains(index)
            if !still { position += 30 }
            let jitter = index % 2 == 0 ? 1.5 : -1.5
            x.append(position + (still ? jitter : 0))
            y.append(still ? jitter : 20)
        }
        let kept = Self.detector(count: 60).withoutStandingStill(x: x, y: y)
        let removed = kept.x.indices.filter { kept.x[$0] == nil }
        // Exactly the blocks: samples are in or out, no tolerance.
        #expect(removed == Array(0..<15))
        #expect(kept.y.indices.filter { kept.y[$0] == nil } == removed)
    }

    @Test("a still spell in mid-clip is standing from 0.6 s")
    func longPause() {
        var x: [Double?] = (0..<60).map { Double($0) * 30 }
        for index in 20..<39 { x[index] = 600 + (index % 2 == 0 ? 1 : -1) }  // 19 samples, 0.63 s
        let kept = Self.detector(count: 60).withoutStandingStill(x: x, y: [Double?](repeating: 0, count: 60))
        #expect(kept.x.indices.filter { kept.x[$0] == nil } == Array(20..<39))
    }
}
