import Foundation
import GaitCore

/// `dataset prelabel`: runs the analyzer on each video's extracted poses and writes what it found
/// (contacts, per-frame phases, form score, issue probabilities) in CVAT's and Label Studio's
/// import formats, so annotators correct labels instead of starting from nothing.
///
/// Writes, under `annotations/prelabel/`: `ID.cvat.xml` per video (CVAT for video 1.1, one
/// `runner` track with a box around the landmarks on every frame), `label-studio-tasks.json`
/// (all videos, labels as predictions), `label-studio-config.xml` (the matching labeling
/// configuration) and `cvat-labels.json` (the label and attributes to create the CVAT project).
public struct Prelabeler {
    public struct Outcome: Sendable {
        public var written: [String] = []
        /// Videos without pre-labels, and why.
        public var skipped: [(video: String, reason: String)] = []
    }

    public var layout: DatasetLayout
    public var analysis = AnalysisOptions()
    /// Prefix of the video URLs in the Label Studio tasks (Label Studio's local-file storage by default).
    public var videoURLPrefix = "/data/local-files/?d="
    public var modelVersion = "runcoach analyzer"

    public init(layout: DatasetLayout) {
        self.layout = layout
    }

    public var outputFolder: String { layout.path("annotations/prelabel") }

    public func run(videos wanted: [String]? = nil) throws -> Outcome {
        let manifest = try DatasetManifest.load(path: layout.manifestPath)
        let videos = try wanted.map { ids in
            try ids.map { id in
                guard let entry = manifest.video(id) else { throw DataError.invalidOption(option: "video", reason: "\"\(id)\" is not in the dataset") }
                return entry
            }
        } ?? manifest.videos
        var outcome = Outcome()
        var tasks: [LabelStudioJSON.PrelabelTask] = []
        for video in videos {
            let posePath = layout.posePath(id: video.id)
            guard FileManager.default.fileExists(atPath: posePath) else {
                outcome.skipped.append((video.id, "no poses yet; run `runcoach dataset extract` first"))
                continue
            }
            let poses = try RuncoachPoseFormat.read(path: posePath)
            let report: GaitReport
            do {
                report = try GaitAnalyzer(options: analysis).analyze(poses)
            } catch {
                outcome.skipped.append((video.id, "\(error)"))
                continue
            }
            let annotation = Self.annotation(from: report, poses: poses)
            let boxes = poses.frames.map { PixelBox.around($0, width: poses.width, height: poses.height) }
            let xml = CVATVideoXML.write(annotation, task: .init(name: video.id, videoName: video.sourceName ?? (video.video as NSString).lastPathComponent,
                                                                 width: poses.width, height: poses.height), boxes: boxes)
            let xmlPath = outputFolder + "/\(video.id).cvat.xml"
            try AtomicFile.write(xml, to: xmlPath)
            outcome.written.append(layout.relativePath(to: xmlPath))
            tasks.append(.init(video: videoURLPrefix + video.video, fps: poses.nominalFPS, annotation: annotation, score: report.confidence.map { $0.overall / 100 }))
        }
        if !tasks.isEmpty {
            try AtomicFile.write(LabelStudioJSON.write(tasks, modelVersion: modelVersion), to: outputFolder + "/label-studio-tasks.json")
            outcome.written.append(layout.relativePath(to: outputFolder + "/label-studio-tasks.json"))
        }
        try AtomicFile.write(LabelStudioJSON.labelingConfig, to: outputFolder + "/label-studio-config.xml")
        try AtomicFile.write(CVATVideoXML.projectLabels, to: outputFolder + "/cvat-labels.json")
        outcome.written += ["label-studio-config.xml", "cvat-labels.json"].map { layout.relativePath(to: outputFolder + "/" + $0) }
        return outcome
    }

    /// The analyzer's findings as frame labels: its per-frame phases, its contacts as frame
    /// intervals, its form score and the probability of each issue it could rate.
    public static func annotation(from report: GaitReport, poses: PoseSequence) -> VideoAnnotation {
        let times = poses.frames.map(\.time)
        let phaseOfTime = Dictionary(report.phases.map { ($0.t, $0.phase) }, uniquingKeysWith: { first, _ in first })
        let phases = times.map { phaseOfTime[$0] ?? nil }
        let events = report.events.map { RuncoachLabels.Event(side: $0.side, initialContact: $0.initialContact, toeOff: $0.toeOff) }
        var issues: [IssueKind: Double] = [:]
        for issue in report.issues where issue.notAssessableReason == nil { issues[issue.kind] = issue.probability }
        return VideoAnnotation(frameCount: times.count, phases: phases, stances: LabelFileCheck.stanceIntervals(events, times: times),
                               formScore: report.score?.value, issueScores: issues)
    }
}
