/// Where the runner ran.
public enum RunningEnvironment: String, Codable, Sendable, CaseIterable {
    case treadmill, track, trail, road
}

/// Where the camera looked from, relative to the running direction.
public enum CameraAngle: String, Codable, Sendable, CaseIterable {
    /// Perpendicular to the running direction (within about 15°): the recommended view.
    case side
    /// 30-45° off the side view: acceptable.
    case oblique
    /// Facing the runner, or from behind: sagittal metrics cannot be measured.
    case frontal, rear
}

/// The runner's sex as recorded by the data collector.
public enum RunnerSex: String, Codable, Sendable, CaseIterable {
    case female, male, other, unknown
}

/// Facts about a video file measured with ffprobe (or given by hand when ffprobe is missing).
public struct VideoFacts: Codable, Sendable, Equatable {
    /// Frames per second (the stream's average rate).
    public var fps: Double
    /// Display size in pixels (after the container's rotation).
    public var width: Int
    public var height: Int
    public var durationSeconds: Double
    public var frameCount: Int

    public init(fps: Double, width: Int, height: Int, durationSeconds: Double, frameCount: Int) {
        self.fps = fps
        self.width = width
        self.height = height
        self.durationSeconds = durationSeconds
        self.frameCount = frameCount
    }
}
