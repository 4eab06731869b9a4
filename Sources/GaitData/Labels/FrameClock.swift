/// The time of each frame of a video, seconds on the video's own clock.
public struct FrameClock: Equatable, Sendable {
    /// Time of frame i, increasing.
    public let times: [Double]

    public init(times: [Double]) {
        self.times = times
    }

    /// A constant-rate clock: frame i at i / fps.
    public init(frameCount: Int, fps: Double) {
        precondition(fps > 0, "a frame rate is positive")
        times = (0..<max(0, frameCount)).map { Double($0) / fps }
    }

    public var frameCount: Int { times.count }
}
