import Foundation

/// The files the video path needs, in one model directory: the MediaPipe runtime and the
/// PoseLandmarker bundle that `scripts/setup.sh` puts there (see `docs/video.md`).
///
/// Layout of the directory:
/// - `libmediapipe.so`: MediaPipe Tasks C API, from the `mediapipe` 1.2.3 wheel;
/// - `pose_landmarker_full.task`: BlazePose detector + full landmark model (from the `mediapipe`
///   0.10.14 wheel, Apache-2.0), bundled by `PoseLandmarkerBundle`;
/// - `source/`, `wheels/`: what the set-up downloaded and extracted, kept so it can rebuild offline.
public struct ModelSet: Sendable, Equatable {
    /// File name of the MediaPipe runtime inside the directory.
    public static let runtimeFileName = "libmediapipe.so"
    /// File name of the PoseLandmarker bundle inside the directory.
    public static let bundleFileName = "pose_landmarker_full.task"
    /// Environment variable that names the model directory.
    public static let environmentVariable = "RUNCOACH_MODELS"

    /// Byte size of `libmediapipe.so` from mediapipe 1.2.3 (its SHA-256 is checked by the set-up).
    static let runtimeByteCount = 127_908_512
    /// Byte size and CRC-32 of the bundle `PoseLandmarkerBundle` builds from the pinned models.
    static let bundleByteCount = 9_401_948
    static let bundleCRC32: UInt32 = 0x61C0_E438

    public let directory: String

    public var runtimeLibraryPath: String { directory + "/" + Self.runtimeFileName }
    public var bundlePath: String { directory + "/" + Self.bundleFileName }

    /// The model directory: `explicitDirectory` (the `--models` flag) when given, else
    /// `$RUNCOACH_MODELS`, else `models/` in the current directory, else the first `models/` found
    /// above the running executable (so `.build/release/runcoach` finds the repository's). The files
    /// are checked (sizes, and the bundle's CRC-32): a missing or damaged set throws a message that
    /// names the set-up command.
    public static func locate(
        explicitDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ModelSet {
        let directory = explicitDirectory ?? environment[environmentVariable] ?? defaultDirectory()
        let set = ModelSet(directory: directory)
        try set.verify()
        return set
    }

    /// A model set at `directory`, not yet verified.
    public init(directory: String) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    }

    /// Checks that both files are present and are the expected ones.
    public func verify() throws {
        try checkSize(of: Self.runtimeFileName, expected: Self.runtimeByteCount)
        try checkSize(of: Self.bundleFileName, expected: Self.bundleByteCount)
        guard let bundle = FileManager.default.contents(atPath: bundlePath) else {
            throw VideoError.modelsDamaged(directory: directory, file: Self.bundleFileName, reason: "unreadable")
        }
        let crc = CRC32.checksum(bundle)
        guard crc == Self.bundleCRC32 else {
            throw VideoError.modelsDamaged(
                directory: directory, file: Self.bundleFileName,
                reason: String(format: "CRC-32 %08x, expected %08x", crc, Self.bundleCRC32))
        }
    }

    private func checkSize(of file: String, expected: Int) throws {
        let path = directory + "/" + file
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw VideoError.modelsMissing(directory: directory, file: file)
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        guard size == expected else {
            throw VideoError.modelsDamaged(
                directory: directory, file: file, reason: "\(size) bytes, expected \(expected)")
        }
    }

    /// `models/` in the current directory when it exists, else the nearest `models/` above the
    /// executable, else `models` (which then reports as missing).
    static func defaultDirectory() -> String {
        let fileManager = FileManager.default
        let local = fileManager.currentDirectoryPath + "/models"
        if fileManager.fileExists(atPath: local + "/" + bundleFileName) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("models").path
            if fileManager.fileExists(atPath: candidate + "/" + bundleFileName) { return candidate }
            folder.deleteLastPathComponent()
        }
        return local
    }
}
