import ArgumentParser
import Foundation
import GaitCore
import GaitML
import GaitRender
import GaitVideo

/// `runcoach analyze`: a pose file or a video in, a gait report out.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a runner's pose sequence: events, phases, metrics, score and confidence.",
        discussion: """
            INPUT is a runcoach-pose JSON file, a folder of OpenPose JSON files, a COCO keypoint \
            JSON file, a runcoach pose CSV (see docs/formats.md) or a video (.mp4, .mov...; poses \
            by MediaPipe BlazePose, see docs/video.md). With several inputs, --json, --html, \
            --poses and --annotated name folders (NAME.json, NAME.html, NAME.pose.json, \
            NAME.annotated.mp4). Exit codes: 0 report written; \
            1 the input cannot give a running analysis (the message says why; for a walker the \
            report is still written, marked "walking"); 2 usage error.
            """)

    @Argument(help: "Pose files, pose folders or videos to analyse.") var inputs: [String]
    @Option(help: "Write the report as JSON (runcoach-report v1) to this path.") var json: String?
    @Option(help: "Write a self-contained HTML report with charts to this path.") var html: String?
    @Flag(help: "Colour the terminal summary with ANSI codes.") var color = false
    @Option(name: .customLong("runner-height"), help: "Runner height in metres (sets the distance scale).") var runnerHeight: Double?
    @Flag(help: "Print nothing on stdout.") var quiet = false
    @OptionGroup var poseInput: PoseInputOptions
    @Option(help: "GaitNet checkpoint folder (from runcoach train) to fuse with the rule-based analysis.") var model: String?
    @Option(help: "Videos: write the runner's poses (runcoach-pose JSON) to this path.") var poses: String?
    @Option(help: "Videos: write the video with skeleton, foot contacts, phase and metrics drawn in (MP4).") var annotated: String?
    @OptionGroup var video: VideoOptions

    func validate() throws {
        if let runnerHeight, !(runnerHeight > 0.5 && runnerHeight < 2.5) {
            throw ValidationError("--runner-height must be a height in metres between 0.5 and 2.5")
        }
    }

    func run() throws {
        let progress = ProgressLine(enabled: !video.noProgress && !quiet)
        let gaitModel: (any GaitModel)? = try model.map { try GaitNetModel(checkpoint: $0) }
        let job = AnalysisJob(
            poseFileOptions: poseInput.poseFileOptions, runnerHeightMeters: runnerHeight, model: gaitModel, video: video)
        if inputs.count == 1 {
            let outputs = AnalysisJob.Outputs(json: json, html: html, poses: poses, annotated: annotated)
            let report: GaitReport
            do {
                report = try job.run(inputs[0], outputs: outputs, progress: progress)
                progress.finish()
            } catch {
                progress.finish()
                throw error
            }
            if !quiet {
                print(TerminalReport(options: .init(color: color)).render(report), terminator: "")
            }
            if report.activity != .running {
                let verdict = report.notes.first { $0.localizedCaseInsensitiveContains(report.activity.rawValue) }
                throw CLIExit.impossible(verdict ?? "no running gait found in \(inputs[0]): the contacts never alternate with a flight phase")
            }
            return
        }
        let inputs = self.inputs
        let folders = AnalysisJob.Outputs(json: json, html: html, poses: poses, annotated: annotated)
        let results = ParallelJobs.run(count: inputs.count, jobs: video.jobs) { index in
            try job.run(inputs[index], outputs: folders.files(for: inputs[index]), progress: progress)
        }
        progress.finish()
        var failures = 0
        for (input, result) in zip(inputs, results) {
            switch result {
            case .success(let report):
                if !quiet {
                    print("== \(input)")
                    print(TerminalReport(options: .init(color: color)).render(report), terminator: "")
                }
                if report.activity != .running { failures += 1 }
            case .failure(let error):
                failures += 1
                FileHandle.standardError.write(Data("runcoach: \(input): \(error)\n".utf8))
            }
        }
        if failures > 0 {
            throw CLIExit.impossible("\(failures) of \(inputs.count) inputs gave no running analysis")
        }
    }
}

/// One input through `analyze`: load or extract the poses, analyse, write the outputs.
struct AnalysisJob: Sendable {
    /// Where to write what; `nil` skips that output.
    struct Outputs: Sendable {
        var json: String?
        var html: String?
        var poses: String?
        var annotated: String?

        /// For one of several inputs: the options name folders, one file per input inside.
        func files(for input: String) -> Outputs {
            let name = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
            return Outputs(
                json: json.map { $0 + "/" + name + ".json" }, html: html.map { $0 + "/" + name + ".html" },
                poses: poses.map { $0 + "/" + name + ".pose.json" },
                annotated: annotated.map { $0 + "/" + name + ".annotated.mp4" })
        }
    }

    var poseFileOptions: PoseFileOptions
    var runnerHeightMeters: Double?
    /// A learned model fused with the rules (`--model`), if any.
    var model: (any GaitModel)?
    var video: VideoOptions

    /// Analyses `input` (a pose file or a video) and writes the requested outputs. A walking clip
    /// still gives its report (marked walking).
    func run(_ input: String, outputs: Outputs, progress: ProgressLine) throws -> GaitReport {
        var extracted: VideoPoses?
        let sequence: PoseSequence
        if VideoAnalysis.isVideo(input) {
            let videoPoses = try VideoAnalysis.extract(input, options: video, progress: progress)
            if let path = outputs.poses { try RuncoachPoseFormat.write(videoPoses.sequence, to: path) }
            sequence = videoPoses.sequence
            extracted = videoPoses
        } else {
            guard outputs.poses == nil, outputs.annotated == nil else {
                throw CLIExit.usage("--poses and --annotated need a video input; \(input) is a pose file")
            }
            sequence = try PoseFileLoader.load(path: input, options: poseFileOptions)
        }
        var report = try GaitAnalyzer(options: AnalysisOptions(runnerHeightMeters: runnerHeightMeters, model: model)).analyze(sequence)
        extracted?.annotate(&report)
        if let json = outputs.json { try report.write(to: json) }
        if let html = outputs.html { try AtomicFile.write(HTMLReport().render(report), to: html) }
        if let path = outputs.annotated, let extracted {
            try AnnotatedVideoWriter(poses: extracted, report: report).write(to: path)
        }
        return report
    }
}
