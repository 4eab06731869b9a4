/// Checks that the force and marker clocks of a Fukuchi 2017 trial line up.
///
/// By Newton's second law the vertical ground-reaction force moves the body's centre of mass, so
/// the pelvis markers' vertical acceleration follows Fy with (nearly) no delay. Both signals are
/// low-passed at 10 Hz (zero lag), the force is taken at the marker instants (every second sample),
/// and the cross-correlation peak between −5 and +5 marker frames, refined by a parabola through
/// the three highest points, gives the delay. The pelvis is not the centre of mass and skin moves
/// over the bone, so a few milliseconds of delay are expected even with perfectly aligned clocks;
/// a clock offset of whole samples would show as a larger one.
enum Fukuchi2017ClockCheck {
    /// How long the pelvis's vertical acceleration lags the vertical force, seconds (negative: it
    /// leads), or `nil` when the pelvis cannot be followed or the correlation has no inner peak.
    static func markerLagSeconds(verticalForceNewtons force: [Double], running: MarkerTrajectories) -> Double? {
        let rate = Fukuchi2017.markerRateHz
        let pelvisHeights: [Double?] = (0..<running.frameCount).map { frame in
            let heights = Fukuchi2017Skeleton.pelvisMarkers.compactMap { running.positions[$0]?[frame]?.y }
            return heights.isEmpty ? nil : heights.reduce(0, +) / Double(heights.count)
        }
        let times = (0..<running.frameCount).map { Double($0) / rate }
        let filled = GapFilling.interpolate(pelvisHeights, times: times, maxGap: 15)
        guard filled.allSatisfy({ $0 != nil }), filled.count > 20 else { return nil }
        let height = ButterworthLowPass.filtfilt(filled.map { $0! }, cutoffHz: 10, sampleRateHz: rate)
        let acceleration = (1..<(height.count - 1)).map { (height[$0 + 1] - 2 * height[$0] + height[$0 - 1]) * rate * rate }
        let smoothForce = ButterworthLowPass.filtfilt(force, cutoffHz: 10, sampleRateHz: Fukuchi2017.forceRateHz)
        let forceAtFrames = (1..<(height.count - 1)).compactMap { 2 * $0 < smoothForce.count ? smoothForce[2 * $0] : nil }
        let n = min(acceleration.count, forceAtFrames.count)
        guard n > 20 else { return nil }
        let lags = Array(-5...5)
        let correlations = lags.map { lag in
            correlation(Array(acceleration[max(0, lag)..<(n + min(0, lag))]), Array(forceAtFrames[max(0, -lag)..<(n - max(0, lag))]))
        }
        let best = correlations.indices.max { correlations[$0] < correlations[$1] }!
        guard best > 0, best < lags.count - 1 else { return nil }
        let (a, b, c) = (correlations[best - 1], correlations[best], correlations[best + 1])
        let offset = 0.5 * (a - c) / (a - 2 * b + c)
        return (Double(lags[best]) + offset) / rate
    }

    /// Pearson correlation of two equally long series.
    private static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
