import Foundation
import Testing
@testable import GaitVideo

@Suite("Video input errors: a clear message, never a crash")
struct VideoErrorTests {
    /// A 4 s synthetic clip with its index (moov) at the start, so a cut leaves a readable header.
    static func makeClip(_ directory: URL, faststart: Bool) throws -> String {
        let path = directory.appendingPathComponent(faststart ? "fast.mp4" : "plain.mp4").path
        try VideoTestSupport.ffmpeg(
            ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=4", "-c:v", "mpeg4"]
                + (faststart ? ["-movflags", "+faststart"] : []) + [path])
        return path
    }

    /// The error that probing and fully decoding `path` throws.
    static func failure(_ path: String) -> VideoError? {
        do {
            _ = try VideoTestSupport.decodeAll(path)
            return nil
        } catch let error as VideoError {
            return error
        } catch {
            return nil
        }
    }

    @Test("missing file, folder, text file, audio-only file, empty file")
    func notVideos() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.failure(directory.path + "/absent.mp4") == .fileNotFound(path: directory.path + "/absent.mp4"))
        #expect(Self.failure(directory.path).map { if case .notAVideo = $0 { true } else { false } } == true)

        let text = directory.appendingPathComponent("notes.mp4").path
        try Data("this is not a video\n".utf8).write(to: URL(fileURLWithPath: text))
        let textError = try #require(Self.failure(text))
        #expect(textError.description.contains("not a video file"), "\(textError)")

        let audio = directory.appendingPathComponent("tone.m4a").path
        try VideoTestSupport.ffmpeg(["-f", "lavfi", "-i", "sine=duration=1", audio])
        #expect(Self.failure(audio) == .notAVideo(path: audio, detail: "no video stream"))

        let empty = directory.appendingPathComponent("empty.mp4").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(Self.failure(empty) == .noFrames(path: empty))
    }

    @Test("a truncated or damaged video is reported as such, with what ffmpeg saw")
    func damagedVideos() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        // Index at the end, file cut in half: the index is gone.
        let plain = try Self.makeClip(directory, faststart: false)
        let plainBytes = try Data(contentsOf: URL(fileURLWithPath: plain))
        let cutIndex = directory.appendingPathComponent("cut-index.mp4").path
        try plainBytes.prefix(plainBytes.count / 2).write(to: URL(fileURLWithPath: cutIndex))
        let indexError = try #require(Self.failure(cutIndex))
        #expect(indexError.description.contains("damaged or truncated"), "\(indexError)")

        // Index at the start, frames cut off: decodes the first frames, then reports the damage.
        let fast = try Self.makeClip(directory, faststart: true)
        let fastBytes = try Data(contentsOf: URL(fileURLWithPath: fast))
        let cutFrames = directory.appendingPathComponent("cut-frames.mp4").path
        try fastBytes.prefix(fastBytes.count / 3).write(to: URL(fileURLWithPath: cutFrames))
        let framesError = try #require(Self.failure(cutFrames))
        #expect(framesError.description.contains("damaged or truncated"), "\(framesError)")

        // Every frame's data zeroed: nothing decodes.
        var zeroed = [UInt8](fastBytes)
        let mdat = try #require(Self.range(of: Array("mdat".utf8), in: zeroed))
        for index in (mdat + 4)..<zeroed.count { zeroed[index] = 0 }
        let zeroedPath = directory.appendingPathComponent("zeroed.mp4").path
        try Data(zeroed).write(to: URL(fileURLWithPath: zeroedPath))
        let zeroedError = try #require(Self.failure(zeroedPath))
        #expect(zeroedError.description.contains("damaged or truncated"), "\(zeroedError)")
    }

    static func range(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
