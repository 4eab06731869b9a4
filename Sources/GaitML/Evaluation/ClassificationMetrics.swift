import GaitCore

/// Accuracy, confusion matrix and per-class precision, recall and F1 of a multi-class prediction.
public struct ClassificationMetrics: Codable, Equatable, Sendable {
    public var classNames: [String]
    /// `confusion[true][predicted]` counts.
    public var confusion: [[Int]]
    public var accuracy: Double
    public var precision: [Double]
    public var recall: [Double]
    /// Per class; 0 where the class has neither predictions nor examples.
    public var f1: [Double]

    /// From true and predicted class indices (pairs with a negative true label are skipped).
    public init(truth: [Int], predicted: [Int], classNames: [String]) {
        let classes = classNames.count
        var confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        for (t, p) in zip(truth, predicted) where t >= 0 { confusion[t][p] += 1 }
        let total = confusion.joined().reduce(0, +)
        let correct = (0..<classes).reduce(0) { $0 + confusion[$1][$1] }
        self.classNames = classNames
        self.confusion = confusion
        accuracy = total == 0 ? 0 : Double(correct) / Double(total)
        precision = (0..<classes).map { k in
            let predictedK = (0..<classes).reduce(0) { $0 + confusion[$1][k] }
            return predictedK == 0 ? 0 : Double(confusion[k][k]) / Double(predictedK)
        }
        let recalls = (0..<classes).map { k in
            let actualK = confusion[k].reduce(0, +)
            return actualK == 0 ? 0 : Double(confusion[k][k]) / Double(actualK)
        }
        recall = recalls
        f1 = zip(precision, recalls).map { p, r in p + r == 0 ? 0 : 2 * p * r / (p + r) }
    }
}

/// Error and correlation of a predicted score against the truth.
public struct RegressionMetrics: Codable, Equatable, Sendable {
    public var count: Int
    public var meanAbsoluteError: Double
    public var rootMeanSquaredError: Double
    /// Pearson's r (0 when either side has no spread).
    public var pearsonR: Double

    public init(truth: [Double], predicted: [Double]) {
        let pairs = zip(truth, predicted).filter { $0.0.isFinite && $0.1.isFinite }
        count = pairs.count
        let n = Double(max(count, 1))
        meanAbsoluteError = pairs.reduce(0) { $0 + abs($1.0 - $1.1) } / n
        rootMeanSquaredError = (pairs.reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / n).squareRoot()
        let meanT = pairs.reduce(0) { $0 + $1.0 } / n, meanP = pairs.reduce(0) { $0 + $1.1 } / n
        let covariance = pairs.reduce(0) { $0 + ($1.0 - meanT) * ($1.1 - meanP) }
        let spreadT = pairs.reduce(0) { $0 + ($1.0 - meanT) * ($1.0 - meanT) }
        let spreadP = pairs.reduce(0) { $0 + ($1.1 - meanP) * ($1.1 - meanP) }
        pearsonR = spreadT > 0 && spreadP > 0 ? covariance / (spreadT * spreadP).squareRoot() : 0
    }
}

/// F1 at a 0.5 threshold and ROC AUC of one binary detector.
public struct BinaryMetrics: Codable, Equatable, Sendable {
    public var positives: Int
    public var negatives: Int
    /// `nil` when the data holds no positive (there is nothing to find: F1 is undefined).
    public var f1: Double?
    /// 95 % interval of `f1` under resampling of the cases (percentile bootstrap, `bootstrapResamples`
    /// draws with replacement, fixed seed: the same data gives the same interval), as [low, high]:
    /// how far the operating-point F1 moves with another draw of as many cases. With 20-60
    /// positives it spans ±0.05-0.1. Only for independent cases (whole recordings: `intervals`);
    /// `nil` otherwise, without positives, and in reports written before it.
    public var f1Interval: [Double]?
    /// F1 at the threshold that suits this very data best (`IssueThresholds.fit` on it): how well
    /// the probabilities separate the cases, an upper bound on `f1`, not an operating point.
    /// `nil` without positives (and in reports written before it was added).
    public var bestF1: Double?
    /// Area under the ROC curve (Mann-Whitney U / (positives · negatives)); `nil` when one class is absent.
    public var auc: Double?

    /// `intervals`: compute `f1Interval` (for independent cases, such as one per recording; the
    /// overlapping windows of a recording are not).
    public init(truth: [Bool], probabilities: [Double], intervals: Bool = false) {
        positives = truth.filter { $0 }.count
        negatives = truth.count - positives
        f1 = positives == 0 ? nil : Self.f1(truth: truth, probabilities: probabilities, threshold: 0.5)
        f1Interval = positives == 0 || !intervals ? nil : Self.bootstrapInterval(truth: truth, probabilities: probabilities)
        bestF1 = positives == 0 ? nil
            : Self.f1(truth: truth, probabilities: probabilities,
                      threshold: IssueThresholds.fit(probabilities: probabilities, truth: truth))
        guard positives > 0, negatives > 0 else {
            auc = nil
            return
        }
        // Average ranks (ties share their mean rank), then U = Σ positive ranks − P(P+1)/2.
        let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
        var ranks = [Double](repeating: 0, count: order.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, probabilities[order[end + 1]] == probabilities[order[start]] { end += 1 }
            for position in start...end { ranks[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        let positiveRanks = zip(truth, ranks).filter { $0.0 }.reduce(0) { $0 + $1.1 }
        let p = Double(positives)
        auc = (positiveRanks - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// "F1 0.783 [0.650, 0.880] (best 0.850), AUC 0.982 (20+/180-)" (the brackets: `f1Interval`):
    /// "n/a" for what is undefined.
    public var summary: String {
        let interval = f1Interval.map { String(format: " [%.3f, %.3f]", $0[0], $0[1]) } ?? ""
        let best = bestF1.map { String(format: " (best %.3f)", $0) } ?? ""
        return "F1 \(Self.formatted(f1))\(interval)\(best), AUC \(Self.formatted(auc)) (\(positives)+/\(negatives)-)"
    }

    /// Resamples behind `f1Interval`.
    public static let bootstrapResamples = 2000

    /// The 2.5th and 97.5th percentiles of F1 at 0.5 over `bootstrapResamples` resamples of the
    /// cases; resamples that happen to hold no positive (F1 undefined) are left out.
    static func bootstrapInterval(truth: [Bool], probabilities: [Double]) -> [Double] {
        var generator = SeededGenerator(seed: 2015)
        let flagged = probabilities.map { $0 >= 0.5 }
        var values: [Double] = []
        values.reserveCapacity(bootstrapResamples)
        for _ in 0..<bootstrapResamples {
            let resample = truth.indices.map { _ in Int.random(in: truth.indices, using: &generator) }
            let counts = Self.counts(flagged: flagged, truth: truth, cases: resample)
            guard counts.truePositives + counts.falseNegatives > 0 else { continue }
            values.append(Self.f1(counts))
        }
        values.sort()
        func percentile(_ q: Double) -> Double { values[min(values.count - 1, Int(q * Double(values.count)))] }
        return [percentile(0.025), percentile(0.975)]
    }

    /// "overstriding F1 …; verticalBounce …; asymmetry …" for metrics keyed by issue.
    public static func summary(byIssue metrics: [String: BinaryMetrics]) -> String {
        IssueKind.allCases.compactMap { kind in metrics[kind.rawValue].map { "\(kind.rawValue) \($0.summary)" } }.joined(separator: "; ")
    }

    /// A metric to three decimals, "n/a" when undefined.
    public static func formatted(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }

    /// F1 of the decision "probability ≥ `threshold`" (1 when there is nothing to find and nothing
    /// is predicted; callers with no positive report no F1).
    static func f1(truth: [Bool], probabilities: [Double], threshold: Double) -> Double {
        f1(counts(flagged: probabilities.map { $0 >= threshold }, truth: truth, cases: Array(truth.indices)))
    }

    typealias Counts = (truePositives: Int, falsePositives: Int, falseNegatives: Int)

    /// The decisions `flagged` against `truth` over `cases` (indices; a resample repeats some).
    static func counts(flagged: [Bool], truth: [Bool], cases: [Int]) -> Counts {
        var counts: Counts = (0, 0, 0)
        for index in cases {
            if flagged[index] && truth[index] { counts.truePositives += 1 }
            else if flagged[index] { counts.falsePositives += 1 }
            else if truth[index] { counts.falseNegatives += 1 }
        }
        return counts
    }

    /// 2tp / (2tp + fp + fn); 1 when there is nothing to find and nothing is flagged.
    static func f1(_ c: Counts) -> Double {
        c.truePositives == 0 ? (c.falsePositives + c.falseNegatives == 0 ? 1 : 0)
            : 2 * Double(c.truePositives) / Double(2 * c.truePositives + c.falsePositives + c.falseNegatives)
    }
}
