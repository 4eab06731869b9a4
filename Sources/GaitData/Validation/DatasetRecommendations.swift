/// The recommended dataset size and capture set-up that `dataset validate` checks against (the
/// project's training guide; see `docs/datasets.md`).
public struct DatasetRecommendations: Codable, Equatable, Sendable {
    /// Minimum videos per split part.
    public var minimumVideos: [SplitPart: Int] = [.train: 500, .val: 100, .test: 50]
    /// Recommended clip length, seconds.
    public var minimumDurationSeconds = 10.0
    public var maximumDurationSeconds = 30.0
    /// Minimum frame height in pixels (1080p; the shorter side for portrait video).
    public var minimumShortSidePixels = 1080
    public var minimumFPS = 30.0
    /// Largest acceptable angle off the side view, degrees (oblique views up to 45°).
    public var maximumCameraAngleDegrees = 45.0
    /// Share of frames with a person that the pose coverage must reach.
    public var minimumPoseCoverage = 0.8
    /// Mean visibility of the leg landmarks (hips to toes) that pose estimation must reach.
    public var minimumLegVisibility = 0.6
    /// Smallest share of labelled frames any phase class should have.
    public var minimumPhaseShare = 0.05
    /// Distinct runners the dataset should have.
    public var minimumRunners = 50
    /// Values each diversity axis should cover at least.
    public var minimumValuesPerAxis: [String: Int] = [
        "sex": 2, "ageGroup": 3, "bodyType": 3, "pace": 3, "environment": 4, "cameraAngle": 2, "lighting": 2, "weather": 2,
    ]

    public init() {}
}
