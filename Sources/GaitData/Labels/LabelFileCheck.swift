import GaitCore

/// Checks a `runcoach-labels` file against its video: contacts inside the video and in order, one
/// phase per frame, and the same consistency rules as imported annotations (`LabelConsistency`).
public enum LabelFileCheck {
    /// What the check found, and the phase of every frame (given, else derived from the contacts
    /// as GaitML does) for class-balance counts.
    public struct Outcome: Sendable {
        public var findings: [LabelFinding]
        public var phases: [GaitPhase?]
    }

    /// `times`: the video's frame times, seconds (from its pose file, else frame / fps).
    public static func check(_ labels: RuncoachLabels, times: [Double]) -> Outcome {
        var findings: [LabelFinding] = []
        let frameInterval = times.count > 1 ? (times.last! - times.first!) / Double(times.count - 1) : 0
        let tolerance = frameInterval / 2
        let start = (times.first ?? 0) - tolerance, end = (times.last ?? 0) + max(tolerance, frameInterval)
        for event in labels.events ?? [] {
            let text = String(format: "%@ contact at %.3f s", event.side.rawValue, event.initialContact)
            guard event.initialContact.isFinite, event.initialContact >= start, event.initialContact <= end else {
                findings.append(LabelFinding(.error, frame: nil, "\(text) is outside the video (\(String(format: "%.3f-%.3f", times.first ?? 0, times.last ?? 0)) s)"))
                continue
            }
            if let toeOff = event.toeOff {
                if !(toeOff > event.initialContact) {
                    findings.append(LabelFinding(.error, frame: nil, "\(text) ends (toe-off \(toeOff) s) before it starts"))
                } else if toeOff > end {
                    findings.append(LabelFinding(.error, frame: nil, "\(text) ends after the video (toe-off \(toeOff) s)"))
                }
            }
        }
        if let phases = labels.phases, phases.count != times.count {
            findings.append(LabelFinding(.error, frame: nil, "\(phases.count) phases for \(times.count) frames (one phase or null per frame)"))
            return Outcome(findings: findings, phases: Array(repeating: nil, count: times.count))
        }
        guard findings.isEmpty else { return Outcome(findings: findings, phases: Array(repeating: nil, count: times.count)) }

        let derived = PhaseLabeler.label(times: times, events: labels.gaitEvents).map(\.phase)
        let phases = labels.phases.map { zip($0, derived).map { $0 ?? $1 } } ?? derived
        let annotation = VideoAnnotation(frameCount: times.count, phases: labels.phases ?? Array(repeating: nil, count: times.count),
                                         stances: stanceIntervals(labels.events ?? [], times: times),
                                         formScore: labels.formScore, issueScores: issueScores(labels))
        findings += LabelConsistency.check(annotation)
        let known = Set(IssueKind.allCases.map(\.rawValue))
        for key in Set((labels.issues ?? [:]).keys).union((labels.issueScores ?? [:]).keys).subtracting(known).sorted() {
            findings.append(LabelFinding(.error, frame: nil, "unknown issue \"\(key)\"; known: overstriding, verticalBounce, asymmetry"))
        }
        return Outcome(findings: findings, phases: phases)
    }

    /// Contacts as frame intervals: frames with IC ≤ t < TO (to the end when TO is unknown).
    static func stanceIntervals(_ events: [RuncoachLabels.Event], times: [Double]) -> [StanceInterval] {
        events.compactMap { event in
            let toeOff = event.toeOff ?? .infinity
            guard let first = times.firstIndex(where: { $0 >= event.initialContact - 1e-9 }),
                  let last = times.lastIndex(where: { $0 < toeOff - 1e-9 }), last >= first else { return nil }
            return StanceInterval(side: event.side, firstFrame: first, lastFrame: last)
        }
    }

    static func issueScores(_ labels: RuncoachLabels) -> [IssueKind: Double] {
        var scores: [IssueKind: Double] = [:]
        for kind in IssueKind.allCases {
            if let value = labels.issueScores?[kind.rawValue] {
                scores[kind] = value
            } else if let present = labels.issues?[kind.rawValue] {
                scores[kind] = present ? 1 : 0
            }
        }
        return scores
    }
}
