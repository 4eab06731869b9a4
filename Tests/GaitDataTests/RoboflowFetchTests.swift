import AsyncHTTPClient
import Foundation
import GaitCore
import Testing
@testable import GaitData

/// `dataset fetch roboflow` against a loopback server that follows Roboflow's documented API.
@Suite(.serialized) struct RoboflowFetchTests {
    static let dataset = RoboflowDatasetID(workspace: "club", project: "runners", version: 3)

    func fetcher(server: RoboflowStubServer, key: String, root: String) throws -> RoboflowFetch {
        var client = RoboflowClient(apiURL: server.apiURL, apiKey: key)
        client.pollIntervalSeconds = 0.01
        return try RoboflowFetch(client: client, dataset: Self.dataset, format: "coco", layout: DatasetLayout(root: root))
    }

    @Test func aMissingKeyIsExplained() {
        let message: String
        do {
            _ = try RoboflowClient.apiKey(from: ["HOME": "/root"])
            message = "accepted"
        } catch {
            message = "\(error)"
        }
        #expect(message == "Roboflow: no API key: set ROBOFLOW_API_KEY to your workspace's private API key (Roboflow app → Settings → API Keys)")
        #expect(throws: DataError.self) { try RoboflowClient.apiKey(from: ["ROBOFLOW_API_KEY": "  "]) }
        #expect(throws: DataError.self) { try RoboflowDatasetID(parsing: "club/runners") }
        let parsed = try? RoboflowDatasetID(parsing: "club/runners/3")
        #expect(parsed == Self.dataset)
    }

    @Test func aRejectedKeyIsExplained() async throws {
        let server = try RoboflowStubServer(key: "right-key")
        let root = try TestFiles.temporaryFolder()
        do {
            _ = try await fetcher(server: server, key: "wrong-key", root: root).run(http: HTTPClient.shared) { _ in }
            Issue.record("a wrong key was accepted")
        } catch let error as DataError {
            #expect(error.description.contains("the API key was rejected (HTTP 401: This API key does not exist (or has been revoked).)"))
            #expect(error.description.contains("ROBOFLOW_API_KEY"))
        }
    }

    @Test func anUnknownDatasetIsExplained() async throws {
        let server = try RoboflowStubServer(key: "k")
        var client = RoboflowClient(apiURL: server.apiURL, apiKey: "k")
        client.pollIntervalSeconds = 0.01
        let fetch = try RoboflowFetch(client: client, dataset: RoboflowDatasetID(workspace: "club", project: "walkers", version: 1), format: "coco",
                                      layout: DatasetLayout(root: try TestFiles.temporaryFolder()))
        await #expect(throws: DataError.self) { _ = try await fetch.run(http: HTTPClient.shared) { _ in } }
        #expect(throws: DataError.self) { _ = try RoboflowFetch(client: client, dataset: Self.dataset, format: "yolov8", layout: DatasetLayout(root: "/tmp")) }
    }

    /// The export is generated (two 202 polls), the first download breaks off after 700 bytes, the
    /// second run resumes with a Range request, checks the MD5, unpacks and converts the COCO
    /// keypoints; a third run finds everything in place and asks the server nothing.
    @Test func interruptedDownloadResumesAndBecomesPoseSamples() async throws {
        let server = try RoboflowStubServer(key: "secret", generatingPolls: 2, dropAfterBytes: 700)
        let root = try TestFiles.temporaryFolder()
        let fetch = try fetcher(server: server, key: "secret", root: root)
        let lines = LineCollector()
        do {
            _ = try await fetch.run(http: HTTPClient.shared) { lines.add($0) }
            Issue.record("the cut download was reported as complete")
        } catch let error as DataError {
            #expect(error.description.contains("run the command again to resume"), "\(error)")
        }
        let partialSize = (try FileManager.default.attributesOfItem(atPath: fetch.archivePath + ".partial")[.size] as? NSNumber)?.intValue
        #expect(partialSize == 700)
        #expect(lines.all.contains { $0.contains("generating the coco export") })

        let record = try await fetch.run(http: HTTPClient.shared) { lines.add($0) }
        #expect(record.md5Verified)
        #expect(!FileManager.default.fileExists(atPath: fetch.archivePath + ".partial"))
        #expect(server.requests.contains { $0.path.hasPrefix("/download/") && $0.range == "bytes=700-" })
        #expect(lines.all.contains("resumed at byte 700"))
        let archiveDigest = try ContentHash.sha256(ofFileAt: fetch.archivePath)
        #expect(record.sha256 == archiveDigest)

        let samples = Dictionary(uniqueKeysWithValues: record.samples.map { ($0.name, $0) })
        #expect(samples.count == 4)
        #expect(samples["track-run-01"]?.kind == .sequence)
        #expect(samples["track-run-01"]?.frames == 4)
        #expect(samples["road-run-02"]?.frames == 2)
        #expect(samples["IMG_4411"]?.kind == .still)
        #expect(samples["IMG_4412"]?.split == "valid")
        // Frames come in Roboflow's frame-number order (0, 1, 2, 10), 1/30 s apart; frame 1's
        // right ankle was labelled hidden (COCO v = 1 → visibility 0.5).
        let track = try RuncoachPoseFormat.read(path: DatasetLayout(root: root).path(samples["track-run-01"]!.poses))
        let expectedTimes: [Double] = [0, 1, 2, 3].map { $0 / 30 }
        #expect(track.frames.map(\.time) == expectedTimes)
        #expect(track.frames[1][.rightAnkle]?.visibility == 0.5)
        // Frame 0 is file mp4-0000 (shift −10): left knee x = (350 − 10) / 640 px. Exact: same arithmetic.
        #expect(track.frames[0][.leftKnee]?.x == 340.0 / 640)

        let before = server.requests.count
        let again = try await fetch.run(http: HTTPClient.shared) { lines.add($0) }
        #expect(again == record)
        #expect(server.requests.count == before)
    }

    @Test func aWrongChecksumDeletesTheDownload() async throws {
        let server = try RoboflowStubServer(key: "secret", badMD5: true)
        let root = try TestFiles.temporaryFolder()
        let fetch = try fetcher(server: server, key: "secret", root: root)
        do {
            _ = try await fetch.run(http: HTTPClient.shared) { _ in }
            Issue.record("a corrupt archive was accepted")
        } catch let error as DataError {
            #expect(error.description.contains("does not match the server's"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: fetch.archivePath))
        #expect(!FileManager.default.fileExists(atPath: fetch.archivePath + ".partial"))
    }
}

/// Collects progress lines from a `@Sendable` callback.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
