import Foundation

/// Expected calibration error and the reliability diagram behind it (Guo et al., "On Calibration
/// of Modern Neural Networks", ICML 2017): predictions binned by confidence into equal-width bins;
/// ECE = Σ_bins (n_bin / n) · |accuracy_bin − mean confidence_bin|.
public struct Calibration: Codable, Equatable, Sendable {
    public struct Bin: Codable, Equatable, Sendable {
        public var lower: Double, upper: Double
        public var count: Int
        public var meanConfidence: Double
        /// Mean outcome (fraction correct) in the bin.
        public var accuracy: Double
    }

    public var bins: [Bin]
    public var expectedCalibrationError: Double

    /// `confidences` in [0, 1] against `outcomes` (1 right, 0 wrong; fractions allowed).
    public init(confidences: [Double], outcomes: [Double], binCount: Int = 15) {
        var sums = Array(repeating: (count: 0, confidence: 0.0, outcome: 0.0), count: binCount)
        for (c, o) in zip(confidences, outcomes) {
            let bin = min(binCount - 1, max(0, Int(c * Double(binCount))))
            sums[bin].count += 1
            sums[bin].confidence += c
            sums[bin].outcome += o
        }
        let total = Double(max(1, confidences.count))
        bins = sums.enumerated().map { index, sum in
            Bin(lower: Double(index) / Double(binCount), upper: Double(index + 1) / Double(binCount), count: sum.count,
                meanConfidence: sum.count == 0 ? 0 : sum.confidence / Double(sum.count),
                accuracy: sum.count == 0 ? 0 : sum.outcome / Double(sum.count))
        }
        expectedCalibrationError = bins.reduce(0) { $0 + Double($1.count) / total * abs($1.accuracy - $1.meanConfidence) }
    }

    /// A reliability diagram: accuracy per confidence bin as bars against the diagonal of perfect
    /// calibration, with the ECE in the title. Self-contained SVG, 360 × 360 pixels.
    public func svg(title: String) -> String {
        let frame = UnitSquarePlot()
        var bars: [String] = []
        for bin in bins where bin.count > 0 {
            let width = (bin.upper - bin.lower) * frame.plot
            bars.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7fb5\" stroke=\"white\"><title>%d predictions, confidence %.3f, accuracy %.3f</title></rect>",
                               frame.x(bin.lower), frame.y(bin.accuracy), width, bin.accuracy * frame.plot, bin.count, bin.meanConfidence, bin.accuracy))
        }
        bars.append("<line x1=\"\(frame.x(0))\" y1=\"\(frame.y(0))\" x2=\"\(frame.x(1))\" y2=\"\(frame.y(1))\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>")
        return frame.svg(title: title + " — ECE " + String(format: "%.3f", expectedCalibrationError), xLabel: "confidence", yLabel: "accuracy",
                         content: bars)
    }
}

/// Temperature scaling (Guo et al. 2017): one scalar T > 0 dividing the logits, chosen to minimise
/// the negative log-likelihood on validation data; it changes confidences, never the argmax.
public enum TemperatureScaling {
    /// The T in [0.05, 20] minimising `negativeLogLikelihood(T)`, by golden-section search on log T.
    public static func fit(_ negativeLogLikelihood: (Double) -> Double) -> Double {
        var (low, high) = (log(0.05), log(20.0))
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var fa = negativeLogLikelihood(exp(a)), fb = negativeLogLikelihood(exp(b))
        for _ in 0..<60 {
            if fa < fb {
                high = b; b = a; fb = fa
                a = high - ratio * (high - low); fa = negativeLogLikelihood(exp(a))
            } else {
                low = a; a = b; fa = fb
                b = low + ratio * (high - low); fb = negativeLogLikelihood(exp(b))
            }
        }
        return exp((low + high) / 2)
    }

    /// Mean cross-entropy of `logits` (rows of `classes`) divided by `temperature` against `labels`
    /// (negative labels skipped).
    public static func phaseNLL(logits: [Float], labels: [Int], classes: Int, temperature: Double) -> Double {
        var total = 0.0, count = 0
        for (row, label) in labels.enumerated() where label >= 0 {
            let scaled = (0..<classes).map { Double(logits[row * classes + $0]) / temperature }
            let maximum = scaled.max()!
            let logSum = maximum + log(scaled.reduce(0) { $0 + exp($1 - maximum) })
            total += logSum - scaled[label]
            count += 1
        }
        return total / Double(max(count, 1))
    }

    /// Mean binary cross-entropy of sigmoid(logit / T) against outcomes in [0, 1].
    public static func binaryNLL(logits: [Float], outcomes: [Double], temperature: Double) -> Double {
        var total = 0.0
        for (logit, y) in zip(logits, outcomes) {
            let z = Double(logit) / temperature
            total += max(z, 0) - z * y + log1p(exp(-abs(z)))
        }
        return total / Double(max(logits.count, 1))
    }
}
