import GaitCore

/// A problem found in a video's labels.
public struct LabelFinding: Codable, Equatable, Sendable {
    public enum Severity: String, Codable, Sendable {
        /// The labels contradict themselves or the video: training on them would teach wrong things.
        case error
        /// Suspicious but possible (e.g. a phase skipped at a low frame rate).
        case warning
    }

    public var severity: Severity
    /// 0-based video frame where the problem starts, when it has one.
    public var frame: Int?
    public var message: String

    public init(_ severity: Severity, frame: Int?, _ message: String) {
        self.severity = severity
        self.frame = frame
        self.message = message
    }
}

/// Checks that a video's labels agree with themselves: phases follow the gait cycle (contact →
/// midStance → toeOff → swing → contact), stance frames are not labelled swing, flight frames are
/// not labelled as a stance phase, the two feet are never on the ground together, and the score
/// and issue values are in range.
public enum LabelConsistency {
    public static func check(_ annotation: VideoAnnotation) -> [LabelFinding] {
        var findings: [LabelFinding] = []
        findings += checkStances(annotation)  // first: a phase contradicting a contact is the root cause of an odd order
        findings += checkPhaseOrder(annotation.phases)
        if let score = annotation.formScore, !(0...10).contains(score) {
            findings.append(LabelFinding(.error, frame: nil, "form score \(score) is outside 0-10"))
        }
        for (kind, value) in annotation.issueScores.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !(0...1).contains(value) {
            findings.append(LabelFinding(.error, frame: nil, "\(kind.rawValue) \(value) is outside 0-1"))
        }
        return findings
    }

    /// Each change of phase must go to the next phase of the cycle; skipping one is a warning
    /// (possible when a phase is shorter than a frame), going back is an error.
    static func checkPhaseOrder(_ phases: [GaitPhase?]) -> [LabelFinding] {
        var findings: [LabelFinding] = []
        var previous: (phase: GaitPhase, frame: Int)?
        for (frame, phase) in phases.enumerated() {
            guard let phase else {
                previous = nil  // an unlabelled gap breaks the chain: nothing to compare across it
                continue
            }
            if let last = previous, last.phase != phase {
                let steps = (phase.classIndex - last.phase.classIndex + 4) % 4
                if steps == 2 {
                    let skipped = GaitPhase.allCases[(last.phase.classIndex + 1) % 4]
                    findings.append(LabelFinding(.warning, frame: frame, "\(last.phase.rawValue) is followed by \(phase.rawValue): \(skipped.rawValue) was skipped"))
                } else if steps == 3 {
                    findings.append(LabelFinding(.error, frame: frame, "\(last.phase.rawValue) is followed by \(phase.rawValue): the gait cycle goes contact → midStance → toeOff → swing"))
                }
            }
            previous = (phase, frame)
        }
        return findings
    }

    static func checkStances(_ annotation: VideoAnnotation) -> [LabelFinding] {
        var findings: [LabelFinding] = []
        let stances = annotation.stances
        for (index, stance) in stances.enumerated() {
            guard stance.firstFrame >= 0, stance.lastFrame >= stance.firstFrame, stance.lastFrame < annotation.frameCount else {
                findings.append(LabelFinding(.error, frame: stance.firstFrame, "\(stance.side.rawValue) contact frames \(stance.firstFrame)-\(stance.lastFrame) are not inside the video's \(annotation.frameCount) frames"))
                continue
            }
            if index > 0, stances[index - 1].lastFrame >= stance.firstFrame {
                findings.append(LabelFinding(.error, frame: stance.firstFrame, "the \(stances[index - 1].side.rawValue) and \(stance.side.rawValue) feet are on the ground together; running has no double support (is this walking?)"))
            }
            if index > 0, stances[index - 1].side == stance.side {
                findings.append(LabelFinding(.warning, frame: stance.firstFrame, "two \(stance.side.rawValue) contacts in a row: a \(stance.side.opposite.rawValue) contact is missing"))
            }
            if let frame = (stance.firstFrame...stance.lastFrame).first(where: { annotation.phases[$0] == .swing }) {
                findings.append(LabelFinding(.error, frame: frame, "labelled swing while the \(stance.side.rawValue) foot is on the ground"))
            }
        }
        // Between two labelled contacts the runner is in flight.
        for (earlier, later) in zip(stances, stances.dropFirst()) where later.firstFrame > earlier.lastFrame + 1 {
            let flight = (earlier.lastFrame + 1)..<later.firstFrame
            if let frame = flight.first(where: { annotation.phases[$0].map { $0 != .swing } ?? false }) {
                findings.append(LabelFinding(.error, frame: frame, "labelled \(annotation.phases[frame]!.rawValue) while no foot is on the ground (between two contacts)"))
            }
        }
        return findings
    }
}
