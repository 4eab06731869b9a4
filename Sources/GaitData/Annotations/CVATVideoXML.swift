import Foundation
import GaitCore

/// Reads and writes CVAT's XML annotation format version 1.1 for video tasks ("CVAT for video
/// 1.1"; CVAT documentation "XML annotation format", site/content/en/docs/other/xml_format.md,
/// CVAT 2.x), as `docs/datasets.md` describes:
///
/// - **Track attributes**: a track (any shape: box, points, skeleton...) whose shapes carry a
///   mutable `phase` attribute (contact / midStance / toeOff / swing) and/or a mutable `stance`
///   attribute (left / right / none). A shape's values hold from its frame to the next shape of
///   the track; `outside="1"` ends them. Attributes `form_score` (0-10), `overstriding`,
///   `verticalBounce`, `asymmetry` (0-1 or a checkbox) give the whole clip's values.
/// - **Frame tags**: `<tag frame="N" label="...">` (video dumps) or `<image id="N"><tag label=...>`
///   (image dumps of a video task); a tag labelled with a phase name sets that frame's phase, one
///   labelled `left_stance` / `right_stance` its stance side; tag attributes are read as above.
///
/// CVAT numbers frames of a task from 0; a task that starts at `start_frame` S labels video frame
/// S + n on its frame n. Tasks with a frame step (`frame_filter` step=K, K > 1) are refused.
public enum CVATVideoXML {
    /// Values of a select attribute that mean "not labelled".
    static let undefinedValues: Set<String> = ["", "__undefined__"]
    static let shapeNames: Set<String> = ["box", "polygon", "polyline", "points", "ellipse", "cuboid", "skeleton", "mask"]

    /// Imports the labels of one task. `task` (id or name) is needed when the export holds several
    /// tasks (a project export).
    public static func read(_ data: Data, file: String, task wanted: String? = nil) throws -> AnnotationImport {
        let root: XMLNode
        do {
            root = try XMLNode.parse(data)
        } catch let problem as XMLNode.XMLProblem {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "not well-formed XML (line \(problem.line): \(problem.reason))")
        }
        guard root.name == "annotations" else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "the root element is <\(root.name)>, not <annotations>: not a CVAT XML export")
        }
        guard let version = root.childText("version") else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "no <version>: not a CVAT XML export")
        }
        guard version == "1.1" else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "CVAT XML version \(version); export the task as \"CVAT for video 1.1\"")
        }
        let task = try selectTask(in: root, wanted: wanted, file: file)
        var accumulator = AnnotationAccumulator(
            file: file, task: task.label, frameCount: task.videoFrameCount, toolFrame: { $0 - task.startFrame })
        var warnings: [String] = []
        for track in root.children("track") where task.owns(track) {
            if try !readTrack(track, task: task, into: &accumulator) {
                warnings.append("track \(track.attributes["id"] ?? "?") (\(track.attributes["label"] ?? "no label")) has no runcoach attributes; ignored")
            }
        }
        for tag in root.children("tag") where task.owns(tag) {
            let frame = try frameNumber(tag, task: task, accumulator: accumulator)
            try readTag(tag, videoFrame: frame, task: task, into: &accumulator)
        }
        for image in root.children("image") where task.owns(image) {
            guard let id = image.attributes["id"].flatMap(Int.init) else {
                throw accumulator.failure("<image> on line \(image.line) has no numeric id", frame: nil)
            }
            for tag in image.children("tag") {
                try readTag(tag, videoFrame: task.startFrame + id, task: task, into: &accumulator)
            }
        }
        let (annotation, consistencyWarnings) = try accumulator.annotation()
        guard !annotation.isEmpty else {
            throw accumulator.failure("no runcoach labels found (expected tracks with phase/stance attributes or frame tags; see docs/datasets.md)", frame: nil)
        }
        return AnnotationImport(annotation: annotation, task: task.id, videoName: task.source, warnings: warnings + consistencyWarnings)
    }

    // MARK: - Tasks

    /// The tasks of an export: id and the video file (`<source>`) of each.
    public static func tasks(in data: Data, file: String) throws -> [(id: String?, source: String?)] {
        let root: XMLNode
        do {
            root = try XMLNode.parse(data)
        } catch let problem as XMLNode.XMLProblem {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "not well-formed XML (line \(problem.line): \(problem.reason))")
        }
        guard let meta = root.child("meta") else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "no <meta> section: not a CVAT XML export")
        }
        let nodes = (meta.child("task") ?? meta.child("job")).map { [$0] } ?? meta.child("project")?.child("tasks")?.children("task") ?? []
        return nodes.map { ($0.childText("id"), $0.childText("source")) }
    }

    struct TaskInfo {
        var id: String?
        var name: String?
        var size: Int
        var startFrame: Int
        var stopFrame: Int?
        var source: String?
        /// True when the export holds several tasks (tracks then carry `task_id`).
        var isProject: Bool

        var label: String? {
            switch (id, name) {
            case let (id?, name?): return "\(id) (\"\(name)\")"
            case let (id?, nil): return id
            case let (nil, name?): return "\"\(name)\""
            case (nil, nil): return nil
            }
        }
        var videoFrameCount: Int { max(startFrame + size, (stopFrame ?? -1) + 1) }

        func owns(_ node: XMLNode) -> Bool {
            guard isProject, let id else { return true }
            return node.attributes["task_id"] == id
        }
    }

    static func selectTask(in root: XMLNode, wanted: String?, file: String) throws -> TaskInfo {
        guard let meta = root.child("meta") else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "no <meta> section")
        }
        var candidates: [(XMLNode, Bool)] = []
        if let task = meta.child("task") ?? meta.child("job") {
            candidates = [(task, false)]
        } else if let tasks = meta.child("project")?.child("tasks") {
            candidates = tasks.children("task").map { ($0, true) }
        }
        guard !candidates.isEmpty else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "<meta> describes no task")
        }
        let infos = try candidates.map { try taskInfo($0.0, isProject: $0.1, file: file) }
        if let wanted {
            guard let match = infos.first(where: { $0.id == wanted || $0.name == wanted }) else {
                throw DataError.invalidAnnotation(file: file, task: wanted, frame: nil, problem: "no such task; the export holds \(describe(infos))")
            }
            return match
        }
        guard infos.count == 1 else {
            throw DataError.invalidAnnotation(file: file, task: nil, frame: nil, problem: "the export holds \(infos.count) tasks (\(describe(infos))); name one with --task")
        }
        return infos[0]
    }

    static func taskInfo(_ node: XMLNode, isProject: Bool, file: String) throws -> TaskInfo {
        let id = node.childText("id")
        let name = node.childText("name")
        let label = id ?? name
        guard let sizeText = node.childText("size"), let size = Int(sizeText), size > 0 else {
            throw DataError.invalidAnnotation(file: file, task: label, frame: nil, problem: "<size> (the task's frame count) is missing or not a positive number")
        }
        let start = node.childText("start_frame").flatMap(Int.init) ?? 0
        let stop = node.childText("stop_frame").flatMap(Int.init)
        if let filter = node.childText("frame_filter"), !filter.isEmpty, filter != "step=1" {
            throw DataError.invalidAnnotation(file: file, task: label, frame: nil, problem: "frame filter \"\(filter)\": annotate every frame of the video (create the task without a frame step)")
        }
        return TaskInfo(id: id, name: name, size: size, startFrame: start, stopFrame: stop, source: node.childText("source"), isProject: isProject)
    }

    static func describe(_ tasks: [TaskInfo]) -> String {
        tasks.map { $0.label ?? "unnamed" }.joined(separator: ", ")
    }

    // MARK: - Tracks and tags

    /// Reads one track; returns false when it carries none of the runcoach attributes.
    static func readTrack(_ track: XMLNode, task: TaskInfo, into accumulator: inout AnnotationAccumulator) throws -> Bool {
        var shapes: [(frame: Int, node: XMLNode)] = []
        for node in track.children where shapeNames.contains(node.name) {
            shapes.append((try frameNumber(node, task: task, accumulator: accumulator), node))
        }
        shapes.sort { $0.frame < $1.frame }
        var used = false
        for (index, shape) in shapes.enumerated() where shape.node.attributes["outside"] != "1" {
            let end = index + 1 < shapes.count ? shapes[index + 1].frame : task.videoFrameCount
            for attribute in shape.node.children("attribute") {
                let name = attribute.attributes["name"] ?? ""
                let value = attribute.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if try readFrameAttribute(name: name, value: value, frames: shape.frame..<end, into: &accumulator) {
                    used = true
                } else if try accumulator.setClipAttribute(name: name, value: value, frame: shape.frame) {
                    used = true
                }
            }
        }
        return used
    }

    static func readTag(_ tag: XMLNode, videoFrame: Int, task: TaskInfo, into accumulator: inout AnnotationAccumulator) throws {
        let label = tag.attributes["label"] ?? ""
        if let phase = LabelVocabulary.phase(label) {
            try accumulator.setPhase(phase, frame: videoFrame)
        } else if LabelVocabulary.normalized(label).hasSuffix("stance"), let side = LabelVocabulary.stance(label) {
            try accumulator.setSide(side, frame: videoFrame)
        }
        for attribute in tag.children("attribute") {
            let name = attribute.attributes["name"] ?? ""
            let value = attribute.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if try !readFrameAttribute(name: name, value: value, frames: videoFrame..<(videoFrame + 1), into: &accumulator) {
                _ = try accumulator.setClipAttribute(name: name, value: value, frame: videoFrame)
            }
        }
    }

    /// Applies a `phase` or `stance` attribute to `frames`; false for other names.
    static func readFrameAttribute(name: String, value: String, frames: Range<Int>, into accumulator: inout AnnotationAccumulator) throws -> Bool {
        let key = LabelVocabulary.normalized(name)
        if key == LabelVocabulary.phaseField {
            guard !undefinedValues.contains(value) else { return true }
            guard let phase = LabelVocabulary.phase(value) else {
                throw accumulator.failure("phase \"\(value)\" is not one of contact, midStance, toeOff, swing", frame: frames.lowerBound)
            }
            for frame in frames { try accumulator.setPhase(phase, frame: frame) }
            return true
        }
        if key == LabelVocabulary.stanceField {
            guard !undefinedValues.contains(value) else { return true }
            guard let side = LabelVocabulary.stance(value) else {
                throw accumulator.failure("stance \"\(value)\" is not one of left, right, none", frame: frames.lowerBound)
            }
            for frame in frames { try accumulator.setSide(side, frame: frame) }
            return true
        }
        return false
    }

    static func frameNumber(_ node: XMLNode, task: TaskInfo, accumulator: AnnotationAccumulator) throws -> Int {
        guard let text = node.attributes["frame"], let frame = Int(text) else {
            throw accumulator.failure("<\(node.name)> on line \(node.line) has no numeric frame attribute", frame: nil)
        }
        guard (0..<task.size).contains(frame) else {
            throw DataError.invalidAnnotation(file: accumulator.file, task: task.label, frame: frame, problem: "<\(node.name)> on line \(node.line) is outside the task's \(task.size) frames")
        }
        return task.startFrame + frame
    }
}
