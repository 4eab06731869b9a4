/// The image line a foot landmark rests on while the foot is on the ground: y = a + b·x in the
/// cleaned sagittal pixel coordinates (y up).
///
/// A planted foot moves along a straight line on the ground (it stays put overground and slides
/// back with a treadmill belt), and a straight 3D line stays straight in any perspective image,
/// so the resting samples form a straight band at the bottom of the landmark's (x, y) cloud, even
/// in an oblique view where the belt runs away from the camera. The line is found as that band:
/// for each candidate slope b (|b| ≤ 0.4), residuals r = y − b·x are taken from their 2nd
/// percentile, and the slope whose band [r₂, r₂ + tolerance] holds the most samples wins; the
/// intercept is then the median residual of the samples in the band. Fitted per landmark and per
/// side, because the heel and toe landmarks rest at different heights above the sole and the far
/// foot rests higher in the image than the near one.
struct GroundLine: Sendable {
    var intercept: Double
    var slope: Double

    /// Height of (x, y) above the line, pixels.
    func height(x: Double, y: Double) -> Double { y - (intercept + slope * x) }

    /// Fits the line to the samples (`nil`s skipped); `tolerance` is the band's height in pixels.
    init?(x: [Double?], y: [Double?], tolerance: Double) {
        var xs: [Double] = [], ys: [Double] = []
        for (xi, yi) in zip(x, y) {
            if let xi, let yi { xs.append(xi); ys.append(yi) }
        }
        guard xs.count >= 8, tolerance > 0 else { return nil }
        // The slope search looks at no more than 4000 evenly spread samples: enough to find the
        // band, and a long clip costs no more than a 1-minute one.
        let strideLength = max(1, xs.count / 4000)
        let sample = Swift.stride(from: 0, to: xs.count, by: strideLength).map { (xs[$0], ys[$0]) }
        var best: (count: Int, slope: Double, floor: Double) = (-1, 0, 0)
        var residuals = [Double](repeating: 0, count: sample.count)
        for step in -80...80 {
            let slope = Double(step) * 0.005
            for i in sample.indices { residuals[i] = sample[i].1 - slope * sample[i].0 }
            guard let floor = Statistics.quantile(residuals, 0.02) else { continue }
            let count = residuals.reduce(0) { $0 + ($1 - floor <= tolerance ? 1 : 0) }
            // Prefer the flattest line among equals: ties go to the slope nearest zero.
            if count > best.count || (count == best.count && abs(slope) < abs(best.slope)) {
                best = (count, slope, floor)
            }
        }
        let floor = Statistics.quantile(xs.indices.map { ys[$0] - best.slope * xs[$0] }, 0.02) ?? best.floor
        let band = xs.indices.map { ys[$0] - best.slope * xs[$0] }.filter { $0 - floor <= tolerance }
        slope = best.slope
        intercept = Statistics.median(band) ?? floor
    }
}
