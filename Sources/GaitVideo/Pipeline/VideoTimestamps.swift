/// Turns a video's frame times into the strictly increasing millisecond timestamps MediaPipe's
/// video mode requires.
public struct VideoTimestamps: Sendable {
    private var firstTimeSeconds: Double?
    private var lastMilliseconds: Int64 = -1

    public init() {}

    /// The timestamp for a frame at `timeSeconds`: milliseconds since the first frame, rounded,
    /// and at least one more than the previous timestamp (two frames closer than 1 ms apart, as a
    /// broken variable-frame-rate file can hold, still get distinct timestamps).
    public mutating func milliseconds(forFrameAt timeSeconds: Double) -> Int64 {
        let first = firstTimeSeconds ?? timeSeconds
        firstTimeSeconds = first
        let value = max(Int64(((timeSeconds - first) * 1000).rounded()), lastMilliseconds + 1)
        lastMilliseconds = value
        return value
    }
}
