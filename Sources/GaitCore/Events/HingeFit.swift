/// Locates the instant a foot landmark lands on or leaves the ground, to a fraction of a frame.
///
/// Near touchdown a foot point's height above its resting line is a "hinge": it falls roughly
/// linearly and then stays flat; near lift-off it is flat and then rises. The corner time t₀ is
/// found by least squares: for each candidate t₀ on a grid of 1/20 frame the model
/// `h = c + s·max(0, t₀ − t)` (landing) or `h = c + s·max(0, t − t₀)` (lift-off) is fitted
/// linearly in (c, s) to the raw, unfiltered heights, and the t₀ with the smallest residual wins.
/// Fitting raw samples avoids the smearing a low-pass filter adds at the corner; the grid gives
/// sub-frame resolution. This is the kinematic "foot-contact by vertical position" idea of
/// Fellin et al. (J Sci Med Sport 13:646, 2010) and Handsaker et al. (J Biomech 49:4128, 2016)
/// applied to a piecewise-linear model rather than a fixed threshold, which would bias the events
/// by the threshold's height over the foot's vertical speed.
struct HingeFit: Sendable {
    enum Kind { case landing, liftOff }

    /// The corner time, seconds.
    let time: Double
    /// Height of the flat part above the resting line, pixels.
    let restingHeight: Double
    /// Vertical speed of the moving part, pixels per second (positive).
    let speed: Double
    /// Share of the height variance the hinge explains, 0-1.
    let explainedVariance: Double
    /// Residual standard deviation, pixels.
    let residualSD: Double

    /// Fits the hinge to the samples (`times`, `heights`) whose corner lies within `searchRange`.
    init?(kind: Kind, times: [Double], heights: [Double], searchRange: ClosedRange<Double>, step: Double) {
        guard times.count >= 4, step > 0 else { return nil }
        let n = Double(times.count)
        let meanH = heights.reduce(0, +) / n
        let totalVariance = heights.reduce(0) { $0 + ($1 - meanH) * ($1 - meanH) }
        var best: (sse: Double, t0: Double, c: Double, s: Double)?
        var t0 = searchRange.lowerBound
        while t0 <= searchRange.upperBound + 1e-12 {
            // Regressor u = max(0, t0 − t) for landing, max(0, t − t0) for lift-off.
            var su = 0.0, suu = 0.0, sh = 0.0, suh = 0.0
            for (t, h) in zip(times, heights) {
                let u = kind == .landing ? max(0, t0 - t) : max(0, t - t0)
                su += u; suu += u * u; sh += h; suh += u * h
            }
            let det = n * suu - su * su
            if det > 1e-12 {
                let s = (n * suh - su * sh) / det
                let c = (sh - s * su) / n
                if s > 0 {
                    var sse = 0.0
                    for (t, h) in zip(times, heights) {
                        let u = kind == .landing ? max(0, t0 - t) : max(0, t - t0)
                        let r = h - c - s * u
                        sse += r * r
                    }
                    if best == nil || sse < best!.sse { best = (sse, t0, c, s) }
                }
            }
            t0 += step
        }
        guard let best else { return nil }
        time = best.t0
        restingHeight = best.c
        speed = best.s
        explainedVariance = totalVariance > 0 ? max(0, 1 - best.sse / totalVariance) : 0
        residualSD = (best.sse / max(1, n - 3)).squareRoot()
    }
}
