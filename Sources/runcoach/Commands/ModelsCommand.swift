import ArgumentParser
import Foundation
import GaitCore
import GaitVideo

/// `runcoach models`: builds and checks the pose model set the video path needs.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Build or check the pose models used to analyse videos (scripts/setup.sh runs this).",
        subcommands: [Bundle.self, Check.self]
    )

    /// `runcoach models bundle`: the PoseLandmarker `.task` from the two BlazePose models.
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the PoseLandmarker bundle (.task) from the BlazePose detector and landmark models.")

        @Option(help: "pose_detection.tflite (from the mediapipe 0.10.14 wheel).")
        var detector: String

        @Option(help: "pose_landmark_full.tflite (from the mediapipe 0.10.14 wheel).")
        var landmarker: String

        @Option(help: "Where to write the bundle.")
        var out: String

        func run() throws {
            let bundle = try PoseLandmarkerBundle.build(
                detector: try Self.read(detector), landmarker: try Self.read(landmarker))
            try AtomicFile.write(Data(bundle), to: out)
            print("wrote \(out): \(bundle.count) bytes, CRC-32 \(String(format: "%08x", CRC32.checksum(bundle)))")
        }

        private static func read(_ path: String) throws -> [UInt8] {
            guard FileManager.default.fileExists(atPath: path) else { throw VideoError.fileNotFound(path: path) }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw VideoError.malformedModel(name: path, problem: "unreadable")
            }
            return [UInt8](data)
        }
    }

    /// `runcoach models check`: verifies the installed model set.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check that the pose models are installed and intact.")

        @Option(help: "Model directory (default: $RUNCOACH_MODELS, else ./models, else models/ above the executable).")
        var models: String?

        func run() throws {
            let set = try ModelSet.locate(explicitDirectory: models)
            print("models OK: \(set.directory)")
        }
    }
}
