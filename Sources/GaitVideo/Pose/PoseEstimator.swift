import GaitCore

/// One decoded video frame: packed 8-bit RGB (3 bytes per pixel, rows top to bottom, no padding).
public struct RGBFrame: Sendable {
    /// 0-based position of the frame in its decoder's output.
    public var index: Int
    /// Presentation time of the frame on the video's own clock, seconds.
    public var timeSeconds: Double
    public var width: Int
    public var height: Int
    /// `width × height × 3` bytes.
    public var pixels: [UInt8]

    public init(index: Int, timeSeconds: Double, width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "an RGB frame holds width × height × 3 bytes")
        self.index = index
        self.timeSeconds = timeSeconds
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// The 33 BlazePose landmarks of one person found in one frame, in image-normalised coordinates
/// (x, y in [0, 1] of the width and height, z relative depth, visibility in [0, 1]).
public struct DetectedPose: Sendable, Equatable {
    /// Exactly `BlazePoseLandmark.count` landmarks in BlazePose order.
    public var landmarks: [Landmark]

    public init(landmarks: [Landmark]) {
        precondition(landmarks.count == BlazePoseLandmark.count)
        self.landmarks = landmarks
    }
}

/// Finds people's body landmarks in the frames of one video, in order.
///
/// An estimator is stateful (video mode tracks people from frame to frame): feed it the frames of
/// one video in time order, from one thread at a time.
public protocol PoseEstimator: AnyObject {
    /// Every person found in `frame` (possibly none). `timestampMilliseconds` must strictly increase
    /// from call to call.
    func estimate(_ frame: RGBFrame, timestampMilliseconds: Int64) throws -> [DetectedPose]
}
