import ArgumentParser
import Foundation
import GaitCore
import GaitRender

/// `runcoach analyze`: a pose file in, a gait report out.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a runner's pose sequence: events, phases, metrics, score and confidence.",
        discussion: """
            INPUT is a runcoach-pose JSON file, a folder of OpenPose JSON files, a COCO keypoint \
            JSON file or a runcoach pose CSV (see docs/formats.md). Exit codes: 0 report written; \
            1 the input cannot give a running analysis (the message says why; for a walker the \
            report is still written, marked "walking"); 2 usage error.
            """)

    @Argument(help: "Pose file or folder to analyse.") var input: String
    @Option(help: "Write the report as JSON (runcoach-report v1) to this path.") var json: String?
    @Option(help: "Write a self-contained HTML report with charts to this path.") var html: String?
    @Flag(help: "Colour the terminal summary with ANSI codes.") var color = false
    @Option(name: .customLong("runner-height"), help: "Runner height in metres (sets the distance scale).") var runnerHeight: Double?
    @Flag(help: "Print nothing on stdout.") var quiet = false
    @OptionGroup var poseInput: PoseInputOptions

    func validate() throws {
        if let runnerHeight, !(runnerHeight > 0.5 && runnerHeight < 2.5) {
            throw ValidationError("--runner-height must be a height in metres between 0.5 and 2.5")
        }
    }

    func run() throws {
        let sequence = try PoseFileLoader.load(path: input, options: poseInput.poseFileOptions)
        let report = try GaitAnalyzer(options: AnalysisOptions(runnerHeightMeters: runnerHeight)).analyze(sequence)
        if let json { try report.write(to: json) }
        if let html { try AtomicFile.write(HTMLReport().render(report), to: html) }
        if !quiet {
            print(TerminalReport(options: .init(color: color)).render(report), terminator: "")
        }
        if report.activity != .running {
            throw CLIExit.impossible(report.notes.first ?? "no running gait found in \(input)")
        }
    }
}
