import Foundation
import GaitCore

/// One recording as `RecordingEvaluation` rated it: enough to find the runners the model gets
/// wrong and to see whether they are borderline cases (a target near 0.5) or clear misses.
public struct RecordingOutcome: Sendable, Equatable {
    public var runnerID: String
    public var strata: [String: String]
    /// The recording's `LabelledSequence.details` (e.g. the truth's metrics, the simulated camera).
    public var details: [String: Double] = [:]
    /// Labelled frames with the runner in view, and how many of them the most likely phase gets right.
    public var labelledFrames: Int
    public var correctFrames: Int
    /// Form score in points (0-10): the label (`nil` when not rated) and the model's.
    public var formScoreTruth: Double?
    public var formScorePredicted: Double
    /// Per issue, in `IssueKind.classIndex` order: the label's flag, what the issue head learns
    /// for it (`LabelledSequence.issueTargets`: the truth's probability, or the flag as 1/0), and
    /// the model's probability at its fitted operating point (0.5 = the flag threshold).
    public var issueFlags: [Bool]
    public var issueTargets: [Double]
    public var issueProbabilities: [Double]
    /// Mean timing error of the contacts as the model's phases time them (`EventTiming`, both
    /// feet), ms, model − label: negative = early. `nil` without labelled contacts in view.
    public var initialContactBiasMilliseconds: Double? = nil
    public var toeOffBiasMilliseconds: Double? = nil

    /// Share of labelled frames right, 0-1; `nil` without labelled frames.
    public var phaseAccuracy: Double? {
        labelledFrames == 0 ? nil : Double(correctFrames) / Double(labelledFrames)
    }

    /// Whether the model's flag (probability ≥ 0.5) disagrees with the label's.
    public func missed(_ kind: IssueKind) -> Bool {
        (issueProbabilities[kind.classIndex] >= 0.5) != issueFlags[kind.classIndex]
    }

    /// One row per recording, with a header: runner, one column per stratum, frames, phase
    /// accuracy, form score truth and prediction, the contacts' timing bias
    /// (`initial_contact_bias_ms`, `toe_off_bias_ms`), `<issue>_flag` (0/1), `<issue>_target` and
    /// `<issue>_probability` for each issue, then one column per detail. Empty cells where a value
    /// is unknown.
    public static func csv(_ outcomes: [RecordingOutcome]) -> String {
        let strata = Set(outcomes.flatMap(\.strata.keys)).sorted()
        let details = Set(outcomes.flatMap(\.details.keys)).sorted()
        let issues = IssueKind.allCases.flatMap { ["\($0.rawValue)_flag", "\($0.rawValue)_target", "\($0.rawValue)_probability"] }
        var lines = [(["runner"] + strata + ["labelled_frames", "phase_accuracy", "score_truth", "score_predicted",
                                                 "initial_contact_bias_ms", "toe_off_bias_ms"] + issues
            + details.map(field)).joined(separator: ",")]
        func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
        for outcome in outcomes {
            var cells = [field(outcome.runnerID)] + strata.map { field(outcome.strata[$0] ?? "") }
            cells += [String(outcome.labelledFrames), number(outcome.phaseAccuracy), number(outcome.formScoreTruth),
                      number(outcome.formScorePredicted), number(outcome.initialContactBiasMilliseconds),
                      number(outcome.toeOffBiasMilliseconds)]
            for kind in IssueKind.allCases {
                let index = kind.classIndex
                cells += [outcome.issueFlags[index] ? "1" : "0", number(outcome.issueTargets[index]), number(outcome.issueProbabilities[index])]
            }
            cells += details.map { key in outcome.details[key].map { String(format: "%.6g", $0) } ?? "" }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A scatter plot of one issue over `outcomes`: the label's target (x, 0-1) against the
    /// model's probability (y, 0-1), a dot per recording, red where the model's flag is wrong.
    /// The dashed lines at 0.5 split it into the four outcomes: misses near the vertical line are
    /// borderline runners, those far from it clear errors. Self-contained SVG, 360 × 360 pixels.
    public static func issueScatterSVG(_ outcomes: [RecordingOutcome], kind: IssueKind) -> String {
        let frame = UnitSquarePlot()
        var content = [
            "<line x1=\"\(frame.x(0.5))\" y1=\"\(frame.y(0))\" x2=\"\(frame.x(0.5))\" y2=\"\(frame.y(1))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>",
            "<line x1=\"\(frame.x(0))\" y1=\"\(frame.y(0.5))\" x2=\"\(frame.x(1))\" y2=\"\(frame.y(0.5))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>",
        ]
        let (right, wrong) = (outcomes.filter { !$0.missed(kind) }, outcomes.filter { $0.missed(kind) })
        for (group, colour) in [(right, "#4a7fb5"), (wrong, "#c0392b")] {  // the wrong ones drawn on top
            for outcome in group {
                let (target, probability) = (outcome.issueTargets[kind.classIndex], outcome.issueProbabilities[kind.classIndex])
                content.append(String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%@\" fill-opacity=\"0.7\"><title>%@: target %.2f, model %.2f</title></circle>",
                                      frame.x(min(max(target, 0), 1)), frame.y(min(max(probability, 0), 1)), colour,
                                      Markup.escaped(outcome.runnerID), target, probability))
            }
        }
        return frame.svg(title: "\(kind.rawValue): \(wrong.count) of \(outcomes.count) recordings wrong", xLabel: "label (truth probability)",
                         yLabel: "model probability", content: content)
    }
}
