import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOFoundationCompat

/// Downloads a file over HTTP into `destination`, resuming an interrupted download with an HTTP
/// `Range` request (RFC 9110 §14) and checking it:
///
/// - bytes go to `destination.partial`; a later call continues from its size with
///   `Range: bytes=N-` (a `206` answer with a matching `Content-Range` is appended; a `200` means
///   the server ignored the range, so the file restarts from zero);
/// - when the server sends Google Cloud Storage's `x-goog-hash: md5=<base64>` header (Roboflow's
///   export links are signed GCS URLs), the whole file's MD5 must match, else the partial file is
///   deleted and the download fails;
/// - the finished file is renamed into place (a reader never sees a partial archive), and its
///   SHA-256 is returned for the fetch record.
public struct ResumableDownload: Sendable {
    /// Progress after each received chunk: bytes on disk, total bytes (0 when unknown).
    public typealias Progress = @Sendable (_ bytes: Int64, _ total: Int64) -> Void

    public struct Outcome: Sendable, Equatable {
        public var byteCount: Int64
        public var sha256: String
        /// Bytes that were already on disk from an earlier, interrupted attempt.
        public var resumedFromByte: Int64
        /// True when an MD5 from the server was checked.
        public var md5Verified: Bool
    }

    public var url: String
    public var destination: String

    public init(url: String, destination: String) {
        self.url = url
        self.destination = destination
    }

    public var partialPath: String { destination + ".partial" }

    public func run(client: HTTPClient, progress: Progress = { _, _ in }) async throws -> Outcome {
        let manager = FileManager.default
        try? manager.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var offset = Int64((try? manager.attributesOfItem(atPath: partialPath)[.size] as? NSNumber)?.int64Value ?? 0)
        let resumedFrom = offset
        var request = HTTPClientRequest(url: url)
        if offset > 0 { request.headers.add(name: "Range", value: "bytes=\(offset)-") }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .hours(2))
        } catch {
            throw DataError.remote(service: "download", problem: "cannot reach \(host) (\(error)); run the command again to resume")
        }
        var total: Int64 = 0
        switch response.status.code {
        case 200:
            offset = 0  // the whole file follows
            total = response.headers.first(name: "content-length").flatMap { Int64($0) } ?? 0
        case 206:
            guard let range = response.headers.first(name: "content-range"), let parsed = Self.parseContentRange(range), parsed.start == offset else {
                throw DataError.remote(service: "download", problem: "the server answered the resume request with an unexpected Content-Range; delete \(partialPath) and retry")
            }
            total = parsed.total ?? 0
        case 416:
            try? manager.removeItem(atPath: partialPath)
            throw DataError.remote(service: "download", problem: "the server refused to resume (HTTP 416: the file changed); the partial download was deleted, run the command again")
        default:
            throw DataError.remote(service: "download", problem: "HTTP \(response.status.code) for the export archive; the link may have expired, run the command again")
        }
        let expectedMD5 = response.headers["x-goog-hash"].compactMap { Self.md5(fromGoogHash: $0) }.first

        if offset == 0 { manager.createFile(atPath: partialPath, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: partialPath) else {
            throw DataError.integrity(path: partialPath, problem: "cannot write the download (is the folder writable?)")
        }
        do {
            try handle.truncate(atOffset: UInt64(offset))
            try handle.seek(toOffset: UInt64(offset))
            var written = offset
            for try await buffer in response.body {
                try handle.write(contentsOf: Data(buffer: buffer))
                written += Int64(buffer.readableBytes)
                progress(written, total)
            }
            try handle.synchronize()
            try handle.close()
            if total > 0, written != total {
                throw DataError.remote(service: "download", problem: "the connection ended after \(written) of \(total) bytes; run the command again to resume")
            }
        } catch let error as DataError {
            try? handle.close()
            throw error
        } catch {
            try? handle.close()
            throw DataError.remote(service: "download", problem: "the download broke off (\(error)); run the command again to resume")
        }

        let (sha256, md5) = try Self.digests(ofFileAt: partialPath)
        if let expectedMD5, expectedMD5 != md5 {
            try? manager.removeItem(atPath: partialPath)
            throw DataError.integrity(path: destination, problem: "MD5 \(ContentHash.hex(md5)) does not match the server's \(ContentHash.hex(expectedMD5)): the archive is corrupt; it was deleted, run the command again")
        }
        do {
            if manager.fileExists(atPath: destination) { try manager.removeItem(atPath: destination) }
            try manager.moveItem(atPath: partialPath, toPath: destination)
        } catch {
            throw DataError.integrity(path: destination, problem: "cannot move the finished download into place (\(error))")
        }
        let size = Int64((try? manager.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0)
        return Outcome(byteCount: size, sha256: sha256, resumedFromByte: resumedFrom, md5Verified: expectedMD5 != nil)
    }

    var host: String { URL(string: url)?.host ?? url }

    /// `bytes START-END/TOTAL` → (START, TOTAL or nil for `*`).
    static func parseContentRange(_ value: String) -> (start: Int64, total: Int64?)? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("bytes ") else { return nil }
        let parts = trimmed.dropFirst(6).split(separator: "/")
        guard parts.count == 2, let dash = parts[0].firstIndex(of: "-"), let start = Int64(parts[0][..<dash]) else { return nil }
        return (start, Int64(parts[1]))
    }

    /// The MD5 bytes of an `x-goog-hash` value (`crc32c=...,md5=<base64>`), if it holds one.
    static func md5(fromGoogHash value: String) -> [UInt8]? {
        for item in value.split(separator: ",") {
            let pair = item.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix("md5="), let data = Data(base64Encoded: String(pair.dropFirst(4))) { return [UInt8](data) }
        }
        return nil
    }

    /// SHA-256 (hex) and MD5 (bytes) of a file, in one pass.
    static func digests(ofFileAt path: String) throws -> (String, [UInt8]) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DataError.fileNotFound(path: path) }
        defer { try? handle.close() }
        var sha = SHA256()
        var md5 = Insecure.MD5()
        while let chunk = try handle.read(upToCount: ContentHash.chunkByteCount), !chunk.isEmpty {
            sha.update(data: chunk)
            md5.update(data: chunk)
        }
        return (ContentHash.hex(sha.finalize()), [UInt8](md5.finalize()))
    }
}
