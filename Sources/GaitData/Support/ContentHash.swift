import Crypto
import Foundation

/// SHA-256 digests of files and bytes, as lowercase hex: the content addresses of the pose cache
/// and the checksums recorded in the manifest and fetch records.
public enum ContentHash {
    /// Bytes read per step when hashing a file (memory stays at one chunk whatever the file size).
    static let chunkByteCount = 1 << 20

    /// SHA-256 of the file at `path`, read in chunks.
    public static func sha256(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DataError.fileNotFound(path: path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = try handle.read(upToCount: chunkByteCount) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// SHA-256 of `data`.
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
