/// The pose sequence made ready for measurement: on a uniform time grid, in sagittal coordinates
/// (pixels, x forward in the direction of travel, y up), with unreliable landmarks removed, short
/// gaps filled and a zero-lag low-pass applied.
///
/// Two versions of each trajectory are kept: `raw` (gaps filled, not filtered) for the event
/// detector's local fits, whose sharp corners a filter would round off, and `smooth` for angles and
/// positions.
public struct CleanedPose: Sendable {
    /// Grid times, seconds (uniform).
    public let times: [Double]
    /// Sample interval, seconds.
    public let interval: Double
    /// Low-pass cutoff used for `smooth`, Hz.
    public let cutoffHz: Double
    /// Per landmark (BlazePose index), per grid sample.
    public let rawX: [[Double?]], rawY: [[Double?]]
    public let smoothX: [[Double?]], smoothY: [[Double?]]
    /// True where the value was measured (visible enough) rather than interpolated or missing.
    public let measured: [[Bool]]
    /// Visibility per landmark and sample (0 where missing).
    public let visibility: [[Double]]

    /// Frame-rate-relative cutoff: 12 Hz (the usual cutoff for running kinematics, Winter 2009) or
    /// 30% of the sample rate, whichever is lower, so that 25-30 fps clips keep a margin below the
    /// Nyquist frequency.
    public static func cutoff(sampleRateHz: Double) -> Double { min(12, 0.3 * sampleRateHz) }

    /// Landmarks below this visibility are treated as not measured.
    public static let minimumVisibility = 0.35
    /// Longest gap filled by interpolation, seconds.
    public static let maximumGapSeconds = 0.25

    /// Cleans `sequence`; `forwardSign` is +1 when the runner travels towards image +x, −1 otherwise;
    /// `horizontalStretch` undoes the foreshortening of an oblique view (1 / cos of the view angle).
    init(sequence: PoseSequence, forwardSign: Double, horizontalStretch: Double = 1) {
        let frameTimes = sequence.frames.map(\.time)
        let grid = UniformResampler(frameTimes: frameTimes)
        times = grid.times
        interval = grid.interval
        let rate = 1 / grid.interval
        cutoffHz = Self.cutoff(sampleRateHz: rate)
        let maxGap = Int((Self.maximumGapSeconds / grid.interval).rounded())
        let width = Double(sequence.width), height = Double(sequence.height)
        var rawX: [[Double?]] = [], rawY: [[Double?]] = [], smoothX: [[Double?]] = [], smoothY: [[Double?]] = []
        var measured: [[Bool]] = [], visibility: [[Double]] = []
        for point in BlazePoseLandmark.allCases {
            var xs: [Double?] = [], ys: [Double?] = [], vs: [Double?] = []
            for frame in sequence.frames {
                if let l = frame[point], l.visibility >= Self.minimumVisibility {
                    xs.append(forwardSign * horizontalStretch * l.x * width)
                    ys.append(-l.y * height)
                    vs.append(l.visibility)
                } else {
                    xs.append(nil); ys.append(nil); vs.append(nil)
                }
            }
            let gx = grid.resample(xs, at: frameTimes), gy = grid.resample(ys, at: frameTimes)
            measured.append(gx.map { $0 != nil })
            visibility.append(grid.resample(vs, at: frameTimes).map { $0 ?? 0 })
            let fx = GapFilling.interpolate(gx, times: grid.times, maxGap: maxGap)
            let fy = GapFilling.interpolate(gy, times: grid.times, maxGap: maxGap)
            rawX.append(fx)
            rawY.append(fy)
            smoothX.append(GapFilling.filterRuns(fx, cutoffHz: cutoffHz, sampleRateHz: rate))
            smoothY.append(GapFilling.filterRuns(fy, cutoffHz: cutoffHz, sampleRateHz: rate))
        }
        self.rawX = rawX
        self.rawY = rawY
        self.smoothX = smoothX
        self.smoothY = smoothY
        self.measured = measured
        self.visibility = visibility
    }

    /// Number of grid samples.
    public var count: Int { times.count }

    /// The smoothed sagittal position of `point` at sample `index`.
    public func point(_ point: BlazePoseLandmark, _ index: Int) -> SagittalPoint? {
        guard let x = smoothX[point.rawValue][index], let y = smoothY[point.rawValue][index] else { return nil }
        return SagittalPoint(x: x, y: y)
    }

    /// The smoothed position of `point` at `time` (seconds), linearly interpolated between samples.
    public func point(_ point: BlazePoseLandmark, at time: Double) -> SagittalPoint? {
        let position = (time - times[0]) / interval
        let i = Int(position.rounded(.down))
        guard i >= 0, i < count else { return nil }
        guard i + 1 < count else { return self.point(point, i) }
        guard let a = self.point(point, i), let b = self.point(point, i + 1) else { return nil }
        let w = position - Double(i)
        return SagittalPoint(x: a.x + w * (b.x - a.x), y: a.y + w * (b.y - a.y))
    }

    /// Midpoint of the two hips at sample `index`.
    public func pelvis(_ index: Int) -> SagittalPoint? {
        guard let l = point(.leftHip, index), let r = point(.rightHip, index) else { return nil }
        return l.midpoint(r)
    }

    /// Sample index nearest to `time`, clamped to the grid.
    public func index(nearest time: Double) -> Int {
        min(max(Int(((time - times[0]) / interval).rounded()), 0), count - 1)
    }
}
