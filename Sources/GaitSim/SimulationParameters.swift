import GaitCore

/// Everything that defines one simulated recording. Defaults describe a healthy recreational runner
/// on a treadmill filmed from the side at 60 fps in 1080p.
///
/// Units are in the names. Every parameter is a plain value, so a parameter set is Codable and can
/// be stored next to the sequences it produced.
public struct SimulationParameters: Codable, Sendable, Equatable {
    /// Running (a flight phase between contacts) or walking (double support, no flight).
    public enum Mode: String, Codable, Sendable, CaseIterable { case running, walking }
    /// Treadmill (the runner stays in the image) or overground past a static camera.
    public enum Environment: String, Codable, Sendable, CaseIterable { case treadmill, overground }
    /// Direction of travel in the image.
    public enum Direction: String, Codable, Sendable, CaseIterable { case leftToRight, rightToLeft }

    public var mode: Mode = .running
    public var speedMetersPerSecond = 3.3
    public var cadenceStepsPerMinute = 170.0
    public var contactTimeSeconds = 0.24
    /// Peak-to-trough rise of the pelvis per step, metres.
    public var verticalOscillationMeters = 0.08
    /// Horizontal distance from the hip to the heel at initial contact, metres.
    public var overstrideMeters = 0.12
    /// Forward lean of the trunk from vertical, degrees.
    public var trunkLeanDegrees = 6.0
    /// Contact-time asymmetry in %: left contacts last (1 + a/200) × contactTimeSeconds, right ones
    /// (1 − a/200) ×, so the asymmetry index 100·|L − R|/((L + R)/2) equals `a`.
    public var asymmetryPercent = 0.0
    public var footStrike: FootStrikePattern = .rearfoot
    /// The sole's angle to the ground at initial contact, degrees, toes up positive; `nil` = the
    /// pattern's usual angle (`strikeAngleDegrees`). It must lie in the pattern's band
    /// (`FootStrikePattern(footStrikeAngleDegrees:)`: rearfoot above 8°, forefoot below −1.6°).
    public var footStrikeAngleDegrees: Double?
    /// Angle of the sole to the ground at toe-off (heel up), degrees; running only (a walker
    /// leaves at 30°). About 43° on the Fukuchi 2017 trial.
    public var toeOffAngleDegrees = 45.0
    /// How far the foot's landmarks keep sinking after the sole touches down (shoe midsole and heel
    /// pad compressing), metres; 0 for a rigid foot. The default matches what the Fukuchi 2017
    /// force-plate trial shows for a shod runner (docs/analysis.md).
    public var shoeCompressionMeters = 0.013
    /// Forward speed of the foot over the ground at initial contact, m/s: real feet land still
    /// moving forward (0.8 m/s on the Fukuchi 2017 trial) and are stopped by the ground.
    public var touchdownSpeedMetersPerSecond = 0.8
    /// Downward speed of the foot at initial contact, m/s; `nil` = the swing's clearance arc's own
    /// (1.1-1.4 m/s for running). Real feet slow their descent before they land (Fukuchi 2017: heel
    /// marker 0.2 m/s, metatarsal marker 0.9 m/s at the force plate's touchdown). The rule-based
    /// contact detector is validated on the arc's landing only (docs/analysis.md).
    public var touchdownSinkSpeedMetersPerSecond: Double?
    /// Time the landed foot takes to come to rest (sunk by the compression, slowed from the
    /// touchdown speed), seconds: 20-40 ms on the Fukuchi 2017 trial.
    public var landingSettleSeconds = 0.025
    /// How late in the swing the foot travels forward, k: the foot covers mj(u) − k·u⁴(1 − u)² of
    /// its way from one footprint to the next after a share u of the swing (mj = minimum jerk).
    /// 0 = minimum jerk: fastest at mid-swing, furthest ahead of the hip about 90 ms before it
    /// lands, then drawn back. About 8 fits the Fukuchi 2017 runner's forefoot: fastest at 70% of
    /// the swing and furthest ahead 20-30 ms before contact (docs/training.md). 0-20 (the path
    /// turns back on itself above about 28).
    public var swingLateness = 0.0
    /// How the foot comes down, a: the ankle's clearance arc is sin(π g(u)), g(u) = u + a·u²(1 − u),
    /// u the share of the swing. 0 = a sine, the foot descending steadily until it lands; 1 fits the
    /// Fukuchi 2017 runner, whose foot rises like a sine but comes down sooner and skims within a
    /// few centimetres of its landing height over the last fifth of the swing. The arc itself lands
    /// at (1 − a) times the sine's downward speed (`touchdownSinkSpeedMetersPerSecond` overrides
    /// it). 0-1 (above 1 the arc would dip below the ground before the foot lands).
    public var swingApproach = 0.0
    /// The arc's peak height as a multiple of the default (0.08 + 0.06 × speed metres; the
    /// Fukuchi 2017 runner's ankle rises about 0.7 times as high at 2.5 m/s). 0.3-2.
    public var swingClearanceScale = 1.0
    /// Height of the heel landmark above the sole's back edge, metres (a marker on the shoe, or
    /// where a pose estimator puts the heel); 0 = on the sole.
    public var heelLandmarkHeightMeters = 0.0
    /// How far the foot-index landmark sits behind the toe tip and above the sole, metres (a
    /// marker on the metatarsal heads sits 4-6 cm back and 2-3 cm up); 0 = the sole's toe tip.
    public var footIndexSetbackMeters = 0.0
    public var footIndexHeightMeters = 0.0
    /// Share of the heel's rise before toe-off that the toes take up by bending at the metatarsal
    /// heads, 0-1. 0 = one rigid sole rolling over its toe tip, so a point near the toes rises
    /// with the heel from heel-off; 1 = the toes stay flat on the ground until toe-off and the
    /// rest of the foot pivots about the metatarsal heads, so that point stays down until the foot
    /// leaves. On the Fukuchi 2017 trial the left metatarsal marker stays down until toe-off and
    /// the right one rises from 25 ms before it (docs/training.md).
    public var toeFlex = 0.0
    /// When the pelvis is lowest in this foot's stance, after mid-stance, as a share of the contact
    /// time (negative: before it), −0.25-0.25. 0 = at mid-stance, as the simulator always had it.
    /// The Fukuchi 2017 runner's hip midpoint bottoms out 7 ms (−0.03) before mid-stance on the
    /// left foot and 17 ms (−0.06) on the right (docs/training.md, stop 21).
    public var pelvisLowShift = 0.0
    /// Where the right foot lands and leaves differently from the left (by default it does not).
    /// Real feet differ: on the Fukuchi 2017 trial the left toe marker sinks 2 cm after contact
    /// and the right 0.6 cm (docs/training.md).
    public var rightFoot = FootOverrides()
    public var runnerHeightMeters = 1.75
    /// Whether the pose file states the runner's height (otherwise the analysis must assume one).
    public var statesRunnerHeight = true
    public var environment: Environment = .treadmill
    public var direction: Direction = .leftToRight
    /// Camera yaw away from the pure side view, degrees (0 = side; 30-45 = oblique, camera ahead;
    /// 90 = frontal, the runner coming straight at the camera, for negative tests).
    public var cameraYawDegrees = 0.0
    /// Camera distance from the runner's line of travel, metres.
    public var cameraDistanceMeters = 4.0
    /// Camera (and aim point) height above the ground, metres.
    public var cameraHeightMeters = 1.0
    /// Field of view across the image's longer side, degrees.
    public var fieldOfViewDegrees = 65.0
    public var imageWidth = 1920
    public var imageHeight = 1080
    public var framesPerSecond = 60.0
    public var durationSeconds = 10.0
    /// Standard deviation of the Gaussian noise added to every landmark, image pixels.
    public var landmarkNoisePixels = 0.0
    /// Share of the time (0-1) the far leg is hidden behind the near one, in short episodes.
    public var farLegOcclusion = 0.0
    /// Share of frames (0-1) dropped from the sequence (their timestamps go missing).
    public var droppedFrameFraction = 0.0
    /// Step-to-step variability of step and contact times (coefficient of variation).
    public var stepTimeVariability = 0.01

    public init() {}

    /// Defaults for a walker: slower, longer contacts that overlap (double support).
    public static var walking: SimulationParameters {
        var parameters = SimulationParameters()
        parameters.mode = .walking
        parameters.speedMetersPerSecond = 1.35
        parameters.cadenceStepsPerMinute = 110
        parameters.contactTimeSeconds = 0.66
        parameters.verticalOscillationMeters = 0.035
        parameters.overstrideMeters = 0.28
        parameters.trunkLeanDegrees = 2
        parameters.footStrike = .rearfoot
        return parameters
    }

    /// Step time in seconds (60 / cadence).
    public var stepTimeSeconds: Double { 60 / cadenceStepsPerMinute }

    /// The sole's angle at initial contact, degrees: `footStrikeAngleDegrees`, or the pattern's
    /// usual one (rearfoot 16°, a walker's 20°; midfoot 3°; forefoot −7°).
    public var strikeAngleDegrees: Double {
        if let footStrikeAngleDegrees { return footStrikeAngleDegrees }
        switch footStrike {
        case .rearfoot: return mode == .walking ? 20 : 16
        case .midfoot: return 3
        case .forefoot: return -7
        }
    }

    /// A strike angle drawn uniformly from within `pattern`'s band, degrees (rearfoot 9-22°,
    /// midfoot −1-7.5°, forefoot −10 to −2.5°: a little inside the bands' edges).
    public static func randomStrikeAngle(_ pattern: FootStrikePattern, using generator: inout some RandomNumberGenerator) -> Double {
        switch pattern {
        case .rearfoot: return Double.random(in: 9...22, using: &generator)
        case .midfoot: return Double.random(in: -1...7.5, using: &generator)
        case .forefoot: return Double.random(in: -10 ... -2.5, using: &generator)
        }
    }

    /// One foot's own landing and take-off parameters and landmark offsets where it differs from the
    /// other foot; `nil` = the same as the other (the parameters of the same name above).
    public struct FootOverrides: Codable, Sendable, Equatable {
        public var shoeCompressionMeters: Double?
        public var toeOffAngleDegrees: Double?
        public var touchdownSpeedMetersPerSecond: Double?
        public var landingSettleSeconds: Double?
        public var swingApproach: Double?
        public var heelLandmarkHeightMeters: Double?
        public var footIndexSetbackMeters: Double?
        public var footIndexHeightMeters: Double?
        public var toeFlex: Double?
        public var pelvisLowShift: Double?
        /// The right foot's own strike angle, in the runner's pattern's band.
        public var footStrikeAngleDegrees: Double?

        public init() {}

        /// A foot that differs from the one `p` describes: each motion parameter moved by up to
        /// about a third of the range the training runners draw it from (`SyntheticRunners`), and
        /// kept within that range; the landmark offsets drawn anew from their whole range, since
        /// where a marker or a pose estimator puts a point varies more from foot to foot than how
        /// the foot moves (on the Fukuchi 2017 trial the left foot-index point stands 2 cm higher
        /// above the sole than the right).
        public static func random(around p: SimulationParameters, using generator: inout some RandomNumberGenerator) -> FootOverrides {
            func moved(_ value: Double, by spread: Double, within range: ClosedRange<Double>) -> Double {
                min(range.upperBound, max(range.lowerBound, value + Double.random(in: -spread...spread, using: &generator)))
            }
            var foot = FootOverrides()
            foot.shoeCompressionMeters = moved(p.shoeCompressionMeters, by: 0.012, within: 0.003...0.03)
            foot.toeOffAngleDegrees = moved(p.toeOffAngleDegrees, by: 8, within: 30...65)
            foot.touchdownSpeedMetersPerSecond = moved(p.touchdownSpeedMetersPerSecond, by: 0.4, within: 0.1...1.6)
            foot.landingSettleSeconds = moved(p.landingSettleSeconds, by: 0.012, within: 0.008...0.05)
            foot.swingApproach = moved(p.swingApproach, by: 0.3, within: 0...1)
            foot.heelLandmarkHeightMeters = Double.random(in: 0...0.035, using: &generator)
            foot.footIndexSetbackMeters = Double.random(in: 0...0.06, using: &generator)
            foot.footIndexHeightMeters = Double.random(in: 0...0.03, using: &generator)
            return foot
        }
    }

    /// The parameters `side`'s foot moves by: these for the left foot; for the right one, these
    /// with `rightFoot`'s values in place (and no overrides left to apply).
    public func foot(_ side: BodySide) -> SimulationParameters {
        guard side == .right else { return self }
        var foot = self
        foot.shoeCompressionMeters = rightFoot.shoeCompressionMeters ?? shoeCompressionMeters
        foot.toeOffAngleDegrees = rightFoot.toeOffAngleDegrees ?? toeOffAngleDegrees
        foot.touchdownSpeedMetersPerSecond = rightFoot.touchdownSpeedMetersPerSecond ?? touchdownSpeedMetersPerSecond
        foot.landingSettleSeconds = rightFoot.landingSettleSeconds ?? landingSettleSeconds
        foot.swingApproach = rightFoot.swingApproach ?? swingApproach
        foot.heelLandmarkHeightMeters = rightFoot.heelLandmarkHeightMeters ?? heelLandmarkHeightMeters
        foot.footIndexSetbackMeters = rightFoot.footIndexSetbackMeters ?? footIndexSetbackMeters
        foot.footIndexHeightMeters = rightFoot.footIndexHeightMeters ?? footIndexHeightMeters
        foot.toeFlex = rightFoot.toeFlex ?? toeFlex
        foot.pelvisLowShift = rightFoot.pelvisLowShift ?? pelvisLowShift
        foot.footStrikeAngleDegrees = rightFoot.footStrikeAngleDegrees ?? footStrikeAngleDegrees
        foot.rightFoot = FootOverrides()
        return foot
    }

    /// Checks that the parameters describe a possible recording; the message names the parameter.
    public func validate() throws {
        func check(_ condition: Bool, _ message: String) throws {
            if !condition { throw SimulationError.invalidParameter(message) }
        }
        try check(speedMetersPerSecond > 0.3 && speedMetersPerSecond < 10, "speed must be 0.3-10 m/s")
        try check(cadenceStepsPerMinute >= 60 && cadenceStepsPerMinute <= 240, "cadence must be 60-240 steps/min")
        try check(contactTimeSeconds > 0.08, "contact time must be above 0.08 s")
        switch mode {
        case .running:
            try check(contactTimeSeconds * (1 + abs(asymmetryPercent) / 200) < stepTimeSeconds * 0.85,
                      "a runner's contact time must be well below the step time (\(stepTimeSeconds) s) to leave a flight phase")
        case .walking:
            try check(contactTimeSeconds * (1 - abs(asymmetryPercent) / 200) > stepTimeSeconds * 1.05,
                      "a walker's contact time must exceed the step time (\(stepTimeSeconds) s): walking has double support")
        }
        try check(verticalOscillationMeters >= 0 && verticalOscillationMeters < 0.25, "vertical oscillation must be 0-0.25 m")
        try check(abs(overstrideMeters) < 0.5, "overstride must be between -0.5 and 0.5 m")
        try check(shoeCompressionMeters >= 0 && shoeCompressionMeters <= 0.04, "shoe compression must be 0-0.04 m")
        try check((0...0.06).contains(heelLandmarkHeightMeters), "heel landmark height must be 0-0.06 m")
        try check((0...0.1).contains(footIndexSetbackMeters), "foot-index setback must be 0-0.1 m")
        try check((0...0.06).contains(footIndexHeightMeters), "foot-index height must be 0-0.06 m")
        try check((10...80).contains(toeOffAngleDegrees), "toe-off angle must be 10-80°")
        try check((0...1).contains(toeFlex), "toe flex must be 0-1")
        try check((-0.25...0.25).contains(pelvisLowShift), "pelvis low shift must be -0.25-0.25 of the contact time")
        if let angle = footStrikeAngleDegrees {
            try check(angle.isFinite && FootStrikePattern(footStrikeAngleDegrees: angle) == footStrike && (-15...30).contains(angle),
                      "a foot-strike angle of \(angle)° is not a \(footStrike.rawValue) landing (rearfoot above 8°, forefoot below −1.6°, within −15-30°)")
        }
        try check(touchdownSpeedMetersPerSecond >= 0 && touchdownSpeedMetersPerSecond <= 3, "touchdown speed must be 0-3 m/s")
        if let sink = touchdownSinkSpeedMetersPerSecond { try check(sink >= 0 && sink <= 3, "touchdown sink speed must be 0-3 m/s") }
        try check(landingSettleSeconds >= 0 && landingSettleSeconds <= 0.1, "landing settle time must be 0-0.1 s")
        try check((0...20).contains(swingLateness), "swing lateness must be 0-20")
        try check((0...1).contains(swingApproach), "swing approach must be 0-1")
        try check((0.3...2).contains(swingClearanceScale), "swing clearance scale must be 0.3-2")
        try check(abs(trunkLeanDegrees) < 40, "trunk lean must be within ±40°")
        try check(abs(asymmetryPercent) < 40, "asymmetry must be within ±40%")
        try check(runnerHeightMeters >= 1.0 && runnerHeightMeters <= 2.3, "runner height must be 1.0-2.3 m")
        try check(cameraYawDegrees >= 0 && cameraYawDegrees <= 90, "camera yaw must be 0-90°")
        try check(cameraDistanceMeters >= 1.5 && cameraDistanceMeters <= 30, "camera distance must be 1.5-30 m")
        try check(fieldOfViewDegrees > 10 && fieldOfViewDegrees < 120, "field of view must be 10-120°")
        try check(imageWidth >= 64 && imageHeight >= 64, "image must be at least 64×64 pixels")
        try check(framesPerSecond >= 10 && framesPerSecond <= 1000, "frame rate must be 10-1000 fps")
        try check(durationSeconds > 0 && durationSeconds <= 3600, "duration must be 0-3600 s")
        try check(landmarkNoisePixels >= 0, "noise must not be negative")
        try check((0...0.9).contains(farLegOcclusion), "far-leg occlusion must be 0-0.9")
        try check((0...0.5).contains(droppedFrameFraction), "dropped-frame fraction must be 0-0.5")
        try check((0...0.1).contains(stepTimeVariability), "step-time variability must be 0-0.1")
        if rightFoot != FootOverrides() {
            do {
                try foot(.right).validate()
            } catch SimulationError.invalidParameter(let message) {
                throw SimulationError.invalidParameter("right foot: \(message)")
            }
        }
    }
}

/// Errors of the simulator.
public enum SimulationError: UserFacingError, Equatable {
    case invalidParameter(String)

    public var isUsageError: Bool { true }

    public var description: String {
        switch self {
        case .invalidParameter(let message): return "invalid simulation parameter: \(message)"
        }
    }
}
