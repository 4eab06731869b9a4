import Foundation
import GaitCore
import Testing
import GaitRender
import GaitSim

/// `runcoach report render`, run as the built executable (`.build/debug/runcoach`, which `swift build`
/// and `swift test` produce): output, exit codes and that nothing partial is written.
@Suite("runcoach report render")
struct ReportRenderCommandTests {
    func runcoach(_ arguments: [String]) throws -> CLI.Run { try CLI.runcoach(arguments) }

    func temporaryFolder() throws -> URL { URL(fileURLWithPath: try CLI.temporaryFolder()) }

    /// A real report: the analyzer's on a simulated runner.
    static let sample: GaitReport = {
        var parameters = SimulationParameters()
        parameters.durationSeconds = 4
        return try! GaitAnalyzer().analyze(RunnerSimulator(parameters: parameters).simulate(seed: 1).poses)
    }()

    @Test("renders a saved report: the summary on stdout and the HTML page in the named file")
    func rendersReport() throws {
        let folder = try temporaryFolder()
        let reportPath = folder.appendingPathComponent("report.json").path
        try Self.sample.write(to: reportPath)
        let htmlPath = folder.appendingPathComponent("out/report.html").path
        let run = try runcoach(["report", "render", reportPath, "--html", htmlPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == TerminalReport().render(Self.sample))
        let written = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(written == HTMLReport().render(Self.sample))
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
        try Self.sample.write(to: reportPath)
        // A regular file where a folder is needed.
        let blocker = folder.appendingPathComponent("blocker").path
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let run = try runcoach(["report", "render", reportPath, "--html", blocker + "/report.html"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot write the file"))
        #expect(run.stdout.isEmpty)
    }
}
