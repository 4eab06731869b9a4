import Foundation
import Testing

/// Runs the built `runcoach` executable (`.build/debug/runcoach`, which `swift build --build-tests`
/// produces; `scripts/test.sh` builds it before testing) and collects what it printed.
enum CLI {
    /// The repository root (this file is `Tests/RuncoachCLITests/CLI.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable = repositoryRoot.appendingPathComponent(".build/debug/runcoach").path

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs runcoach with `arguments` (and `environment` added to this process's).
    static func runcoach(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: executable + " (run swift build first)"])
        }
        return try run(executable, arguments, environment: environment)
    }

    /// Runs one of the repository's Python scripts (`path` from the repository root) with the
    /// system's python3.
    static func python(_ path: String, _ arguments: [String]) throws -> Run {
        try run("/usr/bin/env", ["python3", repositoryRoot.appendingPathComponent(path).path] + arguments)
    }

    /// Runs one of the repository's Python scripts with `.venv-ml`'s python (numpy, scikit-learn;
    /// scripts/setup.d/30-ml-python.sh).
    static func mlPython(_ path: String, _ arguments: [String]) throws -> Run {
        let python = repositoryRoot.appendingPathComponent(".venv-ml/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: python + " (run scripts/setup.sh)"])
        }
        // One OpenMP thread: scikit-learn's threads otherwise spin against the tests running beside them.
        return try run(python, [repositoryRoot.appendingPathComponent(path).path] + arguments, environment: ["OMP_NUM_THREADS": "1"])
    }

    private static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let folder = try temporaryFolder()
        let out = URL(fileURLWithPath: folder).appendingPathComponent("stdout")
        let err = URL(fileURLWithPath: folder).appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A fresh, empty temporary folder.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runcoach-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The Fukuchi 2017 trial RBDS001 runT25 converted by `runcoach convert fukuchi` into `folder`:
    /// the pose file and its force-plate truth.
    static func convertedFukuchiTrial(in folder: String) throws -> (poses: String, truth: String) {
        let poses = folder + "/trial.json", truth = folder + "/truth.json"
        let converted = try runcoach(["convert", "fukuchi", "--dir", sharedData("fukuchi2017"), "--subject", "RBDS001",
                                      "--trial", "runT25", "--out", poses, "--truth", truth])
        try #require(converted.status == 0, "\(converted.stderr)")
        return (poses, truth)
    }

    /// A file under `../shared/data`, read in place.
    static func sharedData(_ relativePath: String) -> String {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data").appendingPathComponent(relativePath).path
    }
}
