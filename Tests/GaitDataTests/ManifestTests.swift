import Foundation
import GaitCore
import Testing
@testable import GaitData

/// Dataset scaffolding, adding videos and reading the manifest back.
@Suite struct ManifestTests {
    static func makeVideo(in folder: String, name: String, bytes: Int = 64, seed: UInt8 = 1) throws -> String {
        let path = folder + "/" + name
        try Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0) &+ seed }).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func initScaffoldsTheLayoutAndRefusesASecondTime() throws {
        let root = try TestFiles.temporaryFolder() + "/ds"
        let layout = try DatasetScaffold.initialize(root: root, name: "club")
        for folder in [layout.videosFolder, layout.labelsFolder, layout.annotationsFolder, layout.posesFolder, layout.reportsFolder] {
            #expect(FileManager.default.fileExists(atPath: folder))
        }
        #expect(try DatasetManifest.load(path: layout.manifestPath) == DatasetManifest(name: "club"))
        #expect(try PipelineConfig.load(path: layout.pipelineConfigPath).train?.batchSize == 8)
        #expect(throws: DataError.self) { try DatasetScaffold.initialize(root: root, name: "again") }
    }

    @Test func addCopiesOrReferencesAndRecordsMetadata() throws {
        let folder = try TestFiles.temporaryFolder()
        let layout = try DatasetScaffold.initialize(root: folder + "/ds", name: "club")
        let clip = try Self.makeVideo(in: folder, name: "run one.mp4")
        var entry = VideoEntry(id: "r1", video: "", runner: "R01")
        entry.pace = "easy"
        entry.environment = .track
        entry.cameraAngle = .side
        let facts = VideoFacts(fps: 29.97, width: 1280, height: 720, durationSeconds: 7.2, frameCount: 216)
        let copied = try DatasetScaffold.add(videoPath: clip, entry: entry, placement: .copy, facts: facts, layout: layout)
        #expect(copied.video == "videos/r1.mp4")
        #expect(FileManager.default.contentsEqual(atPath: clip, andPath: layout.path("videos/r1.mp4")))
        #expect(copied.sha256 == (try ContentHash.sha256(ofFileAt: clip)))

        let other = try Self.makeVideo(in: folder, name: "two.mp4", seed: 9)
        let referenced = try DatasetScaffold.add(videoPath: other, entry: VideoEntry(id: "r2", video: "", runner: "R02"), placement: .reference, facts: nil, layout: layout)
        #expect(referenced.video == "../two.mp4")
        let manifest = try DatasetManifest.load(path: layout.manifestPath)
        #expect(manifest.videos.map(\.id) == ["r1", "r2"])
        #expect(manifest.video("r1")?.facts == facts)
        #expect(manifest.video("r1")?.environment == .track)
    }

    @Test func addRefusesDuplicatesBadIDsAndMissingFiles() throws {
        let folder = try TestFiles.temporaryFolder()
        let layout = try DatasetScaffold.initialize(root: folder + "/ds", name: "club")
        let clip = try Self.makeVideo(in: folder, name: "a.mp4")
        _ = try DatasetScaffold.add(videoPath: clip, entry: VideoEntry(id: "a", video: "", runner: "R"), placement: .reference, facts: nil, layout: layout)
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "accepted" } catch { return "\(error)" }
        }
        #expect(message { _ = try DatasetScaffold.add(videoPath: clip, entry: VideoEntry(id: "a", video: "", runner: "R"), placement: .reference, facts: nil, layout: layout) }
            .contains("already in the dataset"))
        #expect(message { _ = try DatasetScaffold.add(videoPath: clip, entry: VideoEntry(id: "b", video: "", runner: "R"), placement: .reference, facts: nil, layout: layout) }
            .contains("same content as video \"a\""))
        #expect(message { _ = try DatasetScaffold.add(videoPath: clip, entry: VideoEntry(id: "../x", video: "", runner: "R"), placement: .reference, facts: nil, layout: layout) }
            .contains("must be 1-64 letters"))
        #expect(message { _ = try DatasetScaffold.add(videoPath: folder + "/none.mp4", entry: VideoEntry(id: "c", video: "", runner: "R"), placement: .reference, facts: nil, layout: layout) }
            .contains("no such file"))
    }

    @Test func brokenManifestsAreReportedWithWhatIsWrong() throws {
        let folder = try TestFiles.temporaryFolder()
        let path = folder + "/dataset.json"
        func message(_ json: String) -> String {
            try? json.write(toFile: path, atomically: true, encoding: .utf8)
            do { _ = try DatasetManifest.load(path: path); return "accepted" } catch { return "\(error)" }
        }
        #expect(message("{") .contains("not valid JSON"))
        #expect(message(#"{"format":"runcoach-dataset","version":1,"name":"x","videos":[{"id":"a","video":"v.mp4"}]}"#).contains("missing key at videos[0].runner"))
        #expect(message(#"{"format":"runcoach-dataset","version":2,"name":"x","videos":[]}"#).contains("version 2"))
        #expect(message(#"{"format":"runcoach-dataset","version":1,"name":"x","videos":[{"id":"a","video":"v","runner":"R"},{"id":"a","video":"w","runner":"S"}]}"#).contains("appears twice"))
        #expect(message(#"{"format":"runcoach-dataset","version":1,"name":"x","videos":[{"id":"a","video":"v","runner":"R","environment":"beach"}]}"#).contains("environment"))
    }
}
