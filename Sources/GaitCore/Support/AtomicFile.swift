import Foundation

/// Writes files whole or not at all: the bytes go to a temporary file in the same folder, which is
/// then renamed over the destination, so a reader never sees a half-written file.
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating missing parent folders.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw GaitCoreError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
