import Foundation
import GaitCore
import GaitVideo
import Testing
@testable import GaitData

/// `dataset extract` on the real clips of ../shared/data/video with MediaPipe.
@Suite(.serialized, .enabled(if: PoseModels.available, "needs the pose models (scripts/setup.sh)"))
struct ExtractionTests {
    static let clips = ["hato72-sprintstart-b1", "hato72-sprintstart-b2", "hato72-sprintstart-b3", "hato72-sprintstart-b4",
                        "hato72-sprintstart-b5", "sports2d-demo3-running"]

    /// A dataset referencing `clips` in place (the GPL clips may not be copied).
    static func dataset(_ clips: [String] = clips) throws -> DatasetLayout {
        let layout = try DatasetScaffold.initialize(root: try TestFiles.temporaryFolder("extract") + "/ds", name: "extract-test")
        for clip in clips {
            _ = try DatasetScaffold.add(videoPath: TestFiles.sharedData + "/video/\(clip).mp4", entry: VideoEntry(id: clip, video: "", runner: clip),
                                        placement: .reference, facts: nil, layout: layout)
        }
        return layout
    }

    static func cacheEntries(_ layout: DatasetLayout) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: layout.poseCacheFolder)) ?? []).filter { $0.hasSuffix(".pose.json") }.sorted()
    }

    /// Kills `runcoach dataset extract` (SIGKILL, no chance to clean up) once two of six videos
    /// are cached, then runs it again: the finished videos are not redone (their entries keep
    /// their bytes and modification times), every entry reads as a complete pose file, nothing
    /// partial is left, and all six videos end up extracted.
    @Test func aKilledExtractionResumesWithoutRedoingFinishedVideos() throws {
        let layout = try Self.dataset()
        let environment = [ModelSet.environmentVariable: PoseModels.directory]
        let first = try RuncoachProcess(["dataset", "extract", "--dataset", layout.root, "--jobs", "1"], environment: environment)
        let deadline = Date().addingTimeInterval(300)
        while Self.cacheEntries(layout).count < 2 && first.process.isRunning && Date() < deadline {
            usleep(20_000)
        }
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        let survivors = Self.cacheEntries(layout)
        try #require(survivors.count >= 2, "the first run stopped before caching two videos: \(first.stderr)")
        try #require(survivors.count < Self.clips.count, "the first run finished before it could be killed; the test needs longer work")

        var before: [String: (Date, String)] = [:]
        for name in survivors {
            let path = layout.poseCacheFolder + "/" + name
            _ = try RuncoachPoseFormat.read(path: path)  // complete and valid, not cut short
            let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
            before[name] = (modified, try ContentHash.sha256(ofFileAt: path))
        }

        let second = try RuncoachProcess.run(["dataset", "extract", "--dataset", layout.root, "--jobs", "1"], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("extract: \(Self.clips.count - survivors.count) extracted, \(survivors.count) cached, 0 failed"), "\(second.stdout)")
        let after = Self.cacheEntries(layout)
        #expect(after.count == Self.clips.count)
        for (name, (modified, digest)) in before {
            let path = layout.poseCacheFolder + "/" + name
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date == modified, "\(name) was rewritten")
            #expect(try ContentHash.sha256(ofFileAt: path) == digest)
        }
        for name in after { _ = try RuncoachPoseFormat.read(path: layout.poseCacheFolder + "/" + name) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: layout.poseCacheFolder).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)
        for clip in Self.clips { #expect(FileManager.default.fileExists(atPath: layout.posePath(id: clip))) }

        let third = try RuncoachProcess.run(["dataset", "extract", "--dataset", layout.root], environment: environment)
        #expect(third.stdout.contains("extract: 0 extracted, \(Self.clips.count) cached, 0 failed"))
    }

    /// A flipped copy's poses mirror the original's: the hips' x is 1 − x of the original, and
    /// its left hip is where the original's right hip was mirrored (left/right swap with the image).
    @Test func aFlippedCopyGivesMirroredPoses() throws {
        let layout = try Self.dataset(["sports2d-demo3-running"])
        var extraction = DatasetExtraction(layout: layout, models: try ModelSet.locate(explicitDirectory: PoseModels.directory))
        extraction.augmentKinds = [.flip]
        extraction.augmentCopies = 1
        let summary = try extraction.run()
        #expect(summary.extracted.count == 2 && summary.failed.isEmpty)
        let original = try RuncoachPoseFormat.read(path: layout.posePath(id: "sports2d-demo3-running"))
        let flipped = try RuncoachPoseFormat.read(path: layout.path("poses/augmented/sports2d-demo3-running.1.pose.json"))
        #expect(original.frames.count == flipped.frames.count)
        var compared = 0
        for (a, b) in zip(original.frames, flipped.frames) {
            guard let aLeft = a[.leftHip], let aRight = a[.rightHip], let bLeft = b[.leftHip], let bRight = b[.rightHip] else { continue }
            // MediaPipe is not exactly mirror-symmetric; 3% of the width (14 px here) allows for that.
            #expect(abs((aLeft.x + aRight.x) / 2 - (1 - (bLeft.x + bRight.x) / 2)) < 0.03)
            #expect(abs((aLeft.y + aRight.y) / 2 - (bLeft.y + bRight.y) / 2) < 0.03)
            compared += 1
        }
        #expect(compared >= 20)
        let index = try JSONDecoder().decode([DatasetExtraction.AugmentedCopy].self, from: Data(contentsOf: URL(fileURLWithPath: layout.path(DatasetExtraction.augmentedIndex))))
        #expect(index.map(\.recipe.flip) == [true])
    }
}
