import Foundation
import GaitCore

/// The label file of a real annotated recording, `runcoach-labels` version 1 (see
/// `docs/training.md`): it names its pose file and gives the phases (as contact events and/or one
/// phase per frame), the form score and the issues.
public struct LabelFile: Codable, Sendable {
    public struct Event: Codable, Sendable {
        public var side: BodySide
        public var initialContact: Double
        public var toeOff: Double?
    }

    public var format: String
    public var version: Int
    /// Pose file (any format `PoseFileLoader` reads), relative to the label file's folder.
    public var poses: String
    /// Runner identifier (folds never split a runner).
    public var runner: String
    public var strata: [String: String]?
    /// Foot contacts on the pose file's clock; phases follow the ARCHITECTURE.md definition.
    public var events: [Event]?
    /// One phase name per pose frame (or null); overrides `events` where both are given.
    public var phases: [GaitPhase?]?
    public var formScore: Double?
    public var issues: [String: Bool]?
    /// Each issue's probability, 0-1, agreeing with `issues` (at least 0.5 where flagged): what the
    /// issue head learns instead of the flag (a simulated runner's label; see `LabelledSequence`).
    public var issueProbabilities: [String: Double]?
    /// Numbers that describe the recording for error analysis (`LabelledSequence.details`): not
    /// used in training; `evaluate` writes them to recordings.csv.
    public var details: [String: Double]?

    /// The labels of `sequence`, naming `poses` as its pose file: its contacts where it has them,
    /// else its phases per frame.
    public init(_ sequence: LabelledSequence, poses: String) {
        format = "runcoach-labels"
        version = 1
        self.poses = poses
        runner = sequence.runnerID
        strata = sequence.strata.isEmpty ? nil : sequence.strata
        events = sequence.events?.map { Event(side: $0.side, initialContact: $0.initialContact, toeOff: $0.toeOff) }
        phases = sequence.events == nil ? sequence.phases : nil
        formScore = sequence.formScore
        let kinds = IssueKind.allCases
        issues = Dictionary(uniqueKeysWithValues: kinds.map { ($0.rawValue, sequence.issues[$0.classIndex]) })
        issueProbabilities = Dictionary(uniqueKeysWithValues: kinds.map { ($0.rawValue, sequence.issueTargets[$0.classIndex]) })
        details = sequence.details.isEmpty ? nil : sequence.details
    }

    /// Reads every `*.labels.json` in `directory` (not recursive) with its pose file.
    public static func loadDirectory(_ directory: String) throws -> [LabelledSequence] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GaitMLError.unusableData("\(directory): no such folder (expected a folder of *.labels.json files with their pose files)")
        }
        let names = try manager.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".labels.json") }.sorted()
        guard !names.isEmpty else {
            throw GaitMLError.unusableData("\(directory): no *.labels.json files (see docs/training.md for the label format)")
        }
        return try names.map { try load(path: (directory as NSString).appendingPathComponent($0)) }
    }

    /// Reads one label file and its pose file.
    public static func load(path: String) throws -> LabelledSequence {
        guard let data = FileManager.default.contents(atPath: path) else { throw GaitMLError.unreadableFile(path: path) }
        let file: LabelFile
        do {
            file = try JSONDecoder().decode(LabelFile.self, from: data)
        } catch {
            throw GaitMLError.unusableData("\(path): not a runcoach-labels file (\(error))")
        }
        guard file.format == "runcoach-labels", file.version == 1 else {
            throw GaitMLError.unusableData("\(path): format \(file.format) version \(file.version), expected runcoach-labels 1")
        }
        let posePath = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file.poses)
        let poses = try PoseFileLoader.load(path: posePath)
        var phases = [GaitPhase?](repeating: nil, count: poses.frames.count)
        let gaitEvents = file.events?.map { GaitEvent(side: $0.side, initialContact: $0.initialContact, toeOff: $0.toeOff, confidence: 1) }
        if let gaitEvents {
            phases = PhaseLabeler.label(times: poses.frames.map(\.time), events: gaitEvents).map(\.phase)
        }
        if let perFrame = file.phases {
            guard perFrame.count == poses.frames.count else {
                throw GaitMLError.unusableData("\(path): \(perFrame.count) phases for \(poses.frames.count) pose frames")
            }
            phases = zip(perFrame, phases).map { $0 ?? $1 }
        }
        if let score = file.formScore, !(0...10).contains(score) {
            throw GaitMLError.unusableData("\(path): formScore \(score) is outside 0-10")
        }
        let unknown = Set(file.issues?.keys ?? [:].keys).union(file.issueProbabilities?.keys ?? [:].keys)
            .subtracting(IssueKind.allCases.map(\.rawValue))
        guard unknown.isEmpty else {
            throw GaitMLError.unusableData("\(path): unknown issue \(unknown.sorted().joined(separator: ", ")); known: overstriding, verticalBounce, asymmetry")
        }
        let issues = IssueKind.allCases.map { file.issues?[$0.rawValue] ?? false }
        var probabilities: [Double]?
        if let given = file.issueProbabilities {
            probabilities = zip(IssueKind.allCases, issues).map { kind, flagged in given[kind.rawValue] ?? (flagged ? 1 : 0) }
            for (kind, (probability, flagged)) in zip(IssueKind.allCases, zip(probabilities!, issues))
            where !(0...1).contains(probability) || (probability >= 0.5) != flagged {
                throw GaitMLError.unusableData(String(format: "%@: issueProbabilities.%@ %g disagrees with issues.%@ %@ (0.5 or more means flagged)",
                                                      path, kind.rawValue, probability, kind.rawValue, flagged ? "true" : "false"))
            }
        }
        var sequence = LabelledSequence(poses: poses, phases: phases, events: file.phases == nil ? gaitEvents : nil, formScore: file.formScore,
                                        issues: issues, issueProbabilities: probabilities, runnerID: file.runner, strata: file.strata ?? [:])
        sequence.details = file.details ?? [:]
        return sequence
    }
}
