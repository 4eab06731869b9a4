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
        try run(executable: locate(name), arguments)
    }

    /// Runs the program at `executable` with `arguments` to completion (see `run(_:_:)`).
    static func run(executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let child = try ChildProcess(executable: executable, arguments: arguments)
        let stderrReader = Background(reading: child.standardError)
        let stdout = ChildProcess.readToEnd(child.standardOutput)
        let stderr = stderrReader.value()
        return (child.wait(), stdout, stderr)
    }
}
