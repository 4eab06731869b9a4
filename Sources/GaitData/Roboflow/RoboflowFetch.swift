import AsyncHTTPClient
import Foundation
import GaitCore

/// What `dataset fetch roboflow` did: recorded next to the unpacked export, so a second run with
/// the archive intact does nothing.
public struct FetchRecord: Codable, Equatable, Sendable {
    public var dataset: String
    public var format: String
    /// The archive, relative to the dataset folder.
    public var archive: String
    public var byteCount: Int64
    public var sha256: String
    public var md5Verified: Bool
    public var samples: [PoseSample]
}

/// `dataset fetch roboflow`: export link → resumable, checked download → unpack → pose files.
public struct RoboflowFetch: Sendable {
    public static let supportedFormats = ["coco"]

    public var client: RoboflowClient
    public var dataset: RoboflowDatasetID
    public var format: String
    public var layout: DatasetLayout
    /// Frame rate assumed for video-frame sequences in the export.
    public var fps = 30.0

    public init(client: RoboflowClient, dataset: RoboflowDatasetID, format: String, layout: DatasetLayout) throws {
        guard Self.supportedFormats.contains(format) else {
            throw DataError.invalidOption(option: "format", reason: "\(format) is not supported; use --format coco (COCO keypoints become pose files)")
        }
        self.client = client
        self.dataset = dataset
        self.format = format
        self.layout = layout
    }

    var slug: String { "\(dataset.workspace)-\(dataset.project)-\(dataset.version)-\(format)" }
    public var archivePath: String { layout.path("downloads/\(slug).zip") }
    public var exportFolder: String { layout.path("roboflow/\(slug)") }
    public var recordPath: String { exportFolder + "/fetch.json" }

    /// The record of an earlier complete fetch whose archive is still intact, if any.
    public func existingRecord() -> FetchRecord? {
        guard let data = FileManager.default.contents(atPath: recordPath),
              let record = try? JSONDecoder().decode(FetchRecord.self, from: data),
              (try? ContentHash.sha256(ofFileAt: archivePath)) == record.sha256 else { return nil }
        return record
    }

    /// Runs the fetch. `status` receives progress lines (export generation, download).
    public func run(http: HTTPClient, status: @escaping @Sendable (String) -> Void) async throws -> FetchRecord {
        if let record = existingRecord() {
            status("\(dataset) (\(format)) already fetched: \(record.samples.count) pose samples in \(layout.relativePath(to: exportFolder))")
            return record
        }
        let link = try await client.exportLink(dataset, format: format, client: http) { fraction in
            status(String(format: "Roboflow is generating the %@ export: %.0f%%", format, fraction * 100))
        }
        let download = ResumableDownload(url: link, destination: archivePath)
        let started = Date()
        let outcome = try await download.run(client: http) { bytes, total in
            let elapsed = max(Date().timeIntervalSince(started), 1e-3)
            let rate = Double(bytes) / elapsed / 1e6
            let share = total > 0 ? String(format: " of %.1f MB (%.0f%%)", Double(total) / 1e6, Double(bytes) / Double(total) * 100) : ""
            status(String(format: "downloading: %.1f MB%@, %.1f MB/s", Double(bytes) / 1e6, share, rate))
        }
        if outcome.resumedFromByte > 0 { status("resumed at byte \(outcome.resumedFromByte)") }
        try RoboflowExport.unpack(archive: archivePath, into: exportFolder)
        let samples = try RoboflowExport.convertCOCO(folder: exportFolder, outputFolder: layout.path("poses/roboflow/\(slug)"),
                                                     datasetRoot: layout.root, fps: fps)
        let record = FetchRecord(dataset: dataset.description, format: format, archive: layout.relativePath(to: archivePath),
                                 byteCount: outcome.byteCount, sha256: outcome.sha256, md5Verified: outcome.md5Verified, samples: samples)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(encoder.encode(record), to: recordPath)
        return record
    }
}
