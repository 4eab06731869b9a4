/// The systematic uncertainties of one analysis, used to state each metric's uncertainty.
///
/// A metric's uncertainty is √(sd²/n + s²): the standard error of its mean plus a systematic term
/// `s` that averaging cannot remove (see `docs/report.md`).
public struct MeasurementPrecision: Sendable, Equatable {
    /// Standard uncertainty of one event time, seconds. With frame quantisation alone this is
    /// Δt/√12 (a uniform error over one frame interval Δt).
    public var eventTimingSeconds: Double
    /// Relative standard uncertainty of the pixel-to-metre scale (0.05 = 5%).
    public var scaleRelative: Double
    /// Standard uncertainty of a sagittal angle from the 2D projection, degrees.
    public var angleDegrees: Double
    /// Standard uncertainty of a distance from landmark noise, metres.
    public var distanceMeters: Double
    /// The same in leg lengths (no metre scale involved).
    public var distanceLegLengths: Double

    public init(
        eventTimingSeconds: Double, scaleRelative: Double, angleDegrees: Double, distanceMeters: Double,
        distanceLegLengths: Double
    ) {
        self.eventTimingSeconds = eventTimingSeconds
        self.scaleRelative = scaleRelative
        self.angleDegrees = angleDegrees
        self.distanceMeters = distanceMeters
        self.distanceLegLengths = distanceLegLengths
    }

    /// Exact ground truth: no uncertainty at all (the simulator's truth).
    public static let exact = MeasurementPrecision(
        eventTimingSeconds: 0, scaleRelative: 0, angleDegrees: 0, distanceMeters: 0, distanceLegLengths: 0)
}
