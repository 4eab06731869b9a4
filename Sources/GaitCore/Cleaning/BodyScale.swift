/// Pixels per metre at the runner, from the leg's length in the image.
///
/// Thigh (hip → knee) and shank (knee → ankle) are 0.245 H and 0.246 H of standing height H
/// (Winter, *Biomechanics and Motor Control of Human Movement*, 2009, after Drillis & Contini), so
/// H in pixels ≈ (median thigh + median shank) / 0.491 over both legs. Divided by the runner's
/// stated height, that gives pixels per metre; without a stated height an adult height of 1.70 m
/// is assumed and the uncertainty widens (±6%, the spread of adult height).
public struct BodyScale: Sendable, Equatable {
    /// Image pixels per metre at the runner.
    public var pixelsPerMeter: Double
    /// Leg length (hip → ankle along thigh and shank) in pixels, both legs pooled.
    public var legLengthPixels: Double
    /// Each leg's own length in pixels: the far leg looks shorter than the near one (perspective),
    /// so a foot's distances are scaled by its own leg.
    public var sideLegLengthPixels: [BodySide: Double]
    /// Relative standard uncertainty of `pixelsPerMeter`.
    public var relativeUncertainty: Double
    /// "runner height" or "body proportions (assumed height 1.70 m)".
    public var source: String

    /// Height assumed when none is given, metres.
    public static let assumedHeightMeters = 1.70
    /// Thigh + shank as a share of standing height.
    public static let legShareOfHeight = 0.245 + 0.246
    /// Individual variation of the leg share of height (relative SD).
    static let proportionUncertainty = 0.03
    /// Spread of adult height around the assumed value (relative SD).
    static let heightUncertainty = 0.06

    /// Pixels per metre for distances measured at one foot (its own leg's scale).
    public func pixelsPerMeter(_ side: BodySide) -> Double {
        pixelsPerMeter * (sideLegLengthPixels[side] ?? legLengthPixels) / legLengthPixels
    }

    init?(pose: CleanedPose, runnerHeightMeters: Double?) {
        var thighs: [Double] = [], shanks: [Double] = []
        var sideLengths: [BodySide: Double] = [:]
        for side in BodySide.allCases {
            let leg = LegLandmarks(side)
            let sideStart = thighs.count
            for i in 0..<pose.count where pose.measured[leg.hip.rawValue][i] && pose.measured[leg.knee.rawValue][i] && pose.measured[leg.ankle.rawValue][i] {
                guard let hip = pose.point(leg.hip, i), let knee = pose.point(leg.knee, i), let ankle = pose.point(leg.ankle, i) else { continue }
                thighs.append(hip.distance(to: knee))
                shanks.append(knee.distance(to: ankle))
            }
            if let thigh = Statistics.median(Array(thighs[sideStart...])), let shank = Statistics.median(Array(shanks[sideStart...])) {
                sideLengths[side] = thigh + shank
            }
        }
        guard let thigh = Statistics.median(thighs), let shank = Statistics.median(shanks), thigh + shank > 0 else { return nil }
        legLengthPixels = thigh + shank
        sideLegLengthPixels = sideLengths
        let heightPixels = legLengthPixels / Self.legShareOfHeight
        if let runnerHeightMeters {
            pixelsPerMeter = heightPixels / runnerHeightMeters
            relativeUncertainty = Self.proportionUncertainty
            source = "runner height \(runnerHeightMeters) m"
        } else {
            pixelsPerMeter = heightPixels / Self.assumedHeightMeters
            relativeUncertainty = (Self.proportionUncertainty * Self.proportionUncertainty + Self.heightUncertainty * Self.heightUncertainty).squareRoot()
            source = "body proportions (assumed height \(Self.assumedHeightMeters) m)"
        }
    }
}
