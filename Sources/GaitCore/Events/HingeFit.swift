/// Locates the instant a foot landmark lands on or leaves the ground, to a fraction of a frame.
///
/// Near touchdown a foot point's height above its resting line is a "hinge": it falls at a
/// steady speed, then stops. A real foot does not stop at once: the shoe's midsole and the soft
/// tissue compress for 10-25 ms after the sole touches (the force is already rising), so the point
/// decelerates over a short ramp of duration τ. The model, for a landing at t₁:
///
///     h(t) = c + s·(t₁ + τ/2 − t)         for t < t₁          (falling at speed s)
///     h(t) = c + s·(t₁ + τ − t)² / (2τ)   for t₁ ≤ t < t₁ + τ (decelerating)
///     h(t) = c                            for t ≥ t₁ + τ      (planted)
///
/// and its mirror image in time for a lift-off (planted until t₁, then accelerating upward).
/// τ = 0 is the sharp corner of a rigid foot. For every t₁ on a grid of 1/20 frame and every τ of
/// 0, 5, … 25 ms, (c, s) are fitted by linear least squares to the raw, unfiltered heights, and the
/// pair with the smallest residual wins; the contact event is t₁, the moment the foot meets (or
/// leaves) the ground, not the moment it has finished compressing. Fitting raw samples avoids the
/// smearing a low-pass filter adds at the corner; the grid gives sub-frame resolution.
///
/// This is the kinematic "foot contact from foot-marker motion" idea of Fellin et al. (J Sci Med
/// Sport 13:646, 2010), Maiwald et al. (Footwear Science 1:111, 2009) and Handsaker et al.
/// (J Biomech 49:4128, 2016), applied as a model fit rather than a fixed threshold, which would
/// bias the events by the threshold's height over the foot's vertical speed.
struct HingeFit: Sendable {
    enum Kind { case landing, liftOff }

    /// Ramp durations tried for a soft corner, seconds.
    static let softRamps: [Double] = [0, 0.005, 0.010, 0.015, 0.020, 0.025]

    /// The contact event: when the foot meets (landing) or leaves (lift-off) the ground, seconds.
    let time: Double
    /// Duration of the deceleration (acceleration) ramp, seconds.
    let rampSeconds: Double
    /// Height of the planted part above the resting line, pixels.
    let restingHeight: Double
    /// Vertical speed of the moving part, pixels per second (positive).
    let speed: Double
    /// Share of the height variance the model explains, 0-1.
    let explainedVariance: Double
    /// Residual standard deviation, pixels.
    let residualSD: Double

    /// Fits the model to the samples (`times`, `heights`) with t₁ within `searchRange`.
    /// `ramps` are the ramp durations τ to try (`[0]` for a sharp corner).
    init?(kind: Kind, times: [Double], heights: [Double], searchRange: ClosedRange<Double>, step: Double, ramps: [Double]) {
        guard times.count >= 4, step > 0 else { return nil }
        let n = Double(times.count)
        let meanH = heights.reduce(0, +) / n
        let totalVariance = heights.reduce(0) { $0 + ($1 - meanH) * ($1 - meanH) }
        var best: (sse: Double, t1: Double, tau: Double, c: Double, s: Double)?
        for tau in ramps {
            var t1 = searchRange.lowerBound
            while t1 <= searchRange.upperBound + 1e-12 {
                // Regressor g(t): distance travelled from the planted position per unit speed.
                func g(_ t: Double) -> Double {
                    let u = kind == .landing ? t1 - t : t - t1  // time before landing / after lift-off
                    if u > 0 { return u + tau / 2 }
                    if tau > 0, u > -tau { return (u + tau) * (u + tau) / (2 * tau) }
                    return 0
                }
                var su = 0.0, suu = 0.0, sh = 0.0, suh = 0.0
                for (t, h) in zip(times, heights) {
                    let u = g(t)
                    su += u; suu += u * u; sh += h; suh += u * h
                }
                let det = n * suu - su * su
                if det > 1e-12 {
                    let s = (n * suh - su * sh) / det
                    let c = (sh - s * su) / n
                    if s > 0 {
                        var sse = 0.0
                        for (t, h) in zip(times, heights) {
                            let r = h - c - s * g(t)
                            sse += r * r
                        }
                        if best == nil || sse < best!.sse { best = (sse, t1, tau, c, s) }
                    }
                }
                t1 += step
            }
        }
        guard let best else { return nil }
        time = best.t1
        rampSeconds = best.tau
        restingHeight = best.c
        speed = best.s
        explainedVariance = totalVariance > 0 ? max(0, 1 - best.sse / totalVariance) : 0
        residualSD = (best.sse / max(1, n - 4)).squareRoot()
    }
}
