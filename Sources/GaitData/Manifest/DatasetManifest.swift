import Foundation
import GaitCore

/// The dataset manifest, `runcoach-dataset` version 1 (`dataset.json`, see `docs/datasets.md`):
/// the videos, their metadata and labels, and the saved splits.
public struct DatasetManifest: Codable, Sendable, Equatable {
    public static let formatName = "runcoach-dataset"
    public static let currentVersion = 1

    public var format: String = DatasetManifest.formatName
    public var version: Int = DatasetManifest.currentVersion
    public var name: String
    public var videos: [VideoEntry]
    public var split: HoldoutSplit?
    public var folds: FoldSplit?

    public init(name: String, videos: [VideoEntry] = []) {
        self.name = name
        self.videos = videos
    }

    /// The entry with `id`, if any.
    public func video(_ id: String) -> VideoEntry? {
        videos.first { $0.id == id }
    }

    /// Reads and checks the manifest at `path`.
    public static func load(path: String) throws -> DatasetManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.invalidManifest(path: path, problem: "cannot read the manifest (run `runcoach dataset init` to create one)")
        }
        let manifest: DatasetManifest
        do {
            manifest = try JSONDecoder().decode(DatasetManifest.self, from: data)
        } catch let error as DecodingError {
            throw DataError.invalidManifest(path: path, problem: "not a runcoach-dataset manifest: \(JSONProblem.describe(error))")
        }
        guard manifest.format == formatName, manifest.version == currentVersion else {
            throw DataError.invalidManifest(path: path, problem: "format \(manifest.format) version \(manifest.version); expected \(formatName) \(currentVersion)")
        }
        try manifest.checkConsistency(path: path)
        return manifest
    }

    /// Writes the manifest to `path` atomically, keys sorted for stable diffs.
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(encoder.encode(self), to: path)
    }

    /// Unique, file-name-safe ids; split assignments only name known videos.
    func checkConsistency(path: String) throws {
        var seen = Set<String>()
        for entry in videos {
            guard Self.isValidID(entry.id) else {
                throw DataError.invalidManifest(path: path, problem: "video id \"\(entry.id)\" must be 1-64 letters, digits, '-', '_' or '.'")
            }
            guard seen.insert(entry.id).inserted else {
                throw DataError.invalidManifest(path: path, problem: "video id \"\(entry.id)\" appears twice")
            }
            guard !entry.runner.isEmpty else {
                throw DataError.invalidManifest(path: path, problem: "video \"\(entry.id)\" has an empty runner id")
            }
        }
        let unknown = Set(split?.assignment.keys.map { $0 } ?? []).union(folds?.assignment.keys.map { $0 } ?? []).subtracting(seen)
        if let first = unknown.sorted().first {
            throw DataError.invalidManifest(path: path, problem: "the saved split names video \"\(first)\", which the manifest does not list")
        }
    }

    /// True for 1-64 characters from letters, digits, `-`, `_` and `.` (not starting with `.`).
    public static func isValidID(_ id: String) -> Bool {
        guard (1...64).contains(id.count), !id.hasPrefix(".") else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    }
}
