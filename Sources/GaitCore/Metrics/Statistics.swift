/// Small descriptive statistics used by the metrics.
public enum Statistics {
    /// Arithmetic mean, `nil` for no values.
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Sample standard deviation (n − 1), `nil` for fewer than two values.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2, let m = mean(values) else { return nil }
        let sumSquares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (sumSquares / Double(values.count - 1)).squareRoot()
    }

    /// The `q`-quantile (0…1) by linear interpolation between order statistics.
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let w = position - Double(lower)
        return sorted[lower] * (1 - w) + sorted[upper] * w
    }

    /// The median.
    public static func median(_ values: [Double]) -> Double? { quantile(values, 0.5) }
}
