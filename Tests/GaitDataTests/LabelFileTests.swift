import Foundation
import GaitCore
import GaitML
import Testing
@testable import GaitData

/// `runcoach-labels` files written from annotations, read by GaitML's trainer.
@Suite struct LabelFileTests {
    /// A 24-frame pose file at 30 fps for the r07 labels.
    static func writePoses(to path: String, frames: Int = 24) throws {
        let landmark = Landmark(x: 0.5, y: 0.5, z: 0, visibility: 0.9)
        let sequence = PoseSequence(nominalFPS: 30, width: 1920, height: 1080, source: "test",
                                    frames: (0..<frames).map { PoseFrame(time: Double($0) / 30, landmarks: Array(repeating: landmark, count: 33)) })
        try RuncoachPoseFormat.write(sequence, to: path)
    }

    @Test func contactsBecomeSecondsAndAContactCutByTheClipEndHasNoToeOff() throws {
        let labels = try RuncoachLabels(annotation: TestFiles.r07Annotation, clock: FrameClock(frameCount: 24, fps: 30), poses: "p.json", runner: "R07")
        let events = try #require(labels.events)
        // Times are frame / 30 computed the same way: exact equality.
        #expect(events.map(\.side) == [.left, .right, .left])
        let expectedContacts: [Double] = [3, 13, 23].map { $0 / 30 }
        let expectedToeOffs: [Double?] = [9.0 / 30, 19.0 / 30, nil]
        #expect(events.map(\.initialContact) == expectedContacts)
        #expect(events.map(\.toeOff) == expectedToeOffs)
        #expect(labels.phases?.count == 24)
        #expect(labels.issues == ["overstriding": true, "verticalBounce": false, "asymmetry": false])
        #expect(labels.issueScores == ["overstriding": 1, "verticalBounce": 0.2, "asymmetry": 0])
    }

    @Test func aContactOnTheFirstFrameIsLeftOut() throws {
        let annotation = VideoAnnotation(frameCount: 10, stances: [StanceInterval(side: .right, firstFrame: 0, lastFrame: 2), StanceInterval(side: .left, firstFrame: 6, lastFrame: 8)])
        let labels = try RuncoachLabels(annotation: annotation, clock: FrameClock(frameCount: 10, fps: 30), poses: "p.json", runner: "R")
        #expect(labels.events?.map(\.side) == [.left])
        #expect(labels.phases == nil)  // no phase was labelled: GaitML derives them from the contacts
    }

    @Test func gaitMLReadsTheWrittenFileWithTheSamePhases() throws {
        let folder = try TestFiles.temporaryFolder()
        try Self.writePoses(to: folder + "/r07.pose.json")
        var labels = try RuncoachLabels(annotation: TestFiles.r07Annotation, clock: FrameClock(frameCount: 24, fps: 30), poses: "r07.pose.json", runner: "R07")
        labels.strata = ["pace": "easy"]
        labels.source = AnnotationSource(tool: "cvat", file: "annotations/x.xml", task: "41")
        try labels.save(path: folder + "/r07.labels.json")
        let sequence = try LabelFile.load(path: folder + "/r07.labels.json")
        #expect(sequence.phases == TestFiles.r07Annotation.phases)
        #expect(sequence.runnerID == "R07")
        #expect(sequence.formScore == 6.5)
        #expect(sequence.issues == [true, false, false])
        #expect(sequence.strata == ["pace": "easy"])
        #expect(try RuncoachLabels.load(path: folder + "/r07.labels.json") == labels)
    }

    @Test func eventsOnlyLabelsGiveGaitMLThePhasesOfTheArchitectureDefinition() throws {
        let folder = try TestFiles.temporaryFolder()
        try Self.writePoses(to: folder + "/r07.pose.json")
        var annotation = TestFiles.r07Annotation
        annotation.phases = Array(repeating: nil, count: 24)
        let labels = try RuncoachLabels(annotation: annotation, clock: FrameClock(frameCount: 24, fps: 30), poses: "r07.pose.json", runner: "R07")
        try labels.save(path: folder + "/r07.labels.json")
        let sequence = try LabelFile.load(path: folder + "/r07.labels.json")
        // Thirds of a 6-frame contact are 2 frames each, so the derived phases equal the hand labels,
        // except: frames before the first contact (unknown without an earlier toe-off), the last
        // contact (its toe-off is after the clip, so nil), and frames lying exactly on a third
        // boundary (5, 7, 15, 17: 2/6 and 4/6 into a contact), which floating point may put on
        // either side; PhaseLabeler's rounding is not what this test is about.
        let boundaryFrames: Set<Int> = [5, 7, 15, 17]
        for frame in 3..<23 where !boundaryFrames.contains(frame) {
            #expect(sequence.phases[frame] == TestFiles.r07Annotation.phases[frame], "frame \(frame)")
        }
        #expect(sequence.phases[0..<3].allSatisfy { $0 == nil })
        #expect(sequence.phases[23] == nil)
    }

    @Test func labelFileCheckFindsContactsOutsideTheVideoAndPhaseCountMismatch() {
        var labels = RuncoachLabels(poses: "p.json", runner: "R")
        labels.events = [.init(side: .left, initialContact: 0.2, toeOff: 0.45), .init(side: .right, initialContact: 2.5, toeOff: 2.7)]
        let times = FrameClock(frameCount: 30, fps: 30).times
        let outside = LabelFileCheck.check(labels, times: times)
        #expect(outside.findings.contains { $0.severity == .error && $0.message.contains("right contact at 2.500 s is outside the video") })
        labels.events = nil
        labels.phases = Array(repeating: .swing, count: 29)
        #expect(LabelFileCheck.check(labels, times: times).findings.contains { $0.message == "29 phases for 30 frames (one phase or null per frame)" })
        labels.phases = Array(repeating: .swing, count: 30)
        labels.issues = ["heelStrike": true]
        #expect(LabelFileCheck.check(labels, times: times).findings.contains { $0.message.hasPrefix("unknown issue \"heelStrike\"") })
    }

    @Test func mirroringSwapsContactSides() throws {
        let labels = try RuncoachLabels(annotation: TestFiles.r07Annotation, clock: FrameClock(frameCount: 24, fps: 30), poses: "p", runner: "R")
        #expect(labels.mirrored().events?.map(\.side) == [.right, .left, .right])
        #expect(TestFiles.r07Annotation.mirrored().stances.map(\.side) == [.right, .left, .right])
    }
}
