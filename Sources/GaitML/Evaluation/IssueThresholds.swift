import Foundation
import GaitCore

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
    /// 0.5 when `truth` has no positive. One sort and one sweep: O(n log n).
    public static func fit(probabilities: [Double], truth: [Bool]) -> Double {
        let positives = truth.filter { $0 }.count
        guard positives > 0 else { return 0.5 }
        func f1(flagged: Int, truePositives tp: Int) -> Double {
            tp == 0 ? 0 : 2 * Double(tp) / Double(flagged + positives)  // 2tp / (2tp + fp + fn)
        }
        var best = (f1: BinaryMetrics.f1(truth: truth, probabilities: probabilities, threshold: 0.5), threshold: 0.5)
        // Distinct probabilities from the highest down, each with how many cases (and positives) hold it.
        let pairs = zip(probabilities, truth).sorted { $0.0 > $1.0 }
        var groups: [(value: Double, count: Int, positives: Int)] = []
        for (value, isPositive) in pairs {
            if let last = groups.last, last.value == value {
                groups[groups.count - 1].count += 1
                groups[groups.count - 1].positives += isPositive ? 1 : 0
            } else {
                groups.append((value, 1, isPositive ? 1 : 0))
            }
        }
        // A cut between groups k and k + 1 flags groups 0...k.
        var (flagged, tp) = (0, 0)
        var candidates: [(f1: Double, threshold: Double)] = []
        for (upper, lower) in zip(groups, groups.dropFirst()) {
            flagged += upper.count
            tp += upper.positives
            candidates.append((f1(flagged: flagged, truePositives: tp), (upper.value + lower.value) / 2))
        }
        // Ascending thresholds, as the candidates were once tried, so ties resolve the same way.
        for candidate in candidates.reversed() {
            if candidate.f1 > best.f1 || (candidate.f1 == best.f1 && abs(candidate.threshold - 0.5) < abs(best.threshold - 0.5)) {
                best = candidate
            }
        }
        return best.threshold
    }

    /// `prediction` with each issue's probability shifted by its threshold (`thresholds` in
    /// `IssueKind.classIndex` order), as `GaitNetModel` shifts them for a calibrated checkpoint.
    public static func shifted(_ prediction: GaitModelPrediction, thresholds: [Double]) -> GaitModelPrediction {
        var shifted = prediction
        for (kind, probability) in prediction.issueProbabilities {
            shifted.issueProbabilities[kind] = shift(probability, threshold: thresholds[kind.classIndex])
        }
        return shifted
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
