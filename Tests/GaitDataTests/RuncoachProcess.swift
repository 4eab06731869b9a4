import Foundation
import GaitVideo

/// Runs the `runcoach` executable built next to the test bundle, with outputs in files (no pipe
/// can fill up and block it).
struct RuncoachProcess {
    let process = Process()
    let outputPath: String
    let errorPath: String

    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("runcoach").path
    }

    /// Starts `runcoach arguments…` (or `executable`), in `directory` when given.
    init(_ arguments: [String], executable: String = RuncoachProcess.executable, environment: [String: String] = [:], directory: String? = nil) throws {
        let folder = try TestFiles.temporaryFolder("process")
        outputPath = folder + "/stdout.txt"
        errorPath = folder + "/stderr.txt"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil),
              FileManager.default.createFile(atPath: errorPath, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create the output files in \(folder)"])
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
    }

    /// Runs to completion: exit status, stdout, stderr.
    static func run(_ arguments: [String], executable: String = RuncoachProcess.executable, environment: [String: String] = [:],
                    directory: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let running = try RuncoachProcess(arguments, executable: executable, environment: environment, directory: directory)
        running.process.waitUntilExit()
        return (running.process.terminationStatus, running.stdout, running.stderr)
    }

    var stdout: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
}

/// Whether the pose models are installed (always assumed on CI, so a broken set-up fails there).
enum PoseModels {
    static let directory = ProcessInfo.processInfo.environment[ModelSet.environmentVariable] ?? TestFiles.repositoryRoot + "/models"

    static var available: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || (try? ModelSet(directory: directory).verify()) != nil
    }
}
