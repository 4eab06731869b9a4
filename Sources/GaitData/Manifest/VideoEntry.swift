/// Which annotation export a video's labels were imported from.
public struct AnnotationSource: Codable, Sendable, Equatable {
    /// `cvat` or `label-studio`.
    public var tool: String
    /// The export file, relative to the dataset folder.
    public var file: String
    /// The task inside the export (CVAT task id or Label Studio task id).
    public var task: String?

    public init(tool: String, file: String, task: String?) {
        self.tool = tool
        self.file = file
        self.task = task
    }
}

/// One video of a dataset with everything known about it (see `docs/datasets.md`).
///
/// Paths are relative to the dataset folder (absolute paths are kept as given). Optional facts
/// that are missing are reported by `dataset validate` as gaps in diversity coverage.
public struct VideoEntry: Codable, Sendable, Equatable {
    /// Unique within the dataset; also names the video's label and pose files.
    public var id: String
    /// The video file.
    public var video: String
    /// SHA-256 of the video file when it was added (the pose cache keys on the current content).
    public var sha256: String?
    /// The file name the video had when it was added (annotation tasks name videos by it).
    public var sourceName: String?
    /// Identifies the person running: splits never put one runner in two parts.
    public var runner: String
    public var sex: RunnerSex?
    /// E.g. "18-29", "30-39", "40-49", "50-59", "60+".
    public var ageGroup: String?
    /// Free text, e.g. "slim", "average", "muscular", "heavy".
    public var bodyType: String?
    /// Pace category, e.g. "easy", "moderate", "tempo", "fast", "sprint".
    public var pace: String?
    /// Running speed in metres per second, when measured (treadmill setting, GPS).
    public var speedMetersPerSecond: Double?
    public var environment: RunningEnvironment?
    public var cameraAngle: CameraAngle?
    /// Angle between the camera axis and the perpendicular to the running direction, degrees
    /// (0 = pure side view), when measured.
    public var cameraAngleDegrees: Double?
    /// False when the camera was hand-held or panning.
    public var cameraStable: Bool?
    /// E.g. "daylight", "overcast", "indoor", "dusk", "night".
    public var lighting: String?
    /// E.g. "clear", "cloudy", "rain", "snow", "wind", "indoor".
    public var weather: String?
    /// Measured from the file (ffprobe) or given by hand.
    public var facts: VideoFacts?
    /// The `runcoach-labels` file, when the video is annotated.
    public var labels: String?
    public var annotation: AnnotationSource?
    /// Licence of the video (e.g. "BSD-3-Clause", "GPL-3.0", "CC BY 4.0", "own").
    public var license: String?
    public var notes: String?

    public init(id: String, video: String, runner: String) {
        self.id = id
        self.video = video
        self.runner = runner
    }

    /// The value of a diversity axis by name (`pace`, `cameraAngle`, `environment`, `lighting`,
    /// `weather`, `sex`, `ageGroup`, `bodyType`, `runner`), or `nil` when not recorded.
    public func value(of axis: String) -> String? {
        switch axis {
        case "runner": return runner
        case "sex": return sex?.rawValue
        case "ageGroup": return ageGroup
        case "bodyType": return bodyType
        case "pace": return pace
        case "environment": return environment?.rawValue
        case "cameraAngle": return cameraAngle?.rawValue
        case "lighting": return lighting
        case "weather": return weather
        default: return nil
        }
    }

    /// The axes `value(of:)` knows, in report order.
    public static let diversityAxes = ["runner", "sex", "ageGroup", "bodyType", "pace", "environment", "cameraAngle", "lighting", "weather"]
}
