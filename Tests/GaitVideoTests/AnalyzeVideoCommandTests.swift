import Foundation
import GaitCore
import Testing
@testable import GaitVideo

/// `runcoach analyze VIDEO` as a user runs it: files written, exit codes, messages.
@Suite("runcoach analyze with a video")
struct AnalyzeVideoCommandTests {
    static let walking = VideoTestSupport.sharedVideo("sports2d-demo4-walking.mp4")

    @Test("missing models: a message naming the set-up command and exit 1, nothing written",
          .enabled(if: FileManager.default.isExecutableFile(atPath: VideoTestSupport.runcoachExecutable.path)))
    func missingModels() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("r.json").path
        let result = try VideoTestSupport.run(
            VideoTestSupport.runcoachExecutable.path,
            ["analyze", Self.walking, "--json", json, "--models", directory.path + "/none", "--no-progress"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("scripts/setup.sh"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: json))
    }

    @Test("a missing video is a usage error (exit 2); a text file named .mp4 is not a video (exit 1)")
    func badInputs() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let executable = VideoTestSupport.runcoachExecutable.path
        let missing = try VideoTestSupport.run(executable, ["analyze", directory.path + "/absent.mp4", "--no-progress"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"), "\(missing.stderr)")
        let text = directory.appendingPathComponent("notes.mp4").path
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: text))
        let notVideo = try VideoTestSupport.run(executable, ["analyze", text, "--no-progress"])
        #expect(notVideo.status == 1)
        #expect(notVideo.stderr.contains("not a video file"), "\(notVideo.stderr)")
        #expect(!notVideo.stderr.contains("Fatal error"))
    }

    @Test("walking clip: report, poses and annotated video written; exit 1 says it is walking",
          .enabled(if: VideoTestSupport.modelsAvailable, "run scripts/setup.sh"))
    func walkingClipOutputs() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("report.json").path
        let poses = directory.appendingPathComponent("poses.json").path
        let annotated = directory.appendingPathComponent("annotated.mp4").path
        let result = try VideoTestSupport.run(
            VideoTestSupport.runcoachExecutable.path,
            ["analyze", Self.walking, "--json", json, "--poses", poses, "--annotated", annotated,
             "--models", VideoTestSupport.modelDirectory])
        // A walker gets a report but no running analysis: exit 1 with the reason.
        #expect(result.status == 1)
        #expect(result.stderr.contains("walking"), "\(result.stderr.suffix(500))")
        let decoded = try VideoTestSupport.decodeAll(Self.walking)
        #expect(result.stderr.contains("frame \(decoded.count)/\(decoded.count)"), "the progress line reaches the last frame")

        let report = try GaitReport.decode(Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(report.activity == .walking)
        #expect(report.capture?.video?.poseEstimator.contains("MediaPipe") == true)
        let sequence = try RuncoachPoseFormat.read(path: poses)
        #expect(sequence.frames.map(\.time) == decoded.map(\.timeSeconds), "poses carry the video's own frame times")
        #expect(report.phases.map(\.t) == decoded.map(\.timeSeconds), "so do the report's phases")

        let video = try VideoProbe.probe(path: annotated)
        #expect(video.codedWidth == 1280 && video.codedHeight == 720)
        #expect(video.frameCount == decoded.count, "one annotated frame per source frame")
        // The overlay panel (top left) darkens the frame and writes white text on it: the drawn
        // frame differs clearly from the source there.
        let drawn = try #require(try VideoTestSupport.decodeAll(annotated).dropFirst(100).first)
        let source = decoded[100]
        var difference = 0
        for y in 0..<40 {
            for x in 0..<300 { difference += abs(Int(drawn.pixels[(y * 1280 + x) * 3]) - Int(source.pixels[(y * 1280 + x) * 3])) }
        }
        #expect(Double(difference) / 12000 > 40, "mean red difference in the panel area, 0-255")
    }
}
