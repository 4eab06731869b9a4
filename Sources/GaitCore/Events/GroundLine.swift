/// The image line a foot landmark rests on while the foot is on the ground: y = a + b·x in the
/// cleaned sagittal pixel coordinates (y up).
///
/// It is fitted to the landmark's resting points (samples that are the lowest within ±0.15 s, i.e.
/// where the foot sits during stance), with two rounds of outlier trimming. Per landmark and per
/// side, because the heel and toe landmarks rest at different heights above the sole and the far
/// foot rests higher in the image than the near one. A slope is fitted only when the resting
/// points spread over more than half a leg length horizontally (overground, camera roll);
/// otherwise the line is flat.
struct GroundLine: Sendable {
    var intercept: Double
    var slope: Double

    /// Height of (x, y) above the line, pixels.
    func height(x: Double, y: Double) -> Double { y - (intercept + slope * x) }

    init?(x: [Double?], y: [Double?], halfWindow: Int, legLengthPixels: Double) {
        var points: [(x: Double, y: Double)] = []
        for i in y.indices {
            guard let yi = y[i], let xi = x[i] else { continue }
            var isLowest = true
            for j in max(0, i - halfWindow)...min(y.count - 1, i + halfWindow) where j != i {
                if let yj = y[j], yj < yi { isLowest = false; break }
            }
            if isLowest { points.append((xi, yi)) }
        }
        guard points.count >= 2 else { return nil }
        var kept = points
        var line = Self.fit(kept, allowSlope: false, legLengthPixels: legLengthPixels)
        for _ in 0..<2 {
            let residuals = kept.map { abs($0.y - (line.intercept + line.slope * $0.x)) }
            let limit = max(3 * (Statistics.median(residuals) ?? 0) * 1.4826, 0.01 * legLengthPixels)
            let trimmed = kept.filter { abs($0.y - (line.intercept + line.slope * $0.x)) <= limit }
            guard trimmed.count >= 2 else { break }
            kept = trimmed
            line = Self.fit(kept, allowSlope: true, legLengthPixels: legLengthPixels)
        }
        self = line
    }

    private init(intercept: Double, slope: Double) {
        self.intercept = intercept
        self.slope = slope
    }

    private static func fit(_ points: [(x: Double, y: Double)], allowSlope: Bool, legLengthPixels: Double) -> GroundLine {
        let xs = points.map(\.x), ys = points.map(\.y)
        let spread = (xs.max() ?? 0) - (xs.min() ?? 0)
        guard allowSlope, spread > 0.5 * legLengthPixels, let mx = Statistics.mean(xs), let my = Statistics.mean(ys) else {
            return GroundLine(intercept: Statistics.median(ys) ?? 0, slope: 0)
        }
        var sxy = 0.0, sxx = 0.0
        for p in points {
            sxy += (p.x - mx) * (p.y - my)
            sxx += (p.x - mx) * (p.x - mx)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return GroundLine(intercept: my - slope * mx, slope: slope)
    }
}
