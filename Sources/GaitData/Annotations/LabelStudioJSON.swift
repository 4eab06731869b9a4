import Foundation
import GaitCore

/// Reads Label Studio's JSON export of video tasks and writes pre-annotations for its import
/// (Label Studio ≥ 1.13 with the `TimelineLabels` tag; export format "JSON" as described in its
/// documentation "Label Studio JSON format of annotated tasks", guide/task_format, and the
/// `TimelineLabels`, `Number`, `Rating` and `Choices` tag pages), as `docs/datasets.md` describes:
///
/// - `timelinelabels` regions: a range labelled with a phase name (contact / midStance / toeOff /
///   swing) labels those frames' phase; a range labelled `left` / `right` (or `left_stance`...)
///   is one foot contact. Ranges are in the video's frames, numbered from 1, inclusive.
/// - `number` results named `form_score` (0-10) or after an issue (0-1); a `rating` named
///   `form_score` scaled by its `ratingScale` (Label Studio's default 5 stars → 0-10);
///   `choices` naming issues: chosen ones are 1, the others 0.
///
/// Of a task's annotations, cancelled ones are skipped; with several, the one marked
/// `ground_truth` wins, else the most recent (highest id), with a warning.
public enum LabelStudioJSON {
    /// A task of an export: its id and the video it shows.
    public struct TaskReference: Equatable, Sendable {
        public var id: String
        /// The video's URL or path as the task data holds it.
        public var video: String?

        /// The video's file name without Label Studio's upload prefix (`/data/upload/2/3f2a1c0b-b1.mp4`
        /// → `b1.mp4`); for local-storage URLs (`/data/local-files/?d=dir/b1.mp4`) the `d` path's.
        public var videoFileName: String? {
            guard let video else { return nil }
            var path = video
            if let components = URLComponents(string: video), let local = components.queryItems?.first(where: { $0.name == "d" })?.value {
                path = local
            } else if let url = URL(string: video), !url.path.isEmpty {
                path = url.path
            }
            let name = (path as NSString).lastPathComponent.removingPercentEncoding ?? (path as NSString).lastPathComponent
            if let dash = name.firstIndex(of: "-"), name[..<dash].count == 8, name[..<dash].allSatisfy(\.isHexDigit) {
                return String(name[name.index(after: dash)...])
            }
            return name
        }
    }

    /// The tasks of an export.
    public static func tasks(in data: Data, file: String) throws -> [TaskReference] {
        try parseTasks(data, file: file).map { TaskReference(id: $0.id, video: $0.video) }
    }

    /// Imports task `task` (by id; may be omitted when the export has one task) of a video of
    /// `frameCount` frames. `ratingScale` is the `maxRating` of a form-score `Rating` control.
    public static func read(_ data: Data, file: String, task wanted: String? = nil, frameCount: Int, ratingScale: Double = 5) throws -> AnnotationImport {
        let tasks = try parseTasks(data, file: file)
        let task: RawTask
        if let wanted {
            guard let match = tasks.first(where: { $0.id == wanted }) else {
                throw DataError.invalidAnnotation(file: file, task: wanted, frame: nil, problem: "no such task; the export holds tasks \(tasks.map(\.id).joined(separator: ", "))")
            }
            task = match
        } else {
            guard tasks.count == 1 else {
                throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "the export holds \(tasks.count) tasks (\(tasks.map(\.id).joined(separator: ", "))); name one with --task")
            }
            task = tasks[0]
        }
        guard frameCount > 0 else {
            throw DataError.invalidAnnotation(file: file, task: task.id, frame: nil, problem: "the video's frame count is unknown; add the video with ffprobe installed or give --frames")
        }
        var warnings: [String] = []
        let live = task.annotations.filter { $0.was_cancelled != true }
        guard !live.isEmpty else {
            throw DataError.invalidAnnotation(file: file, task: task.id, frame: nil, problem: "the task has no submitted annotation")
        }
        let chosen = live.first { $0.ground_truth == true } ?? live.max { ($0.id ?? 0) < ($1.id ?? 0) }!
        if live.count > 1, chosen.ground_truth != true {
            warnings.append("task \(task.id) has \(live.count) annotations; using the most recent (id \(chosen.id.map(String.init) ?? "?")); mark one as ground truth to choose")
        }
        var accumulator = AnnotationAccumulator(file: file, task: task.id, frameCount: frameCount, toolFrame: { $0 + 1 })
        for (position, region) in chosen.result.enumerated() {
            try read(region, position: position, ratingScale: ratingScale, into: &accumulator, warnings: &warnings)
        }
        let (annotation, consistencyWarnings) = try accumulator.annotation()
        guard !annotation.isEmpty else {
            throw accumulator.failure("no runcoach labels in the annotation (expected timeline labels, numbers or choices; see docs/datasets.md)", frame: nil)
        }
        return AnnotationImport(annotation: annotation, task: task.id, videoName: TaskReference(id: task.id, video: task.video).videoFileName,
                                warnings: warnings + consistencyWarnings)
    }

    // MARK: - Results

    static func read(_ region: RawResult, position: Int, ratingScale: Double, into accumulator: inout AnnotationAccumulator, warnings: inout [String]) throws {
        let name = region.from_name ?? ""
        switch region.type ?? "" {
        case "timelinelabels":
            guard let labels = region.value.timelinelabels, let ranges = region.value.ranges, !ranges.isEmpty else {
                throw accumulator.failure("result \(position) (timelinelabels) has no ranges or labels", frame: nil)
            }
            for label in labels {
                for range in ranges {
                    guard let start = range.start, let end = range.end, start >= 1, end >= start,
                          start == start.rounded(), end == end.rounded() else {
                        throw accumulator.failure("result \(position) (\(label)) has range \(range.start.map { "\($0)" } ?? "?")-\(range.end.map { "\($0)" } ?? "?"); ranges are whole frame numbers from 1, start ≤ end", frame: nil)
                    }
                    let frames = (Int(start) - 1)...(Int(end) - 1)
                    guard frames.upperBound < accumulator.frameCount else {
                        throw accumulator.failure("result \(position) (\(label)) ends after the video's \(accumulator.frameCount) frames", frame: frames.upperBound)
                    }
                    if let phase = LabelVocabulary.phase(label) {
                        for frame in frames { try accumulator.setPhase(phase, frame: frame) }
                    } else if let side = LabelVocabulary.stance(label), side != .none {
                        for frame in frames { try accumulator.setSide(side, frame: frame) }
                    } else {
                        warnings.append("timeline label \"\(label)\" (from \(name)) is neither a phase nor a stance side; ignored")
                    }
                }
            }
        case "number":
            guard let number = region.value.number else {
                throw accumulator.failure("result \(position) (number \(name)) has no number", frame: nil)
            }
            if try !accumulator.setClipAttribute(name: name, value: "\(number)", frame: nil) {
                warnings.append("number \"\(name)\" is neither form_score nor an issue; ignored")
            }
        case "rating":
            guard let rating = region.value.rating else {
                throw accumulator.failure("result \(position) (rating \(name)) has no rating", frame: nil)
            }
            guard LabelVocabulary.isFormScore(name) else {
                warnings.append("rating \"\(name)\" is not form_score; ignored")
                return
            }
            guard rating >= 0, rating <= ratingScale else {
                throw accumulator.failure("rating \(rating) is above the rating scale \(ratingScale) (set --rating-scale to the control's maxRating)", frame: nil)
            }
            try accumulator.setFormScore(rating * 10 / ratingScale, frame: nil)
        case "choices":
            let choices = region.value.choices ?? []
            let chosen = Set(choices.compactMap(LabelVocabulary.issue))
            for choice in choices where LabelVocabulary.issue(choice) == nil && LabelVocabulary.normalized(choice) != "none" {
                warnings.append("choice \"\(choice)\" (from \(name)) is not an issue; ignored")
            }
            for kind in IssueKind.allCases { try accumulator.setIssue(kind, chosen.contains(kind) ? 1 : 0, frame: nil) }
        default:
            warnings.append("result \(position) of type \(region.type ?? "none") is not used")
        }
    }

    // MARK: - Raw export

    struct RawRange: Codable {
        var start: Double?
        var end: Double?
    }

    struct RawValue: Codable {
        var ranges: [RawRange]?
        var timelinelabels: [String]?
        var number: Double?
        var rating: Double?
        var choices: [String]?
    }

    struct RawResult: Codable {
        var id: String?
        var type: String?
        var from_name: String?
        var to_name: String?
        var origin: String?
        var value: RawValue
    }

    struct RawAnnotation: Codable {
        var id: Int?
        var was_cancelled: Bool?
        var ground_truth: Bool?
        var result: [RawResult]
    }

    struct RawTask {
        var id: String
        var video: String?
        var annotations: [RawAnnotation]
    }

    /// Decodes an export (a JSON array of tasks, or one task object).
    static func parseTasks(_ data: Data, file: String) throws -> [RawTask] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "not valid JSON")
        }
        let objects: [Any]
        if let array = json as? [Any] { objects = array } else if let single = json as? [String: Any] { objects = [single] } else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "expected a JSON array of Label Studio tasks")
        }
        return try objects.enumerated().map { position, object in
            guard let task = object as? [String: Any] else {
                throw DataError.invalidAnnotation(file: file, task: "#\(position)", frame: nil, problem: "a task is not a JSON object")
            }
            let id = (task["id"] as? Int).map(String.init) ?? (task["id"] as? String) ?? "#\(position)"
            let data = task["data"] as? [String: Any] ?? [:]
            let video = (data["video"] as? String) ?? data.values.compactMap { $0 as? String }.first(where: isVideoPath)
            var annotations: [RawAnnotation] = []
            if let list = task["annotations"] {
                do {
                    let bytes = try JSONSerialization.data(withJSONObject: list)
                    annotations = try JSONDecoder().decode([RawAnnotation].self, from: bytes)
                } catch let error as DecodingError {
                    throw DataError.invalidAnnotation(file: file, task: id, frame: nil, problem: "annotations: \(JSONProblem.describe(error))")
                }
            }
            return RawTask(id: id, video: video, annotations: annotations)
        }
    }

    static func isVideoPath(_ text: String) -> Bool {
        ["mp4", "mov", "avi", "mkv", "webm", "m4v"].contains((text as NSString).pathExtension.lowercased())
    }
}
