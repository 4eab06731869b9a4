/// The part of an overground clip where the runner actually travels.
///
/// A clip may hold more than the run: a sprinter crouched in the blocks for five seconds, a runner
/// standing before setting off. Their planted feet would look like one endless contact. The bout
/// is the longest stretch where the pelvis moves faster than half a leg length per second
/// (horizontal speed low-passed at 1 Hz), widened by 0.3 s on each side so the first landing's
/// approach is kept. Treadmill clips (the pelvis stays put) have no bout to cut.
enum RunningBout {
    /// Travel slower than this, in leg lengths per second, counts as standing.
    static let minimumSpeedLegsPerSecond = 0.5

    /// The bout's time span, or `nil` when the runner does not travel (treadmill) or no stretch
    /// is fast enough.
    static func span(pose: CleanedPose, legLengthPixels: Double) -> ClosedRange<Double>? {
        let x = (0..<pose.count).map { pose.pelvis($0)?.x }
        let filled = GapFilling.interpolate(x, times: pose.times, maxGap: pose.count)
        guard let known = GapFilling.knownRuns(filled).max(by: { $0.count < $1.count }), known.count >= 8 else { return nil }
        let positions = known.map { filled[$0]! }
        let smooth = ButterworthLowPass.filtfilt(positions, cutoffHz: 1, sampleRateHz: 1 / pose.interval)
        var moving: [Bool] = smooth.indices.map { i in
            let a = smooth[max(0, i - 1)], b = smooth[min(smooth.count - 1, i + 1)]
            let span = Double(min(smooth.count - 1, i + 1) - max(0, i - 1)) * pose.interval
            return abs(b - a) / span > minimumSpeedLegsPerSecond * legLengthPixels
        }
        moving.append(false)
        var best: Range<Int>?
        var start: Int?
        for (i, isMoving) in moving.enumerated() {
            if isMoving, start == nil { start = i }
            if !isMoving, let s = start {
                if best == nil || i - s > best!.count { best = s..<i }
                start = nil
            }
        }
        guard let best, !best.isEmpty else { return nil }
        let first = pose.times[known.lowerBound + best.lowerBound] - 0.3
        let last = pose.times[known.lowerBound + best.upperBound - 1] + 0.3
        return first...last
    }
}
