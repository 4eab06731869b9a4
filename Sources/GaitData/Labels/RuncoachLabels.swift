import Foundation
import GaitCore

/// A `runcoach-labels` version 1 file: the label file GaitML trains on (format defined in
/// `docs/training.md`), plus optional keys that GaitML's reader ignores and that keep what the
/// annotators gave beyond it (`docs/datasets.md`).
public struct RuncoachLabels: Codable, Equatable, Sendable {
    public struct Event: Codable, Equatable, Sendable {
        public var side: BodySide
        /// Initial contact, seconds on the pose file's clock.
        public var initialContact: Double
        /// Toe-off, seconds; `nil` when the clip ends on the ground.
        public var toeOff: Double?

        public init(side: BodySide, initialContact: Double, toeOff: Double?) {
            self.side = side
            self.initialContact = initialContact
            self.toeOff = toeOff
        }
    }

    public static let formatName = "runcoach-labels"
    public static let currentVersion = 1

    public var format = RuncoachLabels.formatName
    public var version = RuncoachLabels.currentVersion
    /// Pose file, relative to the label file's folder.
    public var poses: String
    public var runner: String
    /// Stratification facts (pace, camera, environment).
    public var strata: [String: String]?
    public var events: [Event]?
    /// One phase (or null) per pose frame.
    public var phases: [GaitPhase?]?
    /// 0-10 points.
    public var formScore: Double?
    /// Issue present (score ≥ 0.5) or not.
    public var issues: [String: Bool]?
    /// Extension: the annotators' issue scores, 0-1.
    public var issueScores: [String: Double]?
    /// Extension: where the labels came from.
    public var source: AnnotationSource?

    public init(poses: String, runner: String) {
        self.poses = poses
        self.runner = runner
    }

    /// Labels from a frame-based annotation, with frame times from `clock` (which must cover the
    /// annotation's frames). Per-frame phases are written only when the annotation labels phases;
    /// a contact that starts on the first frame is left out (it began before the clip, so its
    /// initial contact is unknown).
    public init(annotation: VideoAnnotation, clock: FrameClock, poses: String, runner: String) throws {
        guard clock.frameCount >= annotation.frameCount else {
            throw DataError.unusableDataset("the annotation covers \(annotation.frameCount) frames but the video has \(clock.frameCount)")
        }
        self.init(poses: poses, runner: runner)
        let times = clock.times
        let contacts = annotation.stances.filter { $0.firstFrame > 0 }.map { stance in
            Event(side: stance.side, initialContact: times[stance.firstFrame],
                  toeOff: stance.lastFrame + 1 < annotation.frameCount ? times[stance.lastFrame + 1] : nil)
        }
        events = contacts.isEmpty ? nil : contacts
        if annotation.phases.contains(where: { $0 != nil }) {
            phases = annotation.phases + Array(repeating: nil, count: clock.frameCount - annotation.frameCount)
        }
        formScore = annotation.formScore
        if !annotation.issueScores.isEmpty {
            issueScores = Dictionary(uniqueKeysWithValues: annotation.issueScores.map { ($0.key.rawValue, $0.value) })
            issues = Dictionary(uniqueKeysWithValues: annotation.issueScores.map { ($0.key.rawValue, $0.value >= 0.5) })
        }
    }

    /// Reads a label file.
    public static func load(path: String) throws -> RuncoachLabels {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError.fileNotFound(path: path) }
        let labels: RuncoachLabels
        do {
            labels = try JSONDecoder().decode(RuncoachLabels.self, from: data)
        } catch let error as DecodingError {
            throw DataError.invalidManifest(path: path, problem: "not a runcoach-labels file: \(JSONProblem.describe(error))")
        }
        guard labels.format == formatName, labels.version == currentVersion else {
            throw DataError.invalidManifest(path: path, problem: "format \(labels.format) version \(labels.version); expected \(formatName) \(currentVersion)")
        }
        return labels
    }

    /// Writes the file atomically (sorted keys, explicit nulls in `phases`).
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(encoder.encode(self), to: path)
    }

    /// The contacts as `GaitEvent`s (confidence 1: they are labels).
    public var gaitEvents: [GaitEvent] {
        (events ?? []).map { GaitEvent(side: $0.side, initialContact: $0.initialContact, toeOff: $0.toeOff, confidence: 1) }
    }

    /// The labels of the mirrored recording: left and right contacts swap.
    public func mirrored() -> RuncoachLabels {
        var copy = self
        copy.events = events?.map { Event(side: $0.side.opposite, initialContact: $0.initialContact, toeOff: $0.toeOff) }
        return copy
    }
}
