import Foundation
import Testing
import GaitCore
import GaitSim

/// `runcoach analyze` and `runcoach simulate` as a user runs them: exit codes, messages on stderr,
/// outputs written whole or not at all.
@Suite("runcoach analyze / simulate")
struct AnalyzeCommandTests {
    /// A valid runcoach-pose document with `frames` (one line per frame, as the writer emits them).
    static func document(frames: [String]) -> String {
        #"{"format": "runcoach-pose", "version": 1, "landmarkSet": "blazepose33", "fps": 30, "width": 640, "height": 480, "frames": ["#
            + frames.joined(separator: ",") + "]}"
    }

    static let landmark = "[0.5, 0.5, 0, 0.9]"

    @Test("simulate then analyze writes the JSON and HTML reports and exits 0")
    func simulateAndAnalyze() throws {
        let folder = try CLI.temporaryFolder()
        let simulated = try CLI.runcoach(["simulate", "--out", folder + "/run.json", "--truth", folder + "/truth.json", "--duration", "6", "--seed", "3"])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let run = try CLI.runcoach(["analyze", folder + "/run.json", "--json", folder + "/report.json", "--html", folder + "/report.html"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Activity: running"))
        let report = try GaitReport.decode(Data(contentsOf: URL(fileURLWithPath: folder + "/report.json")))
        #expect(report.events.count >= 14)  // 6 s at 170 steps/min: 17 contacts, the edges may be cut
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        #expect(html.contains("<svg"))
    }

    @Test("bad input: a clear message, the documented exit code and no report file",
          arguments: [
            ("empty", "", Int32(1), "the file is empty"),
            ("invalid JSON", "{\"format\": \"runcoach-pose\", ", 1, "not valid JSON"),
            ("wrong landmark count", document(frames: [#"{"t": 0, "landmarks": [[0.5, 0.5, 0, 1]]}"#]), 1, "frame 0: expected 33 landmarks, found 1"),
            ("NaN", document(frames: [#"{"t": 0, "landmarks": ["# + Array(repeating: "[NaN, 0.5, 0, 1]", count: 33).joined(separator: ",") + "]}"]),
             1, "frame 0: landmark 0 (nose) holds a non-finite number"),
            ("all-null frames", document(frames: (0..<90).map { #"{"t": \#(Double($0) / 30), "landmarks": null}"# }), 1, "no person was found in any of the 90 frames"),
          ])
    func badInput(name: String, content: String, status: Int32, message: String) throws {
        let folder = try CLI.temporaryFolder()
        let input = folder + "/input.json"
        try Data(content.utf8).write(to: URL(fileURLWithPath: input))
        let run = try CLI.runcoach(["analyze", input, "--json", folder + "/report.json", "--html", folder + "/report.html"])
        #expect(run.status == status, "\(name): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(name): \(run.stderr)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/report.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/report.html"))
    }

    @Test("an OpenPose output folder (the real side-view runner) is analysed from the command line; an empty folder is refused")
    func openPoseFolder() throws {
        let folder = try CLI.temporaryFolder()
        let run = try CLI.runcoach(["analyze", CLI.sharedData("openpose-body25-side"), "--fps", "30", "--json", folder + "/report.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try GaitReport.decode(Data(contentsOf: URL(fileURLWithPath: folder + "/report.json")))
        #expect(report.events.count >= 3)  // the runner crosses the frame in about 2 s: a few contacts
        let empty = try CLI.temporaryFolder()
        let refused = try CLI.runcoach(["analyze", empty, "--json", folder + "/empty.json"])
        #expect(refused.status == 1 || refused.status == 2, "\(refused.stderr)")
        #expect(!refused.stderr.contains("Fatal error") && !refused.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/empty.json"))
    }

    @Test("a 1-second clip: exit 1, too short, nothing written")
    func oneSecondClip() throws {
        let folder = try CLI.temporaryFolder()
        _ = try CLI.runcoach(["simulate", "--out", folder + "/short.json", "--duration", "1"])
        let run = try CLI.runcoach(["analyze", folder + "/short.json", "--json", folder + "/report.json"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("the clip is 1.0 s long"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/report.json"))
    }

    @Test("a walker: exit 1 with the verdict, and a complete report marked walking")
    func walker() throws {
        let folder = try CLI.temporaryFolder()
        _ = try CLI.runcoach(["simulate", "--mode", "walking", "--out", folder + "/walk.json"])
        let run = try CLI.runcoach(["analyze", folder + "/walk.json", "--json", folder + "/report.json"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("looks like walking"))
        let report = try GaitReport.decode(Data(contentsOf: URL(fileURLWithPath: folder + "/report.json")))
        #expect(report.activity == .walking)
        #expect(report.metrics[.groundContactTime]?.measurement == nil)
    }

    @Test("usage errors exit 2: missing file, bad option value, impossible simulation")
    func usageErrors() throws {
        let missing = try CLI.runcoach(["analyze", "/nonexistent/run.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/run.json: no such file or directory"))
        let height = try CLI.runcoach(["analyze", "x.json", "--runner-height", "7"])
        #expect(height.status == 2)
        #expect(height.stderr.contains("--runner-height must be a height in metres"))
        let simulation = try CLI.runcoach(["simulate", "--out", "/tmp/never.json", "--contact-time", "0.5"])
        #expect(simulation.status == 2)
        #expect(simulation.stderr.contains("flight phase"))
    }
}
