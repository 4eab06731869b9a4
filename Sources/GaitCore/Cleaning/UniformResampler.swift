/// Puts a pose sequence on a uniform time grid so filters and event detectors can assume a
/// constant sample interval.
///
/// The grid step is the median frame interval. A grid time between two frames no more than 1.6
/// intervals apart is linearly interpolated; a grid time inside a longer hole (dropped frames) is
/// left unmeasured and filled later only if the hole is short.
struct UniformResampler {
    /// Grid times, seconds.
    let times: [Double]
    /// Median interval between input frames, seconds.
    let interval: Double

    init(frameTimes: [Double]) {
        let intervals = zip(frameTimes.dropFirst(), frameTimes).map { $0 - $1 }
        let step = Statistics.median(intervals) ?? 1
        interval = step
        guard let first = frameTimes.first, let last = frameTimes.last, step > 0 else {
            times = frameTimes
            return
        }
        let count = Int(((last - first) / step + 1e-6).rounded(.down)) + 1
        times = (0..<count).map { first + Double($0) * step }
    }

    /// Resamples one signal given at `frameTimes` onto the grid.
    func resample(_ values: [Double?], at frameTimes: [Double]) -> [Double?] {
        var result = [Double?](repeating: nil, count: times.count)
        var j = 0
        for (i, t) in times.enumerated() {
            while j + 1 < frameTimes.count, frameTimes[j + 1] < t - 1e-9 { j += 1 }
            if abs(frameTimes[j] - t) < 1e-9 {
                result[i] = values[j]
                continue
            }
            guard j + 1 < frameTimes.count, frameTimes[j] <= t else { continue }
            let (t0, t1) = (frameTimes[j], frameTimes[j + 1])
            guard t1 - t0 <= 1.6 * interval, let a = values[j], let b = values[j + 1] else { continue }
            let w = (t - t0) / (t1 - t0)
            result[i] = a + w * (b - a)
        }
        return result
    }
}
