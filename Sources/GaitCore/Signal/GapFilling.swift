/// Fills missing samples of a signal.
public enum GapFilling {
    /// Linearly interpolates runs of `nil` no longer than `maxGap` samples that have a known value on
    /// both sides, using the sample `times` (seconds) for the weights. Longer gaps and gaps at the
    /// ends stay `nil`.
    public static func interpolate(_ values: [Double?], times: [Double], maxGap: Int) -> [Double?] {
        precondition(values.count == times.count, "one time per value")
        var result = values
        var index = 0
        while index < values.count {
            guard values[index] == nil else {
                index += 1
                continue
            }
            let start = index
            while index < values.count, values[index] == nil { index += 1 }
            let length = index - start
            guard start > 0, index < values.count, length <= maxGap,
                let before = values[start - 1], let after = values[index]
            else { continue }
            let t0 = times[start - 1]
            let span = times[index] - t0
            for k in start..<index {
                let w = span > 0 ? (times[k] - t0) / span : 0.5
                result[k] = before + w * (after - before)
            }
        }
        return result
    }

    /// Splits `values` into maximal runs of known samples: the half-open index ranges where every
    /// value is non-`nil`.
    public static func knownRuns(_ values: [Double?]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, value) in values.enumerated() {
            if value != nil {
                if start == nil { start = i }
            } else if let s = start {
                runs.append(s..<i)
                start = nil
            }
        }
        if let s = start { runs.append(s..<values.count) }
        return runs
    }

    /// Low-pass filters each known run of at least `minimumRun` samples with a zero-lag Butterworth
    /// filter; shorter runs are left as they are and `nil` stays `nil`.
    public static func filterRuns(
        _ values: [Double?], cutoffHz: Double, sampleRateHz: Double, minimumRun: Int = 8
    ) -> [Double?] {
        var result = values
        for run in knownRuns(values) where run.count >= minimumRun {
            let filtered = ButterworthLowPass.filtfilt(
                run.map { values[$0]! }, cutoffHz: cutoffHz, sampleRateHz: sampleRateHz)
            for (offset, i) in run.enumerated() { result[i] = filtered[offset] }
        }
        return result
    }
}
