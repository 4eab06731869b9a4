/// Camera view relative to the running direction.
public enum CameraView: String, Codable, Sendable {
    /// Camera perpendicular to the running direction (within ~20°).
    case side
    /// Camera 20-60° off the side view.
    case oblique
    /// Runner coming towards the camera.
    case frontal
    /// Runner moving away from the camera.
    case rear
    case unknown
}

/// Direction the runner faces in the image.
public enum RunningDirection: String, Codable, Sendable {
    case leftToRight, rightToLeft, towardCamera, awayFromCamera, unknown
}

/// Where the run happens, as seen from the pose.
public enum RunEnvironment: String, Codable, Sendable {
    /// The runner stays in place in the image while the stance foot slides backward.
    case treadmill
    /// The runner moves through the image (static camera) over a fixed ground.
    case overground
    case unknown
}

/// What the analysis learned about the recording itself, and whether it suits a gait analysis.
public struct CaptureSummary: Codable, Equatable, Sendable {
    public var view: CameraView
    /// Estimated angle between the camera axis and the perpendicular to the running direction,
    /// degrees (0 = pure side view).
    public var viewAngleDegrees: Double?
    public var direction: RunningDirection
    public var environment: RunEnvironment
    /// Image pixels per metre at the runner.
    public var pixelsPerMeter: Double?
    /// How the scale was set: "runner height" (given) or "body proportions" (assumed height).
    public var scaleSource: String?
    /// Relative uncertainty of the scale (0.05 = ±5%).
    public var scaleRelativeUncertainty: Double?
    /// Median frame rate measured from the timestamps, frames per second.
    public var measuredFPS: Double
    /// Event timing uncertainty from the frame rate alone (half a frame), milliseconds.
    public var frameTimingUncertaintyMs: Double
    /// Runner height in the image as a fraction of the image height (median over frames).
    public var runnerHeightFraction: Double?
    /// Share of frames with a person, 0-1.
    public var personCoverage: Double
    /// Plain-language remarks about the capture (frame rate adequacy, size, view...).
    public var remarks: [String]
    /// What the video file itself said, when the poses were extracted from a video (absent for
    /// pose files; an optional key, so reports without it still read).
    public var video: VideoCaptureFacts?

    public init(
        view: CameraView, viewAngleDegrees: Double?, direction: RunningDirection, environment: RunEnvironment,
        pixelsPerMeter: Double?, scaleSource: String?, scaleRelativeUncertainty: Double?,
        measuredFPS: Double, frameTimingUncertaintyMs: Double, runnerHeightFraction: Double?,
        personCoverage: Double, remarks: [String]
    ) {
        self.view = view
        self.viewAngleDegrees = viewAngleDegrees
        self.direction = direction
        self.environment = environment
        self.pixelsPerMeter = pixelsPerMeter
        self.scaleSource = scaleSource
        self.scaleRelativeUncertainty = scaleRelativeUncertainty
        self.measuredFPS = measuredFPS
        self.frameTimingUncertaintyMs = frameTimingUncertaintyMs
        self.runnerHeightFraction = runnerHeightFraction
        self.personCoverage = personCoverage
        self.remarks = remarks
    }
}

/// Facts about a video the poses were extracted from: container properties and how the runner was
/// picked when several people were in view.
public struct VideoCaptureFacts: Codable, Equatable, Sendable {
    /// Codec of the video stream, e.g. "h264".
    public var codec: String
    /// Frame size as stored, pixels, before rotation.
    public var codedWidth: Int
    public var codedHeight: Int
    /// Clockwise rotation applied for display, degrees (0, 90, 180, 270): phones filming in
    /// portrait store 90 or 270.
    public var rotationDegrees: Int
    /// Frame rate the container declares, frames per second.
    public var nominalFPS: Double
    /// True when the frame intervals vary (more than 10% off the median): every time in the report
    /// is then the frame's own timestamp, not index / fps.
    public var variableFrameRate: Bool
    /// Number of different people tracked over the clip (1 when only the runner was seen).
    public var peopleTracked: Int
    /// How the runner was chosen when several people were in view, in words; `nil` for one person.
    public var runnerSelection: String?
    /// The pose estimator, e.g. "MediaPipe PoseLandmarker (BlazePose full), video mode".
    public var poseEstimator: String

    public init(
        codec: String, codedWidth: Int, codedHeight: Int, rotationDegrees: Int, nominalFPS: Double,
        variableFrameRate: Bool, peopleTracked: Int, runnerSelection: String?, poseEstimator: String
    ) {
        self.codec = codec
        self.codedWidth = codedWidth
        self.codedHeight = codedHeight
        self.rotationDegrees = rotationDegrees
        self.nominalFPS = nominalFPS
        self.variableFrameRate = variableFrameRate
        self.peopleTracked = peopleTracked
        self.runnerSelection = runnerSelection
        self.poseEstimator = poseEstimator
    }
}
