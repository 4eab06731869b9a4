import Foundation

/// An append-only log with one JSON object per line (`jq`-friendly), flushed after every line.
public final class JSONLinesLog {
    public let path: String
    private let handle: FileHandle

    /// Opens `path` for appending (emptying it first when `truncate`).
    public init(path: String, truncate: Bool) throws {
        self.path = path
        let manager = FileManager.default
        try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if truncate || !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil) else { throw GaitMLError.writeFailed(path: path) }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw GaitMLError.writeFailed(path: path) }
        self.handle = handle
        _ = try? handle.seekToEnd()
    }

    deinit { try? handle.close() }

    public func append(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var line = try encoder.encode(value)
        line.append(0x0A)
        do {
            try handle.write(contentsOf: line)
            try handle.synchronize()
        } catch {
            throw GaitMLError.writeFailed(path: path)
        }
    }
}
