import Foundation
import GaitCore
import GaitSim
import Testing
@testable import GaitData

/// `dataset prelabel` and `dataset import` on a simulated runner (exact truth, no MediaPipe).
@Suite struct PrelabelTests {
    /// A dataset with one simulated 6-second run as its extracted poses.
    static func simulatedDataset() throws -> (DatasetLayout, PoseSequence, GaitReport) {
        let layout = try DatasetScaffold.initialize(root: try TestFiles.temporaryFolder("prelabel") + "/ds", name: "sim")
        var parameters = SimulationParameters()
        parameters.durationSeconds = 6
        let (poses, truth) = try RunnerSimulator(parameters: parameters).simulate(seed: 42)
        let clip = try ManifestTests.makeVideo(in: layout.root, name: "sim-run.mp4")
        _ = try DatasetScaffold.add(videoPath: clip, entry: VideoEntry(id: "sim", video: "", runner: "S1"), placement: .reference,
                                    facts: VideoFacts(fps: poses.nominalFPS, width: poses.width, height: poses.height,
                                                      durationSeconds: poses.durationSeconds, frameCount: poses.frames.count), layout: layout)
        try RuncoachPoseFormat.write(poses, to: layout.posePath(id: "sim"))
        return (layout, poses, truth)
    }

    @Test func prelabelsReadBackThroughBothImportersAsTheAnalyzerFoundThem() throws {
        let (layout, poses, truth) = try Self.simulatedDataset()
        let outcome = try Prelabeler(layout: layout).run()
        #expect(outcome.skipped.isEmpty)
        let report = try GaitAnalyzer().analyze(poses)
        let expected = Prelabeler.annotation(from: report, poses: poses)
        #expect(expected.stances.count >= 10)

        let cvat = try CVATVideoXML.read(Data(contentsOf: URL(fileURLWithPath: layout.path("annotations/prelabel/sim.cvat.xml"))), file: "sim.cvat.xml")
        #expect(cvat.annotation == expected)
        #expect(cvat.videoName == "sim-run.mp4")

        // Label Studio: accept the predictions as the annotation, as an annotator would.
        var tasks = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout.path("annotations/prelabel/label-studio-tasks.json")))) as? [[String: Any]])
        let prediction = try #require((tasks[0]["predictions"] as? [[String: Any]])?.first)
        tasks[0]["id"] = 1
        tasks[0]["annotations"] = [["id": 1, "result": prediction["result"]!]]
        let accepted = try JSONSerialization.data(withJSONObject: tasks)
        let studio = try LabelStudioJSON.read(accepted, file: "accepted.json", frameCount: poses.frames.count)
        // Label Studio stores the score and issue probabilities as JSON numbers: exact round trip.
        #expect(studio.annotation == expected)

        // The pre-labelled contacts are the analyzer's; against the simulator's truth they land
        // within two frames (the analyzer's accuracy is docs/analysis.md's subject, not this test's).
        let frame = 1 / poses.nominalFPS
        let truthContacts = truth.events.map(\.initialContact)
        for stance in expected.stances where stance.firstFrame > 0 {
            let time = poses.frames[stance.firstFrame].time
            #expect(truthContacts.contains { abs($0 - time) <= 2 * frame + 1e-9 }, "contact at \(time) s")
        }
    }

    @Test func importMatchesTasksToVideosByFileNameAndWritesLabelFiles() throws {
        let (layout, poses, _) = try Self.simulatedDataset()
        _ = try Prelabeler(layout: layout).run()
        var importer = AnnotationImporter(layout: layout)
        importer.clock = { _ in Issue.record("the extracted poses give the frame times"); return FrameClock(times: []) }
        let outcomes = try importer.run(file: layout.path("annotations/prelabel/sim.cvat.xml"), tool: nil, video: nil, task: nil)
        #expect(outcomes.map(\.video) == ["sim"])
        let labels = try RuncoachLabels.load(path: layout.labelPath(id: "sim"))
        #expect(labels.poses == "../poses/sim.pose.json")
        #expect(labels.runner == "S1")
        #expect(labels.phases?.count == poses.frames.count)
        #expect(labels.source == AnnotationSource(tool: "cvat", file: "annotations/prelabel/sim.cvat.xml", task: "0"))
        let entry = try DatasetManifest.load(path: layout.manifestPath).video("sim")
        #expect(entry?.labels == "labels/sim.labels.json")
        // Every contact time is a frame time (frames → seconds on the video's own clock).
        let times = Set(poses.frames.map(\.time))
        #expect(labels.events?.allSatisfy { times.contains($0.initialContact) } == true)

        // An export whose tasks name no video of the dataset is refused with the task list.
        #expect(throws: DataError.self) {
            _ = try importer.run(file: TestFiles.fixture("label-studio/export.json"), tool: nil, video: nil, task: nil)
        }
    }
}
