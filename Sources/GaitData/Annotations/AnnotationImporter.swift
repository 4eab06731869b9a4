import Foundation
import GaitCore

/// `dataset import`: reads a CVAT or Label Studio export, matches its tasks to the dataset's videos
/// and writes one `runcoach-labels` file per video (`labels/ID.labels.json`), recording the source
/// in the manifest.
public struct AnnotationImporter {
    public enum Tool: String, Sendable, CaseIterable {
        case cvat
        case labelStudio = "label-studio"

        /// `.xml` is CVAT, `.json` Label Studio.
        public static func detect(path: String) throws -> Tool {
            switch (path as NSString).pathExtension.lowercased() {
            case "xml": return .cvat
            case "json": return .labelStudio
            default: throw DataError.invalidOption(option: "tool", reason: "cannot tell the tool from \(path); give --tool cvat or --tool label-studio")
            }
        }
    }

    /// One video's imported labels.
    public struct Outcome: Sendable {
        public var video: String
        public var task: String?
        public var contacts: Int
        public var labelledPhaseFrames: Int
        public var warnings: [String]
    }

    public var layout: DatasetLayout
    /// The frame times of a video (default: ffprobe's packet times; tests may substitute).
    public var clock: (String) throws -> FrameClock = { try VideoFactsProbe.clock(path: $0) }
    /// `maxRating` of a Label Studio `Rating` control used for the form score.
    public var ratingScale = 5.0

    public init(layout: DatasetLayout) {
        self.layout = layout
    }

    /// Imports `file`. With `video`, the export must hold one task (or `task` names it) and its
    /// labels go to that video; otherwise every task is matched to the video whose file name it
    /// names, and tasks that match no video are reported, not imported.
    public func run(file: String, tool: Tool?, video wantedVideo: String?, task wantedTask: String?) throws -> [Outcome] {
        guard let data = FileManager.default.contents(atPath: file) else { throw DataError.fileNotFound(path: file) }
        var manifest = try DatasetManifest.load(path: layout.manifestPath)
        let tool = try tool ?? Tool.detect(path: file)
        let storedFile = try storeExport(file)
        var outcomes: [Outcome] = []
        for (task, videoID) in try pairs(data: data, file: file, tool: tool, manifest: manifest, video: wantedVideo, task: wantedTask) {
            guard let index = manifest.videos.firstIndex(where: { $0.id == videoID }) else {
                throw DataError.invalidOption(option: "video", reason: "\"\(videoID)\" is not in the dataset")
            }
            let entry = manifest.videos[index]
            let imported: AnnotationImport
            let clock: FrameClock
            switch tool {
            case .cvat:
                imported = try CVATVideoXML.read(data, file: file, task: task)  // the export's own errors first
                clock = try frameClock(for: entry)
            case .labelStudio:
                clock = try frameClock(for: entry)  // Label Studio exports do not record the frame count
                imported = try LabelStudioJSON.read(data, file: file, task: task, frameCount: clock.frameCount, ratingScale: ratingScale)
            }
            guard imported.annotation.frameCount <= clock.frameCount else {
                throw DataError.invalidAnnotation(file: file, task: task, frame: nil, problem: "the task has \(imported.annotation.frameCount) frames but \(entry.video) has \(clock.frameCount); is it the same video?")
            }
            var labels = try RuncoachLabels(annotation: imported.annotation, clock: clock, poses: "../poses/\(entry.id).pose.json", runner: entry.runner)
            labels.strata = strata(of: entry)
            labels.source = AnnotationSource(tool: tool.rawValue, file: storedFile, task: imported.task)
            try labels.save(path: layout.labelPath(id: entry.id))
            manifest.videos[index].labels = "labels/\(entry.id).labels.json"
            manifest.videos[index].annotation = labels.source
            outcomes.append(Outcome(video: entry.id, task: imported.task, contacts: labels.events?.count ?? 0,
                                    labelledPhaseFrames: imported.annotation.phases.compactMap { $0 }.count, warnings: imported.warnings))
        }
        try manifest.save(path: layout.manifestPath)
        return outcomes
    }

    /// The stratification facts GaitML's folds use, from the manifest entry.
    func strata(of entry: VideoEntry) -> [String: String]? {
        var strata: [String: String] = [:]
        for axis in ["pace", "cameraAngle", "environment"] { strata[axis] = entry.value(of: axis) }
        return strata.isEmpty ? nil : strata
    }

    /// Frame times from the video's extracted poses when present (exactly the training frames),
    /// else from ffprobe, else (no ffprobe) a constant rate from the manifest's facts.
    func frameClock(for entry: VideoEntry) throws -> FrameClock {
        let posePath = layout.posePath(id: entry.id)
        if FileManager.default.fileExists(atPath: posePath) {
            return FrameClock(times: try RuncoachPoseFormat.read(path: posePath).frames.map(\.time))
        }
        do {
            return try clock(layout.path(entry.video))
        } catch {
            guard let facts = entry.facts, facts.frameCount > 0, facts.fps > 0 else { throw error }
            return FrameClock(frameCount: facts.frameCount, fps: facts.fps)
        }
    }

    /// (task, video id) pairs to import.
    func pairs(data: Data, file: String, tool: Tool, manifest: DatasetManifest, video: String?, task: String?) throws -> [(String?, String)] {
        if let video { return [(task, video)] }
        let tasks: [(id: String?, videoName: String?)]
        switch tool {
        case .cvat:
            tasks = try CVATVideoXML.tasks(in: data, file: file).map { ($0.id, $0.source) }
        case .labelStudio:
            tasks = try LabelStudioJSON.tasks(in: data, file: file).map { ($0.id, $0.videoFileName) }
        }
        var pairs: [(String?, String)] = []
        var unmatched: [String] = []
        for task in tasks {
            if let name = task.videoName, let entry = manifest.videos.first(where: { Self.fileNames(of: $0).contains(name) }) {
                pairs.append((task.id, entry.id))
            } else {
                unmatched.append("\(task.id ?? "?") (\(task.videoName ?? "no video name"))")
            }
        }
        guard !pairs.isEmpty else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "no task names a video of the dataset (tasks: \(unmatched.joined(separator: ", "))); give --video ID")
        }
        return pairs
    }

    /// The names a task may use for a video: its file name in the dataset and the name it was added under.
    static func fileNames(of entry: VideoEntry) -> Set<String> {
        var names: Set<String> = [(entry.video as NSString).lastPathComponent]
        if let source = entry.sourceName { names.insert(source) }
        return names
    }

    /// Copies the export into `annotations/` (unless it is already inside the dataset) and returns
    /// its path relative to the dataset folder.
    func storeExport(_ file: String) throws -> String {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let relative = layout.relativePath(to: absolute)
        if !relative.hasPrefix("../") { return relative }
        let destination = layout.annotationsFolder + "/" + (file as NSString).lastPathComponent
        try DatasetScaffold.copyAtomically(from: file, to: destination)
        return "annotations/" + (file as NSString).lastPathComponent
    }
}
