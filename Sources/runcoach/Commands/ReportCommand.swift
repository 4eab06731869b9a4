import ArgumentParser
import Foundation
import GaitCore
import GaitRender

/// `runcoach report`: work with saved reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work with saved runcoach-report JSON files.",
        subcommands: [ReportRenderCommand.self]
    )
}

/// `runcoach report render REPORT.json [--html out.html] [--color]`: prints the summary of a saved
/// report and optionally writes it as a self-contained HTML page.
struct ReportRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print a saved report's summary; optionally write it as an HTML page.",
        discussion: "REPORT is a runcoach-report JSON file (docs/report.md), e.g. from `runcoach analyze --json`."
    )

    @Argument(help: "The runcoach-report JSON file.")
    var report: String

    @Option(name: .long, help: ArgumentHelp("Write a self-contained HTML page with charts here.", valueName: "out.html"))
    var html: String?

    @Flag(name: .long, help: "Colour the summary with ANSI codes (plain text by default).")
    var color = false

    func validate() throws {
        if let html, html.isEmpty { throw ValidationError("--html needs a file name") }
    }

    func run() throws {
        let loaded = try ReportFile.load(path: report)
        if let html {
            try AtomicFile.write(HTMLReport().render(loaded), to: html)
            FileHandle.standardError.write(Data("runcoach: wrote \(html)\n".utf8))
        }
        print(TerminalReport(options: .init(color: color)).render(loaded), terminator: "")
    }
}
