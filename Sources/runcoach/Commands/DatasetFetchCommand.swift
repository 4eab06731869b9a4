import ArgumentParser
import AsyncHTTPClient
import Foundation
import GaitData

/// `runcoach dataset fetch roboflow WORKSPACE/PROJECT/VERSION --format coco`.
struct DatasetFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download annotated data from a service.",
        subcommands: [DatasetFetchRoboflowCommand.self])
}

struct DatasetFetchRoboflowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roboflow",
        abstract: "Download a Roboflow dataset version export (needs ROBOFLOW_API_KEY); COCO keypoints become pose files.",
        discussion: "Resumes an interrupted download, checks it, unpacks it under roboflow/ and writes pose files under poses/roboflow/.")

    @Argument(help: "WORKSPACE/PROJECT/VERSION") var dataset: String
    @OptionGroup var location: DatasetLocation
    @Option(help: "Export format (coco: keypoint annotations become pose files).") var format = "coco"
    @Option(help: "Frame rate assumed for video-frame sequences in the export.") var fps = 30.0
    @Option(help: "API root (for a mirror or a test server).") var apiURL = RoboflowClient.defaultAPIURL

    func run() async throws {
        let key = try RoboflowClient.apiKey(from: ProcessInfo.processInfo.environment)
        var fetch = try RoboflowFetch(client: RoboflowClient(apiURL: apiURL, apiKey: key), dataset: try RoboflowDatasetID(parsing: dataset),
                                      format: format, layout: location.layout)
        fetch.fps = fps
        let status = StatusLine()
        let record = try await fetch.run(http: HTTPClient.shared) { status.show($0) }
        status.finish()
        let sequences = record.samples.filter { $0.kind == .sequence }.count
        print("fetched \(record.dataset) (\(record.byteCount) bytes, SHA-256 \(record.sha256.prefix(12))…\(record.md5Verified ? ", MD5 checked" : "")): "
              + "\(sequences) pose sequences and \(record.samples.count - sequences) stills under poses/roboflow/")
    }
}

/// One status line on stderr, rewritten in place (at most 4 times a second).
final class StatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private var shown = false

    func show(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.25 else { return }
        last = now
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[Kruncoach: \(text)".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }
}
