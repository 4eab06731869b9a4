import Foundation
import GaitCore
import Testing
@testable import GaitData

/// `runcoach dataset …` exit codes and messages on bad input.
@Suite struct DatasetCLITests {
    func dataset() throws -> DatasetLayout {
        let layout = try DatasetScaffold.initialize(root: try TestFiles.temporaryFolder("cli") + "/ds", name: "cli")
        for (id, runner) in [("a", "R1"), ("b", "R2"), ("c", "R1")] {
            let clip = try ManifestTests.makeVideo(in: layout.root, name: "\(id).mp4", seed: UInt8(id.unicodeScalars.first!.value))
            var entry = VideoEntry(id: id, video: "", runner: runner)
            entry.cameraAngle = .side
            _ = try DatasetScaffold.add(videoPath: clip, entry: entry, placement: .copy,
                                        facts: VideoFacts(fps: 30, width: 1920, height: 1080, durationSeconds: 12, frameCount: 360), layout: layout)
        }
        return layout
    }

    @Test func validateExitsWithOneWhenARunnerIsInTwoParts() throws {
        let layout = try dataset()
        var manifest = try DatasetManifest.load(path: layout.manifestPath)
        manifest.split = HoldoutSplit(seed: 1, strata: [], fractions: [.train: 0.7, .val: 0.3], assignment: ["a": .train, "b": .val, "c": .val])
        try manifest.save(path: layout.manifestPath)
        let result = try RuncoachProcess.run(["dataset", "validate", "--dataset", layout.root])
        #expect(result.status == 1)
        #expect(result.stdout.contains("error [leakage] runner R1 is in train and val"))
        #expect(result.stderr.contains("the dataset has"))
        #expect(FileManager.default.fileExists(atPath: layout.reportsFolder + "/validation.html"))
        let html = try String(contentsOfFile: layout.reportsFolder + "/validation.html", encoding: .utf8)
        #expect(html.contains("Errors (training must not go ahead)") && html.contains("Warnings (below the recommendations)"))
    }

    @Test func splitThenValidateKeepsRunnersTogether() throws {
        let layout = try dataset()
        let split = try RuncoachProcess.run(["dataset", "split", "--dataset", layout.root, "--seed", "3"])
        #expect(split.status == 0, "\(split.stderr)")
        let manifest = try DatasetManifest.load(path: layout.manifestPath)
        #expect(manifest.split?.assignment["a"] == manifest.split?.assignment["c"])
        let validate = try RuncoachProcess.run(["dataset", "validate", "--dataset", layout.root])
        // No labels at all: training is impossible, which is an error.
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("train has no labelled video"))
        #expect(!validate.stdout.contains("[leakage]"))
    }

    @Test func badInputGivesAMessageAndTheDocumentedExitCode() throws {
        let layout = try dataset()
        let missingVideo = try RuncoachProcess.run(["dataset", "add", "/nonexistent.mp4", "--runner", "R", "--dataset", layout.root])
        #expect(missingVideo.status == 2)
        #expect(missingVideo.stderr.contains("/nonexistent.mp4: no such file or directory"))
        let badEnvironment = try RuncoachProcess.run(["dataset", "add", layout.path("videos/a.mp4"), "--runner", "R", "--environment", "beach", "--dataset", layout.root])
        #expect(badEnvironment.status == 2)
        let noKey = try RuncoachProcess.run(["dataset", "fetch", "roboflow", "club/runners/3", "--dataset", layout.root], environment: ["ROBOFLOW_API_KEY": ""])
        #expect(noKey.status == 1)
        #expect(noKey.stderr.contains("set ROBOFLOW_API_KEY"))
        let badImport = try RuncoachProcess.run(["dataset", "import", TestFiles.fixture("cvat/malformed-version-1.0.xml"), "--dataset", layout.root, "--video", "a"])
        #expect(badImport.status == 1)
        #expect(badImport.stderr.contains("malformed-version-1.0.xml: CVAT XML version 1.0"))
        let badConfig = try TestFiles.temporaryFolder() + "/pipeline.yaml"
        try "train:\n  epoch: 3\n".write(toFile: badConfig, atomically: true, encoding: .utf8)
        let pipeline = try RuncoachProcess.run(["pipeline", "--config", badConfig])
        #expect(pipeline.status == 1)
        #expect(pipeline.stderr.contains("unknown key \"epoch\" in section train"))
    }
}
