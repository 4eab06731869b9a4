/// The four per-frame gait phases of the model and the report (definition fixed in ARCHITECTURE.md).
///
/// Running has no double support: at every instant one foot is on the ground or none is. A stance
/// (initial contact → toe-off) is split into equal thirds: `contact`, `midStance`, `toeOff`; a frame
/// with no foot on the ground is `swing` (flight).
public enum GaitPhase: String, Codable, Sendable, CaseIterable {
    case contact, midStance, toeOff, swing

    /// Class index used by the model (contact 0, midStance 1, toeOff 2, swing 3).
    public var classIndex: Int { GaitPhase.allCases.firstIndex(of: self)! }
}

/// Which foot is on the ground in a frame.
public enum StanceSide: String, Codable, Sendable {
    case left, right, none

    public init(_ side: BodySide) {
        self = side == .left ? .left : .right
    }
}

/// One foot's ground contact: initial contact and toe-off on the pose file's clock.
public struct GaitEvent: Codable, Equatable, Sendable {
    public var side: BodySide
    /// Initial contact (foot strike) time in seconds.
    public var initialContact: Double
    /// Toe-off time in seconds, `nil` when the clip ends (or the foot is lost) before toe-off.
    public var toeOff: Double?
    /// How sure the detector is of this contact, in [0, 1].
    public var confidence: Double

    public init(side: BodySide, initialContact: Double, toeOff: Double?, confidence: Double) {
        self.side = side
        self.initialContact = initialContact
        self.toeOff = toeOff
        self.confidence = confidence
    }

    /// Ground contact time in seconds, when the toe-off is known.
    public var contactTimeSeconds: Double? { toeOff.map { $0 - initialContact } }

    private enum CodingKeys: String, CodingKey { case side, initialContact, toeOff, confidence }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(side, forKey: .side)
        try container.encode(initialContact, forKey: .initialContact)
        try container.encode(toeOff, forKey: .toeOff)  // explicit null when the toe-off is unknown
        try container.encode(confidence, forKey: .confidence)
    }
}

/// The phase and stance side of one frame. `phase` is `nil` where the events do not cover the
/// frame (before the first detected event or after the last).
public struct FramePhase: Codable, Equatable, Sendable {
    /// Frame time in seconds.
    public var t: Double
    public var phase: GaitPhase?
    public var side: StanceSide

    public init(t: Double, phase: GaitPhase?, side: StanceSide) {
        self.t = t
        self.phase = phase
        self.side = side
    }

    private enum CodingKeys: String, CodingKey { case t, phase, side }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(t, forKey: .t)
        try container.encode(phase, forKey: .phase)  // explicit null when unknown
        try container.encode(side, forKey: .side)
    }
}
