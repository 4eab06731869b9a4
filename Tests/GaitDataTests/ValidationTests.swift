import Foundation
import GaitCore
import Testing
@testable import GaitData

/// `dataset validate` checks on hand-made datasets.
@Suite struct ValidationTests {
    @Test func errorsAndWarningsAreTheRightOnes() throws {
        let (layout, poses, _) = try PrelabelTests.simulatedDataset()
        var manifest = try DatasetManifest.load(path: layout.manifestPath)
        manifest.videos[0].cameraAngle = .frontal
        manifest.videos[0].cameraStable = false
        manifest.split = HoldoutSplit(seed: 1, strata: [], fractions: [.train: 1], assignment: ["sim": .train])
        var labels = RuncoachLabels(poses: "../poses/sim.pose.json", runner: "S1")
        labels.events = [.init(side: .left, initialContact: 0.5, toeOff: 0.75), .init(side: .right, initialContact: poses.durationSeconds + 1, toeOff: nil)]
        labels.formScore = 6
        try labels.save(path: layout.labelPath(id: "sim"))
        manifest.videos[0].labels = "labels/sim.labels.json"
        try manifest.save(path: layout.manifestPath)

        let report = try DatasetValidator(layout: layout).validate()
        let errors = report.errors.map(\.message), warnings = report.warnings.map(\.message)
        #expect(errors.contains { $0.contains("right contact at") && $0.contains("is outside the video") })
        #expect(errors.contains { $0 == "val has no labelled video: the model cannot be validated" })
        #expect(warnings.contains { $0.hasPrefix("filmed from the frontal") })
        #expect(warnings.contains { $0.hasPrefix("hand-held or moving camera") })
        #expect(warnings.contains { $0 == "issues not rated: overstriding, verticalBounce, asymmetry" })
        #expect(report.errors.allSatisfy { $0.severity == .error } && report.warnings.allSatisfy { $0.severity == .warning })
        #expect(!report.passed)
        // Pose coverage of the simulated run: a person in every frame.
        #expect(report.videos[0].poseCoverage == 1)
        let html = ValidationHTML.render(report)
        #expect(html.contains("Failed: \(report.errors.count) errors"))
    }

    @Test func identicalVideosAreLeakage() throws {
        let layout = try DatasetScaffold.initialize(root: try TestFiles.temporaryFolder("dup") + "/ds", name: "dup")
        let clip = try ManifestTests.makeVideo(in: layout.root, name: "a.mp4")
        _ = try DatasetScaffold.add(videoPath: clip, entry: VideoEntry(id: "a", video: "", runner: "R1"), placement: .reference, facts: nil, layout: layout)
        var manifest = try DatasetManifest.load(path: layout.manifestPath)
        var twin = manifest.videos[0]
        twin.id = "b"
        twin.runner = "R2"
        manifest.videos.append(twin)
        try manifest.save(path: layout.manifestPath)
        let report = try DatasetValidator(layout: layout).validate()
        #expect(report.errors.contains { $0.check == "leakage" && $0.message == "videos a, b have the same content" })
    }
}
