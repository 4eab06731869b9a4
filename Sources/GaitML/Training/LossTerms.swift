import Foundation
import GaitCore

/// Each head's term of the multi-task loss, unweighted (as `GaitLoss.Value` has them), averaged
/// over the batches of an epoch: the sum alone cannot tell which head learns the training runners
/// instead of the task.
public struct LossTerms: Codable, Equatable, Sendable {
    /// Phase cross-entropy per labelled frame (nats).
    public var phase: Double
    /// Squared form-score error (points²).
    public var score: Double
    /// Binary cross-entropy per issue (nats), keyed by `IssueKind`.
    public var issues: [IssueKind: Double]
    /// Binary cross-entropy of the confidence head (nats).
    public var confidence: Double

    /// The mean of each term over `values` (one per batch); an issue's mean skips the batches
    /// without a known flag for it, and is absent if none had one.
    public init(meanOf values: [GaitLoss.Value]) {
        func mean(_ terms: [Float]) -> Double {
            let known = terms.filter { !$0.isNaN }
            return known.isEmpty ? .nan : known.reduce(0.0) { $0 + Double($1) } / Double(known.count)
        }
        phase = mean(values.map(\.phase))
        score = mean(values.map(\.score))
        confidence = mean(values.map(\.confidence))
        issues = [:]
        for kind in IssueKind.allCases {
            let term = mean(values.map { $0.issueByKind[kind.classIndex] })
            if !term.isNaN { issues[kind] = term }
        }
    }

    /// One line for the epoch's progress: `phase 0.081  score 0.310  confidence 0.402  issues
    /// overstriding 0.153 verticalBounce 0.071 asymmetry 0.122`.
    var summary: String {
        let format = BinaryMetrics.formatted
        let issueText = IssueKind.allCases.compactMap { kind in issues[kind].map { "\(kind.rawValue) \(format($0))" } }
        return "phase \(format(phase))  score \(format(score))  confidence \(format(confidence))  issues "
            + issueText.joined(separator: " ")
    }

    /// TensorBoard scalars under `prefix` (`train` or `val`): `<prefix>/loss_phase`, …,
    /// `<prefix>/loss_issue_<kind>`.
    func scalars(prefix: String) -> [(String, Double)] {
        [("\(prefix)/loss_phase", phase), ("\(prefix)/loss_score", score), ("\(prefix)/loss_confidence", confidence)]
            + IssueKind.allCases.compactMap { kind in issues[kind].map { ("\(prefix)/loss_issue_\(kind.rawValue)", $0) } }
    }
}

extension Array where Element == GaitLoss.Value {
    /// The mean weighted total over the batches (0 for none).
    var meanTotal: Double { reduce(0.0) { $0 + Double($1.total) } / Double(Swift.max(count, 1)) }
}
