import Foundation
import GaitCore

/// A content-addressed store of pose files: `KEY.pose.json`, where KEY is the SHA-256 of the
/// video's content and every setting that changes the poses (`PoseCacheKey`).
///
/// Entries are written whole or not at all: the bytes go to `KEY.pose.json.partial-PID`, are
/// flushed to disk, then renamed into place, so a process killed at any moment leaves either a
/// complete entry or a partial file that no reader looks at; `removeStalePartials()` deletes the
/// partial files of processes that no longer run.
public struct PoseCache: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    public func path(for key: String) -> String { folder + "/" + key + ".pose.json" }

    public func contains(_ key: String) -> Bool { FileManager.default.fileExists(atPath: path(for: key)) }

    public func read(_ key: String) throws -> PoseSequence { try RuncoachPoseFormat.read(path: path(for: key)) }

    /// Stores `sequence` under `key` (atomically, see the type's description).
    public func store(_ sequence: PoseSequence, key: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let destination = path(for: key)
        let partial = destination + ".partial-\(getpid())"
        let data = RuncoachPoseFormat.encode(sequence)
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw GaitCoreError.writeFailed(path: partial, reason: "cannot create the file (is the folder writable?)")
        }
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw GaitCoreError.writeFailed(path: destination, reason: error.localizedDescription)
        }
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw GaitCoreError.writeFailed(path: destination, reason: reason)
        }
    }

    /// Deletes partial files left by processes that no longer run; returns how many.
    @discardableResult
    public func removeStalePartials() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var removed = 0
        for name in names {
            guard let range = name.range(of: ".partial-"), let pid = Int32(name[range.upperBound...]) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
                removed += 1
            }
        }
        return removed
    }
}

/// What a cached pose file depends on; its SHA-256 is the cache key.
public struct PoseCacheKey: Codable, Equatable, Sendable {
    /// SHA-256 of the video file.
    public var video: String
    /// SHA-256 of the pose model bundle, and the landmarker settings.
    public var estimator: String
    public var augmentation: AugmentationRecipe?
    /// Bumped when the extraction itself changes in a way that changes its output.
    public var extractionVersion = 1

    public init(video: String, estimator: String, augmentation: AugmentationRecipe?) {
        self.video = video
        self.estimator = estimator
        self.augmentation = augmentation
    }

    /// The key: SHA-256 of this description as sorted-key JSON.
    public var digest: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return ContentHash.sha256((try? encoder.encode(self)) ?? Data())
    }
}
