import Foundation
@testable import GaitVideo

/// Paths and helpers shared by the video tests.
enum VideoTestSupport {
    /// The repository root (this file is Tests/GaitVideoTests/VideoTestSupport.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data/video`: real clips, read in place (the GPL ones must not be copied).
    static let sharedVideos = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data/video")

    static func sharedVideo(_ name: String) -> String { sharedVideos.appendingPathComponent(name).path }

    /// The model directory the set-up fills (`$RUNCOACH_MODELS` or `models/`).
    static let modelDirectory = ProcessInfo.processInfo.environment[ModelSet.environmentVariable]
        ?? repositoryRoot.appendingPathComponent("models").path

    /// True when the pose models are installed. On CI (`CI=true`) always true, so a missing set-up
    /// fails the MediaPipe tests instead of skipping them.
    static var modelsAvailable: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || (try? ModelSet(directory: modelDirectory).verify()) != nil
    }

    static func models() throws -> ModelSet {
        try ModelSet.locate(explicitDirectory: modelDirectory)
    }

    /// The `runcoach` executable built next to the test bundle.
    static var runcoachExecutable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("runcoach")
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runcoach-video-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs ffmpeg with `arguments` (quietly, overwriting) and fails the test if it fails.
    static func ffmpeg(_ arguments: [String]) throws {
        let result = try ExternalTool.run("ffmpeg", ["-nostdin", "-v", "error", "-y"] + arguments)
        guard result.status == 0 else {
            throw TestFailure("ffmpeg \(arguments.joined(separator: " ")): " + String(decoding: result.stderr, as: UTF8.self))
        }
    }

    /// Runs a program to completion and returns its exit status and outputs.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try ExternalTool.run(executable: URL(fileURLWithPath: executable), arguments)
        return (result.status, String(decoding: result.stdout, as: UTF8.self), String(decoding: result.stderr, as: UTF8.self))
    }

    /// Decodes every frame of `path`.
    static func decodeAll(_ path: String) throws -> [RGBFrame] {
        let decoder = try VideoDecoder(info: try VideoProbe.probe(path: path))
        var frames: [RGBFrame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        return frames
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
