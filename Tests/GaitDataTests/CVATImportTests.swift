import Foundation
import GaitCore
import Testing
@testable import GaitData

/// CVAT for video 1.1 import and export, with hand-written exports (see Fixtures/cvat/README.md).
@Suite struct CVATImportTests {
    @Test func trackAttributesGiveEveryFrameItsPhaseAndContact() throws {
        let result = try CVATVideoXML.read(TestFiles.data("cvat/video-track.xml"), file: "video-track.xml")
        // Exact: labels are discrete; the expectation is written out frame by frame in TestFiles.
        #expect(result.annotation == TestFiles.r07Annotation)
        #expect(result.task == "41")
        #expect(result.videoName == "r07-treadmill-easy.mp4")
        #expect(result.warnings.contains { $0.contains("ball") })  // the unrelated track is reported, not used
    }

    @Test func frameTagsGiveTheSameLabelsAsTrackAttributes() throws {
        let result = try CVATVideoXML.read(TestFiles.data("cvat/video-tags.xml"), file: "video-tags.xml")
        #expect(result.annotation == TestFiles.r07Annotation)
    }

    @Test func projectExportNeedsATaskAndReadsOnlyItsTracks() throws {
        let data = try TestFiles.data("cvat/project-two-tasks.xml")
        #expect(throws: DataError.self) { try CVATVideoXML.read(data, file: "p.xml") }
        let first = try CVATVideoXML.read(data, file: "p.xml", task: "51")
        #expect(first.annotation == TestFiles.r07Annotation)
        let second = try CVATVideoXML.read(data, file: "p.xml", task: "r08-track-tempo")
        #expect(second.annotation.frameCount == 10)
        #expect(second.annotation.stances == [StanceInterval(side: .right, firstFrame: 2, lastFrame: 4)])
        #expect(second.annotation.formScore == 8)
        #expect(second.annotation.issueScores == [.overstriding: 0, .verticalBounce: 0, .asymmetry: 0.1])
        #expect(second.videoName == "r08-track-tempo.mp4")
    }

    @Test func writtenPrelabelsReadBackUnchanged() throws {
        let original = TestFiles.r07Annotation
        let xml = CVATVideoXML.write(original, task: .init(name: "r07", videoName: "r07.mp4", width: 1920, height: 1080))
        let back = try CVATVideoXML.read(Data(xml.utf8), file: "prelabel.xml")
        #expect(back.annotation == original)
    }

    @Test func fixtureSurvivesReadWriteRead() throws {
        let first = try CVATVideoXML.read(TestFiles.data("cvat/video-track.xml"), file: "a.xml").annotation
        let boxes = (0..<first.frameCount).map { PixelBox(xMin: Double($0), yMin: 10, xMax: 200, yMax: 900) as PixelBox? }
        let xml = CVATVideoXML.write(first, task: .init(name: "r07", videoName: "r07.mp4", width: 1920, height: 1080), boxes: boxes)
        #expect(try CVATVideoXML.read(Data(xml.utf8), file: "b.xml").annotation == first)
    }

    @Test func framesWithoutAPersonAreWrittenOutsideAndLoseTheirFrameLabels() throws {
        var annotation = VideoAnnotation(frameCount: 4, phases: [.swing, .contact, .midStance, .toeOff],
                                         stances: [StanceInterval(side: .left, firstFrame: 1, lastFrame: 3)])
        let boxes: [PixelBox?] = [PixelBox(xMin: 0, yMin: 0, xMax: 10, yMax: 10), nil, PixelBox(xMin: 0, yMin: 0, xMax: 10, yMax: 10), PixelBox(xMin: 0, yMin: 0, xMax: 10, yMax: 10)]
        let xml = CVATVideoXML.write(annotation, task: .init(name: "t", videoName: "t.mp4", width: 10, height: 10), boxes: boxes)
        #expect(xml.contains("<box frame=\"1\" outside=\"1\""))
        annotation.phases[1] = nil
        annotation.stances = [StanceInterval(side: .left, firstFrame: 2, lastFrame: 3)]
        #expect(try CVATVideoXML.read(Data(xml.utf8), file: "t.xml").annotation == annotation)
    }

    /// Each malformed export fails with a message naming the file, and the task and frame where
    /// the defect is (CVAT's own frame number).
    @Test(arguments: [
        ("malformed-truncated.xml", "not well-formed XML"),
        ("malformed-version-1.0.xml", "CVAT XML version 1.0"),
        ("malformed-not-cvat.xml", "not <annotations>"),
        ("malformed-frame-outside-task.xml", "task 41 (\"runner-r07-track\"), frame 31: <box> on line"),
        ("malformed-unknown-phase.xml", "task 41 (\"runner-r07-track\"), frame 5: phase \"hangtime\""),
        ("malformed-phase-backwards.xml", "task 41 (\"runner-r07-track\"), frame 7: midStance is followed by contact"),
        ("malformed-frame-step.xml", "frame filter \"step=2\""),
        ("malformed-score-out-of-range.xml", "frame 0: form score 12.0 is outside 0-10"),
        ("malformed-swing-on-ground.xml", "frame 15: labelled swing while the right foot is on the ground"),
    ])
    func malformedExportsAreRefusedWithTheirLocation(file: String, expected: String) throws {
        do {
            _ = try CVATVideoXML.read(TestFiles.data("cvat/\(file)"), file: file)
            Issue.record("\(file) was accepted")
        } catch let error as DataError {
            #expect(error.description.hasPrefix(file), "the message names the file: \(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
