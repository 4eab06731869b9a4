import Foundation

/// Operating points of the issue detector: for each issue, the probability from which a
/// recording is flagged, chosen on validation recordings to maximise F1.
///
/// The issue head is trained with plain binary cross-entropy on data where each issue is present
/// in 10-20 % of runners, so its probabilities for true positives often stay below 0.5 even when
/// they rank well (per-recording ROC AUC 0.91-0.97): a 0.5 cut then misses most of them. The
/// fitted threshold t is stored in the checkpoint (`CheckpointConfig.issueThresholds`) and applied
/// by shifting the recording's mean probability p to σ(logit p − logit t), so that 0.5 is the
/// validated operating point everywhere the probability is used (the analyzer's fusion, the
/// report, the evaluation).
public enum IssueThresholds {
    /// The threshold maximising F1 of "p ≥ t" on `probabilities` against `truth`: candidates are
    /// the midpoints between consecutive distinct probabilities; ties go to the one nearest 0.5;
    /// 0.5 when `truth` has no positive.
    public static func fit(probabilities: [Double], truth: [Bool]) -> Double {
        guard truth.contains(true) else { return 0.5 }
        let values = Array(Set(probabilities)).sorted()
        var candidates = [0.5]
        for (lower, upper) in zip(values, values.dropFirst()) { candidates.append((lower + upper) / 2) }
        var best = (f1: -1.0, threshold: 0.5)
        for threshold in candidates {
            let f1 = BinaryMetrics.f1(truth: truth, probabilities: probabilities, threshold: threshold)
            if f1 > best.f1 || (f1 == best.f1 && abs(threshold - 0.5) < abs(best.threshold - 0.5)) {
                best = (f1, threshold)
            }
        }
        return best.threshold
    }

    /// `probability` moved so that `threshold` lands on 0.5: σ(logit p − logit t).
    public static func shift(_ probability: Double, threshold: Double) -> Double {
        func logit(_ x: Double) -> Double {
            let clamped = min(max(x, 1e-9), 1 - 1e-9)
            return log(clamped / (1 - clamped))
        }
        return 1 / (1 + exp(-(logit(probability) - logit(threshold))))
    }
}
