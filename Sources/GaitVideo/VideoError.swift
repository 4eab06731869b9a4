import GaitCore

/// Everything that can go wrong in `GaitVideo`, with messages that say what happened and what to do.
public enum VideoError: UserFacingError, Equatable {
    /// The video path does not exist.
    case fileNotFound(path: String)
    /// ffprobe found no video stream in the file (a text file, an audio file, an image...).
    case notAVideo(path: String, detail: String)
    /// The file is a video container but its content cannot be decoded (damaged or truncated).
    case corruptVideo(path: String, detail: String)
    /// The video decodes to zero frames.
    case noFrames(path: String)
    /// No person was found in any frame.
    case noPerson(path: String, frameCount: Int)
    /// The runner covers too little of the image for reliable landmarks.
    case runnerTooSmall(path: String, heightFraction: Double)
    /// The runner is filmed from the front or the back, where these metrics cannot be measured.
    case notSideView(path: String, view: String)
    /// A program the video path needs (ffmpeg, ffprobe) is not installed.
    case toolMissing(name: String)
    /// The model directory lacks a file.
    case modelsMissing(directory: String, file: String)
    /// A model file is present but not the expected one (wrong size or checksum).
    case modelsDamaged(directory: String, file: String, reason: String)
    /// A `.tflite` model cannot be read or patched.
    case malformedModel(name: String, problem: String)
    /// The MediaPipe runtime library cannot be loaded.
    case runtimeUnavailable(path: String, reason: String)
    /// MediaPipe reported an error.
    case poseEstimationFailed(reason: String)
    /// A video or model file could not be written.
    case writeFailed(path: String, reason: String)

    /// Below this standing height (fraction of the image height) landmarks are too coarse to
    /// measure a gait: at 720p, a runner under 108 pixels tall. (BlazePose's detector itself rarely
    /// finds people under ~25% of the frame height; those videos end in `noPerson`.)
    public static let minimumRunnerHeightFraction = 0.15

    /// The command that installs the models and tools.
    public static let setupCommand = "scripts/setup.sh"

    public var isUsageError: Bool {
        if case .fileNotFound = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file or directory"
        case .notAVideo(let path, let detail):
            return "\(path): not a video file this tool can read (\(detail)). Give an .mp4, .mov or other video file, "
                + "or a pose file"
        case .corruptVideo(let path, let detail):
            return "\(path): the video is damaged or truncated and cannot be decoded (\(detail)). "
                + "Copy the original file from the camera again"
        case .noFrames(let path):
            return "\(path): the video holds no frames (an empty file, or a recording that was never finished); "
                + "record the run again"
        case .noPerson(let path, let frameCount):
            return "\(path): no person found in any of its \(frameCount) frames. Film the runner from the side, "
                + "whole body in view and filling at least a third of the frame height, in good light"
        case .runnerTooSmall(let path, let heightFraction):
            return "\(path): the runner is too small in the image (about \(Int((heightFraction * 100).rounded()))% of "
                + "the image height; at least \(Int(Self.minimumRunnerHeightFraction * 100))% is needed). Move the camera "
                + "closer or zoom in so the runner fills at least a third of the frame height"
        case .notSideView(let path, let view):
            return "\(path): the runner is filmed from the \(view); contact times, overstride and joint angles need "
                + "a side view. Film perpendicular to the running direction"
        case .toolMissing(let name):
            return "\(name) is not installed; run \(Self.setupCommand) (it installs ffmpeg from Debian)"
        case .modelsMissing(let directory, let file):
            return "the pose models are not installed (\(directory)/\(file) is missing); run \(Self.setupCommand) "
                + "once with network access, or point --models / RUNCOACH_MODELS at a model directory"
        case .modelsDamaged(let directory, let file, let reason):
            return "the pose model file \(directory)/\(file) is damaged (\(reason)); delete \(directory) and run "
                + "\(Self.setupCommand) again"
        case .malformedModel(let name, let problem):
            return "\(name): not a usable TFLite model (\(problem))"
        case .runtimeUnavailable(let path, let reason):
            return "the MediaPipe runtime \(path) cannot be loaded (\(reason)); run \(Self.setupCommand) "
                + "(it installs libegl1 and libgles2, which the runtime needs)"
        case .poseEstimationFailed(let reason):
            return "pose estimation failed: \(reason)"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write the file (\(reason))"
        }
    }
}
