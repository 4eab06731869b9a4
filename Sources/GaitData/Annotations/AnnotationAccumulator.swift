import GaitCore

/// Collects per-frame and whole-clip labels from an annotation export, refusing contradictions,
/// and turns them into a `VideoAnnotation`. Errors name the file, the task and the tool's own
/// frame number.
struct AnnotationAccumulator {
    let file: String
    let task: String?
    let frameCount: Int
    /// The tool's frame number of a 0-based video frame (for messages).
    let toolFrame: (Int) -> Int

    private(set) var phases: [GaitPhase?]
    private(set) var sides: [StanceSide?]
    private(set) var formScore: (value: Double, frame: Int?)?
    private(set) var issues: [IssueKind: (value: Double, frame: Int?)] = [:]

    init(file: String, task: String?, frameCount: Int, toolFrame: @escaping (Int) -> Int) {
        self.file = file
        self.task = task
        self.frameCount = frameCount
        self.toolFrame = toolFrame
        phases = Array(repeating: nil, count: frameCount)
        sides = Array(repeating: nil, count: frameCount)
    }

    func failure(_ problem: String, frame: Int?) -> DataError {
        .invalidAnnotation(file: file, task: task, frame: frame.map(toolFrame), problem: problem)
    }

    mutating func setPhase(_ phase: GaitPhase, frame: Int) throws {
        try checkFrame(frame)
        if let existing = phases[frame], existing != phase {
            throw failure("labelled both \(existing.rawValue) and \(phase.rawValue)", frame: frame)
        }
        phases[frame] = phase
    }

    mutating func setSide(_ side: StanceSide, frame: Int) throws {
        try checkFrame(frame)
        if let existing = sides[frame], existing != side {
            throw failure("stance labelled both \(existing.rawValue) and \(side.rawValue)", frame: frame)
        }
        sides[frame] = side
    }

    mutating func setFormScore(_ value: Double, frame: Int?) throws {
        guard value.isFinite, (0...10).contains(value) else {
            throw failure("form score \(value) is outside 0-10", frame: frame)
        }
        if let existing = formScore, existing.value != value {
            throw failure("form score \(value) contradicts \(existing.value) given earlier", frame: frame)
        }
        formScore = (value, frame)
    }

    mutating func setIssue(_ kind: IssueKind, _ value: Double, frame: Int?) throws {
        guard value.isFinite, (0...1).contains(value) else {
            throw failure("\(kind.rawValue) \(value) is outside 0-1", frame: frame)
        }
        if let existing = issues[kind], existing.value != value {
            throw failure("\(kind.rawValue) \(value) contradicts \(existing.value) given earlier", frame: frame)
        }
        issues[kind] = (value, frame)
    }

    /// Reads a whole-clip attribute (form score or issue) when `name` is one; returns false for
    /// other names.
    mutating func setClipAttribute(name: String, value text: String, frame: Int?) throws -> Bool {
        if LabelVocabulary.isFormScore(name) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return true }
            guard let value = Double(trimmed) else { throw failure("form score \"\(text)\" is not a number", frame: frame) }
            try setFormScore(value, frame: frame)
            return true
        }
        if let kind = LabelVocabulary.issue(name) {
            guard let parsed = LabelVocabulary.issueValue(text) else {
                throw failure("\(kind.rawValue) \"\(text)\" is not a number in 0-1 or true/false", frame: frame)
            }
            if let value = parsed { try setIssue(kind, value, frame: frame) }
            return true
        }
        return false
    }

    func checkFrame(_ frame: Int) throws {
        guard (0..<frameCount).contains(frame) else {
            throw failure("is outside the task's \(frameCount) frames", frame: frame)
        }
    }

    /// The labels, after the consistency check (its errors are thrown, naming the frame).
    func annotation() throws -> (annotation: VideoAnnotation, warnings: [String]) {
        let annotation = VideoAnnotation(
            frameCount: frameCount, phases: phases, stances: VideoAnnotation.stances(fromSides: sides),
            formScore: formScore?.value, issueScores: issues.mapValues(\.value))
        let findings = LabelConsistency.check(annotation)
        if let error = findings.first(where: { $0.severity == .error }) {
            throw failure(error.message, frame: error.frame)
        }
        let warnings = findings.map { finding in
            finding.frame.map { "frame \(toolFrame($0)): \(finding.message)" } ?? finding.message
        }
        return (annotation, warnings)
    }
}
