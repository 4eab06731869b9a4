import Foundation
import GaitCore
import Testing
@testable import GaitRender

/// Loads rendered reports in a real browser engine (Debian's headless Chromium, installed by
/// `scripts/setup.d/40-chromium-headless.sh`) and checks the DOM it builds: the charts must survive
/// HTML parsing as SVG, with nothing of the page swallowed into them.
///
/// Runs when the browser is installed, and always in CI (where a missing browser is a failure).
@Suite(
    "Browser rendering",
    .enabled(if: Browser.executable != nil || ProcessInfo.processInfo.environment["CI"] != nil,
             "chromium-headless-shell is not installed (scripts/setup.d/40-chromium-headless.sh installs it)"))
struct BrowserRenderingTests {
    @Test("Chromium's DOM of the running report keeps every chart and marker as SVG")
    func runningReport() throws {
        let markup = HTMLReport().render(SampleReports.running)
        let dom = try Browser.dumpDOM(of: markup)
        let source = try XMLNode.parse(markup)
        // Every svg, polyline, event marker and phase band that was written is in the browser's DOM.
        #expect(dom.components(separatedBy: "<svg").count - 1 == source.descendants("svg").count)
        #expect(dom.components(separatedBy: "<polyline").count - 1 == source.descendants("polyline").count)
        let markers = source.all.filter { $0.hasClass("event") }.count
        #expect(markers > 0 && dom.components(separatedBy: "class=\"event ").count - 1 == markers)
        let bands = source.all.filter { $0.hasClass("phase") }.count
        #expect(bands > 0 && dom.components(separatedBy: "class=\"phase ").count - 1 == bands)
        // No part of the page ended up inside a chart (what an unclosed element would cause).
        for chart in dom.components(separatedBy: "<svg").dropFirst() {
            let inside = chart.components(separatedBy: "</svg>")[0]
            #expect(!inside.contains("<h2") && !inside.contains("<table") && !inside.contains("<p>") && !inside.contains("<p "))
        }
        // The text after the charts is still there, in the body.
        #expect(dom.contains("Capture") && dom.contains("a note with &lt;markup&gt; &amp; \"quotes\""))
    }

    @Test("Chromium reads the walking report with its notice and no chart")
    func walkingReport() throws {
        let dom = try Browser.dumpDOM(of: HTMLReport().render(SampleReports.walking))
        #expect(dom.contains("id=\"not-running\""))
        #expect(!dom.contains("<svg"))
    }
}

/// The headless browser the tests drive.
enum Browser {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium-headless-shell", "chromium"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The DOM Chromium builds from `markup`, serialised (`--dump-dom`). Fails after 90 s.
    static func dumpDOM(of markup: String) throws -> String {
        guard let executable else { throw Failure(description: "chromium-headless-shell is not installed") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runcoach-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let output = folder.appendingPathComponent("dom.html")
        try markup.write(to: page, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // --no-sandbox: the tests run as root here, where Chromium's sandbox refuses to start.
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile", "--dump-dom",
            page.absoluteString,
        ]
        process.standardOutput = outputHandle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            throw Failure(description: "Chromium did not finish within 90 s")
        }
        try outputHandle.close()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "Chromium exited with status \(process.terminationStatus)")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
