/// The measurements of one foot contact (one step) and the flight that follows it.
///
/// Values are `nil` where this contact cannot give them (clip edge, view, missing landmarks).
public struct StepRecord: Codable, Equatable, Sendable {
    public var side: BodySide
    /// Initial contact time, seconds.
    public var initialContact: Double
    /// Toe-off time, seconds.
    public var toeOff: Double?
    /// Ground contact time, seconds.
    public var contactTime: Double?
    /// Flight time from this toe-off to the other foot's next initial contact, seconds.
    public var flightTime: Double?
    /// Time from this initial contact to the other foot's next one, seconds.
    public var stepTime: Double?
    /// Time from this initial contact to this foot's next one, seconds.
    public var strideTime: Double?
    /// Pelvis rise from its lowest point in this stance to its highest in the following flight, metres.
    public var verticalOscillation: Double?
    /// Horizontal hip-to-heel distance at initial contact, metres (positive = heel ahead of the hip).
    public var overstride: Double?
    /// `overstride` divided by this leg's length (hip → knee → ankle), leg lengths.
    public var overstrideLegLengths: Double?
    /// Shank angle from vertical at initial contact, degrees (positive = ankle ahead of knee).
    public var shankAngleAtContact: Double?
    /// Foot angle to the ground at initial contact, degrees (positive = toes up).
    public var footStrikeAngle: Double?
    /// "rearfoot", "midfoot" or "forefoot".
    public var footStrikePattern: String?
    /// Knee flexion at initial contact, degrees.
    public var kneeFlexionAtContact: Double?
    /// Largest knee flexion in this stance, degrees.
    public var peakKneeFlexionStance: Double?
    /// Hip extension at toe-off, degrees.
    public var hipExtensionAtToeOff: Double?
    /// Mean trunk forward lean from this initial contact to the next contact, degrees.
    public var trunkLean: Double?

    public init(side: BodySide, initialContact: Double) {
        self.side = side
        self.initialContact = initialContact
    }
}

/// Time series behind the report's charts, one value per frame (`nil` where not measured).
public struct KinematicSeries: Codable, Equatable, Sendable {
    /// Frame times, seconds.
    public var t: [Double]
    /// Knee flexion, degrees.
    public var kneeFlexionLeft: [Double?]
    public var kneeFlexionRight: [Double?]
    /// Hip flexion (+) / extension (−) relative to the trunk-independent vertical, degrees.
    public var hipFlexionLeft: [Double?]
    public var hipFlexionRight: [Double?]
    /// Trunk forward lean, degrees.
    public var trunkLean: [Double?]
    /// Pelvis height above its lowest point in the clip, metres (pixels when there is no scale).
    public var pelvisHeight: [Double?]

    public init(
        t: [Double], kneeFlexionLeft: [Double?], kneeFlexionRight: [Double?], hipFlexionLeft: [Double?],
        hipFlexionRight: [Double?], trunkLean: [Double?], pelvisHeight: [Double?]
    ) {
        self.t = t
        self.kneeFlexionLeft = kneeFlexionLeft
        self.kneeFlexionRight = kneeFlexionRight
        self.hipFlexionLeft = hipFlexionLeft
        self.hipFlexionRight = hipFlexionRight
        self.trunkLean = trunkLean
        self.pelvisHeight = pelvisHeight
    }
}
