import Foundation

/// Finds and runs the command-line tools the video path uses (ffprobe, ffmpeg).
enum ExternalTool {
    /// The absolute path of `name` on `$PATH`, or `VideoError.toolMissing`.
    static func locate(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw VideoError.toolMissing(name: name)
    }

    /// Runs `name` with `arguments` to completion and returns its exit status, standard output and
    /// standard error. Both outputs are drained concurrently, so a chatty tool cannot block.
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = try locate(name)
        process.arguments = arguments
        let stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stderrReader = BackgroundReader(stderrPipe.fileHandleForReading)
        let stdout = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        let stderr = stderrReader.wait()
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }
}

/// Reads a file handle to its end on a background thread.
final class BackgroundReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything read, once the writer has closed its end.
    func wait() -> Data {
        done.wait()
        return data
    }
}
