import Foundation
import Testing
@testable import GaitVideo

@Suite("Video probing and decoding (ffprobe, ffmpeg)")
struct VideoDecodingTests {
    /// A 25 fps synthetic clip, 40 frames, 320×240 (MPEG-4 in MP4: timestamps in 1/12800 s units).
    static func makeClip(in directory: URL, name: String = "clip.mp4", extra: [String] = []) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try VideoTestSupport.ffmpeg(
            ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=1.6", "-c:v", "mpeg4", "-q:v", "3"]
                + extra + [path])
        return path
    }

    @Test("probe reads size, frame rate, frame count and duration of a constant-rate clip")
    func probeConstantRate() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let info = try VideoProbe.probe(path: try Self.makeClip(in: directory))
        #expect(info.codedWidth == 320 && info.codedHeight == 240)
        #expect(info.rotationDegrees == 0)
        #expect(abs(info.nominalFPS - 25) < 1e-9, "25/1 exactly")
        #expect(info.frameCount == 40)
        // 40 frames at 25 fps = 1.6 s; the container rounds to its 1/12800 s time base.
        #expect(abs(info.durationSeconds - 1.6) < 1e-3)
        #expect(abs(info.medianFrameIntervalSeconds - 0.04) < 1e-6)
        #expect(!info.isVariableFrameRate)
    }

    @Test("variable frame rate: decoded timestamps are the real ones, not frame index / fps")
    func variableFrameRate() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Drop every third frame and keep the others at their original times: intervals alternate
        // 40 ms and 80 ms.
        let path = try Self.makeClip(
            in: directory, name: "vfr.mp4", extra: ["-vf", "select='not(eq(mod(n\\,3)\\,2))'", "-fps_mode", "vfr"])
        let info = try VideoProbe.probe(path: path)
        #expect(info.isVariableFrameRate)
        let kept = (0..<40).filter { $0 % 3 != 2 }
        #expect(info.frameCount == kept.count)

        let frames = try VideoTestSupport.decodeAll(path)
        #expect(frames.count == kept.count, "every decoded frame is delivered once: no duplicates to fill gaps")
        for (frame, sourceIndex) in zip(frames, kept) {
            // Times are pts × time base (1/12800 s), exact in binary to well under a microsecond.
            #expect(abs(frame.timeSeconds - Double(sourceIndex) / 25) < 1e-6, "frame \(frame.index)")
        }
    }

    @Test("decoded frame times equal ffprobe's frame timestamps on a real phone clip")
    func realClipTimestamps() throws {
        let path = VideoTestSupport.sharedVideo("sports2d-demo3-running.mp4")
        let probe = try ExternalTool.run(
            "ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time",
                        "-of", "csv=p=0", path])
        let expected = String(decoding: probe.stdout, as: UTF8.self).split(whereSeparator: \.isNewline)
            .compactMap { Double($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }
        let frames = try VideoTestSupport.decodeAll(path)
        #expect(frames.count == expected.count)
        #expect(frames.first.map { ($0.width, $0.height) } ?? (0, 0) == (480, 352))
        for (frame, time) in zip(frames, expected) {
            // ffprobe prints 6 decimals: agreement to 1 µs.
            #expect(abs(frame.timeSeconds - time) < 1e-6)
        }
    }

    @Test("a rotation tag turns the frames upright (portrait phone video)")
    func rotation() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try Self.makeClip(in: directory)
        let rotated = directory.appendingPathComponent("rotated.mp4").path
        try VideoTestSupport.ffmpeg(["-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated])

        // How the tag maps to a display matrix depends on the ffmpeg version (5.1 writes "rotate=90"
        // as 90° counter-clockwise); what matters is that the probe and the decoder agree.
        let info = try VideoProbe.probe(path: rotated)
        #expect([90, 270].contains(info.rotationDegrees))
        #expect(info.displayWidth == 240 && info.displayHeight == 320)
        let upright = try #require(try VideoTestSupport.decodeAll(plain).first)
        let turned = try #require(try VideoTestSupport.decodeAll(rotated).first)
        #expect(turned.width == 240 && turned.height == 320)
        // Clockwise: turned(x, y) = upright(y, H - 1 - x); counter-clockwise: upright(W - 1 - y, x).
        // Chroma is resampled in the other direction, so allow a small mean difference (the other
        // direction differs by ~100).
        let clockwise = info.rotationDegrees == 90
        var difference = 0, wrongDifference = 0
        for y in stride(from: 0, to: 320, by: 7) {
            for x in stride(from: 0, to: 240, by: 7) {
                let cw = ((239 - x) * 320 + y) * 3, ccw = (x * 320 + (319 - y)) * 3
                let t = (y * 240 + x) * 3, u = clockwise ? cw : ccw, v = clockwise ? ccw : cw
                for channel in 0..<3 {
                    difference += abs(Int(turned.pixels[t + channel]) - Int(upright.pixels[u + channel]))
                    wrongDifference += abs(Int(turned.pixels[t + channel]) - Int(upright.pixels[v + channel]))
                }
            }
        }
        let samples = Double((320 / 7 + 1) * (240 / 7 + 1) * 3)
        #expect(Double(difference) / samples < 6, "mean absolute difference per channel, 0-255")
        #expect(Double(wrongDifference) / samples > 20)
    }

    @Test("video-mode timestamps strictly increase, even for frames under 1 ms apart")
    func timestampsIncrease() {
        var timestamps = VideoTimestamps()
        let values = [10.0, 10.0333, 10.0334, 10.0336, 10.1].map { timestamps.milliseconds(forFrameAt: $0) }
        #expect(values == [0, 33, 34, 35, 100])
    }

    @Test("showinfo lines give pts × time base, exact past 1000 s where pts_time is rounded")
    func showinfoParsing() {
        let base = FrameLogReader.timeBase(in: "[Parsed_showinfo_0 @ 0x1] config in time_base: 1/90000, frame_rate: 30/1")
        #expect(base == 1.0 / 90000)
        let line = "[Parsed_showinfo_0 @ 0x1] n: 40000 pts:120000003 pts_time:1333.33 pos: 1 fmt:yuv420p"
        #expect(FrameLogReader.presentationTime(in: line, timeBase: base) == 120_000_003.0 / 90000)
        #expect(FrameLogReader.presentationTime(in: line, timeBase: nil) == 1333.33)
    }
}
