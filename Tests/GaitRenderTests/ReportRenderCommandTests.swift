import Foundation
import GaitCore
import Testing
@testable import GaitRender

/// `runcoach report render`, run as the built executable (`.build/debug/runcoach`, which `swift build`
/// and `swift test` produce): output, exit codes and that nothing partial is written.
@Suite("runcoach report render")
struct ReportRenderCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let executable = repositoryRoot.appendingPathComponent(".build/debug/runcoach").path

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func runcoach(_ arguments: [String]) throws -> Run {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable), "build runcoach first: swift build")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        let folder = try temporaryFolder()
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runcoach-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("renders a saved report: the summary on stdout and the HTML page in the named file")
    func rendersReport() throws {
        let folder = try temporaryFolder()
        let reportPath = folder.appendingPathComponent("report.json").path
        try SampleReports.running.write(to: reportPath)
        let htmlPath = folder.appendingPathComponent("out/report.html").path
        let run = try runcoach(["report", "render", reportPath, "--html", htmlPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == TerminalReport().render(SampleReports.running))
        let written = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(written == HTMLReport().render(SampleReports.running))
        #expect(run.stderr.contains("wrote \(htmlPath)"))
    }

    @Test("a missing report is a usage error (exit 2)")
    func missingReport() throws {
        let run = try runcoach(["report", "render", "/nonexistent/report.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent/report.json: no such file"))
    }

    @Test("a file that is not a report gives exit 1, a message naming the problem and no HTML",
          arguments: [
            ("", "the file is empty"),
            ("{not json", "not a JSON object"),
            (#"{"format": "runcoach-pose", "version": 1}"#, #""format" is "runcoach-pose""#),
            (#"{"format": "runcoach-report", "version": 2}"#, "runcoach-report version 2"),
            (#"{"format": "runcoach-report", "version": 1, "generator": "x", "activity": "running", "events": [], "phases": [], "metrics": {"cadence": {"value": 180, "unit": "steps/min", "n": "many"}}, "steps": [], "issues": [], "notes": []}"#,
             "metrics.cadence.n: expected Int"),
          ])
    func badReport(content: String, message: String) throws {
        let folder = try temporaryFolder()
        let reportPath = folder.appendingPathComponent("report.json").path
        try content.write(toFile: reportPath, atomically: true, encoding: .utf8)
        let htmlPath = folder.appendingPathComponent("report.html").path
        let run = try runcoach(["report", "render", reportPath, "--html", htmlPath])
        #expect(run.status == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: htmlPath))
    }

    @Test("an HTML path that cannot be written gives exit 1 and leaves no file")
    func unwritableHTML() throws {
        let folder = try temporaryFolder()
        let reportPath = folder.appendingPathComponent("report.json").path
        try SampleReports.running.write(to: reportPath)
        // A regular file where a folder is needed.
        let blocker = folder.appendingPathComponent("blocker").path
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let run = try runcoach(["report", "render", reportPath, "--html", blocker + "/report.html"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot write the file"))
        #expect(run.stdout.isEmpty)
    }
}
