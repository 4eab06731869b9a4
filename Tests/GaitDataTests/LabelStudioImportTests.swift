import Foundation
import GaitCore
import Testing
@testable import GaitData

/// Label Studio JSON import and pre-label export, with hand-written exports (see
/// Fixtures/label-studio/README.md).
@Suite struct LabelStudioImportTests {
    @Test func timelineRangesAndNumbersGiveTheSameLabelsAsCVAT() throws {
        let result = try LabelStudioJSON.read(TestFiles.data("label-studio/export.json"), file: "export.json", task: "7", frameCount: 24)
        #expect(result.annotation == TestFiles.r07Annotation)
        #expect(result.videoName == "r07-treadmill-easy.mp4")  // the 8-hex upload prefix is dropped
    }

    @Test func ratingAndChoicesAreScaledAndCancelledAnnotationsSkipped() throws {
        let result = try LabelStudioJSON.read(TestFiles.data("label-studio/export.json"), file: "export.json", task: "8", frameCount: 10)
        // 4 of 5 stars → 8.0 points exactly (binary-exact arithmetic: 4 × 10 / 5).
        #expect(result.annotation.formScore == 8)
        #expect(result.annotation.issueScores == [.overstriding: 0, .verticalBounce: 0, .asymmetry: 1])
        #expect(result.annotation.stances == [StanceInterval(side: .right, firstFrame: 2, lastFrame: 4)])
        #expect(result.annotation.phases == [.swing, .swing, .contact, .midStance, .toeOff, .swing, .swing, .swing, .swing, .swing])
    }

    @Test func tasksAreListedWithTheirVideoNames() throws {
        let tasks = try LabelStudioJSON.tasks(in: TestFiles.data("label-studio/export.json"), file: "export.json")
        #expect(tasks.map(\.id) == ["7", "8"])
        #expect(tasks.map(\.videoFileName) == ["r07-treadmill-easy.mp4", "r08-track-tempo.mp4"])
        #expect(throws: DataError.self) { try LabelStudioJSON.read(TestFiles.data("label-studio/export.json"), file: "e", frameCount: 24) }
    }

    @Test func prelabelPredictionsAcceptedByAnAnnotatorReadBackUnchanged() throws {
        let original = TestFiles.r07Annotation
        let data = try LabelStudioJSON.write([.init(video: "/data/local-files/?d=r07.mp4", fps: 30, annotation: original, score: 0.8)], modelVersion: "runcoach test")
        // Label Studio turns an accepted prediction into an annotation with the same result list.
        var tasks = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let prediction = try #require((tasks[0]["predictions"] as? [[String: Any]])?.first)
        tasks[0]["id"] = 1
        tasks[0]["annotations"] = [["id": 1, "result": prediction["result"]!, "was_cancelled": false]]
        let exported = try JSONSerialization.data(withJSONObject: tasks)
        #expect(try LabelStudioJSON.read(exported, file: "accepted.json", frameCount: 24).annotation == original)
    }

    @Test func labelingConfigDeclaresEveryNameTheImporterReads() {
        let config = LabelStudioJSON.labelingConfig
        for name in ["name=\"phase\"", "name=\"stance\"", "name=\"form_score\"", "frameRate=\"$fps\""] + GaitPhase.allCases.map({ "value=\"\($0.rawValue)\"" })
            + IssueKind.allCases.map({ "name=\"\($0.rawValue)\"" }) {
            #expect(config.contains(name), "\(name)")
        }
    }

    @Test(arguments: [
        ("malformed-not-json.json", nil as String?, "not valid JSON"),
        ("malformed-range-after-end.json", "7", "task 7, frame 30: result 9 (contact) ends after the video's 24 frames"),
        ("malformed-range-from-zero.json", "7", "task 7: result 0 (swing) has range 0.0-3.0"),
        ("malformed-only-cancelled.json", "8", "task 8: the task has no submitted annotation"),
        ("malformed-number-is-text.json", "7", "task 7: annotations: wrong type of value at [0].result[13].value.number"),
        ("malformed-phase-backwards.json", "7", "task 7, frame 8: midStance is followed by contact"),
        ("malformed-issue-out-of-range.json", "7", "task 7: overstriding 1.7 is outside 0-1"),
    ])
    func malformedExportsAreRefusedWithTheirLocation(file: String, task: String?, expected: String) throws {
        do {
            _ = try LabelStudioJSON.read(TestFiles.data("label-studio/\(file)"), file: file, task: task, frameCount: 24)
            Issue.record("\(file) was accepted")
        } catch let error as DataError {
            #expect(error.description.hasPrefix(file), "the message names the file: \(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
