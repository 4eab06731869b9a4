/// What `VideoProbe` learned about a video before decoding it.
public struct VideoInfo: Sendable, Equatable, Codable {
    public var path: String
    /// Codec of the video stream, e.g. "h264".
    public var codec: String
    /// Stored frame size in pixels, before rotation.
    public var codedWidth: Int
    public var codedHeight: Int
    /// Clockwise rotation to apply for display (0, 90, 180 or 270 degrees), from the container's
    /// display matrix or `rotate` tag. Phones filming in portrait store 90 or 270.
    public var rotationDegrees: Int
    /// Frame rate the container declares, frames per second.
    public var nominalFPS: Double
    /// Number of video packets (≈ frames) in the stream.
    public var frameCount: Int
    /// Duration of the video stream, seconds.
    public var durationSeconds: Double
    /// Median interval between consecutive frame timestamps, seconds.
    public var medianFrameIntervalSeconds: Double
    /// True when frame intervals differ by more than 10% of the median (variable frame rate, or
    /// dropped frames).
    public var isVariableFrameRate: Bool
    /// Start time of the video stream on the container's clock, seconds (usually 0).
    public var startTimeSeconds: Double
    /// Presentation times of the video packets in display order, seconds on the container's
    /// clock: where the decoder may start a segment.
    public var packetTimesSeconds: [Double]

    /// Frame size after rotation: what the decoder delivers and the poses refer to.
    public var displayWidth: Int { rotationDegrees % 180 == 0 ? codedWidth : codedHeight }
    public var displayHeight: Int { rotationDegrees % 180 == 0 ? codedHeight : codedWidth }
}
