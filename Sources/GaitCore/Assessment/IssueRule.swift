/// How one form issue is rated: the metrics that are evidence for it and what to tell the runner.
public struct IssueRule: Sendable, Equatable {
    public var kind: IssueKind
    /// The evidence metrics, in the order the report lists them.
    public var evidence: [IssueEvidenceRule]
    /// The coaching cue shown when the issue is detected, in a runner's words.
    public var cue: String
    /// What to change when filming so that the issue can be rated, shown when it is not assessable.
    public var captureAdvice: String

    public init(kind: IssueKind, evidence: [IssueEvidenceRule], cue: String, captureAdvice: String) {
        self.kind = kind
        self.evidence = evidence
        self.cue = cue
        self.captureAdvice = captureAdvice
    }
}

extension IssueRule {
    /// The three issues every report rates. Thresholds and their sources: `docs/scoring.md`.
    public static let standard: [IssueRule] = [overstriding, verticalBounce, asymmetry]

    /// The foot lands far ahead of the body: shank tilted forward at initial contact, heel far
    /// ahead of the hip.
    public static let overstriding = IssueRule(
        kind: .overstriding,
        evidence: [
            IssueEvidenceRule(
                metric: .shankAngleAtContact, threshold: 8, moderateAt: 12, severeAt: 16, weight: 0.6,
                normalRange: [-5, 6]),
            // The heel's distance ahead of the hip in leg lengths (0.25 / 0.30 / 0.35 m for a
            // 1.75 m runner, whose leg is 0.86 m): body size and the assumed height drop out.
            IssueEvidenceRule(
                metric: .overstrideLegLengths, threshold: 0.29, moderateAt: 0.35, severeAt: 0.41, weight: 0.4,
                normalRange: [-0.06, 0.23]),
        ],
        cue: "Land with your foot closer under your hips: take shorter, quicker steps (about 5% more steps "
            + "per minute) and keep your knee soft as the foot lands.",
        captureAdvice: "film from the side with both feet and the hips in view for the whole clip")

    /// Too much up-and-down motion of the body for the distance covered.
    public static let verticalBounce = IssueRule(
        kind: .verticalBounce,
        evidence: [
            IssueEvidenceRule(
                metric: .verticalRatio, threshold: 10.1, moderateAt: 11.9, severeAt: 13.7, weight: 0.6,
                normalRange: [0, 10.0]),
            IssueEvidenceRule(
                metric: .verticalOscillation, threshold: 0.110, moderateAt: 0.130, severeAt: 0.150, weight: 0.4,
                normalRange: [0, 0.109]),
        ],
        cue: "Think \"forward, not up\": push the ground back behind you instead of down, keep your steps "
            + "light and quick, and run tall without bounding.",
        captureAdvice: "film from the side with a fixed camera and give the runner's height so the bounce "
            + "can be measured in metres")

    /// One leg spends longer on the ground than the other.
    public static let asymmetry = IssueRule(
        kind: .asymmetry,
        evidence: [
            IssueEvidenceRule(
                metric: .contactTimeBalance, quantity: .distance(from: 50), threshold: 1.5, moderateAt: 2.2,
                severeAt: 3.6, weight: 1, normalRange: [49.3, 50.7]),
            // The same left/right contact times as an asymmetry index (index = 4 × balance distance).
            IssueEvidenceRule(
                metric: .groundContactTime, quantity: .asymmetryIndex, threshold: 6.0, moderateAt: 8.8,
                severeAt: 14.4, weight: 1, normalRange: [0, 2.8], onlyWithout: .contactTimeBalance),
        ],
        cue: "If something hurts, have it checked; "
            + "otherwise add single-leg strength and balance work (single-leg squats, calf raises, hops) "
            + "for the weaker side and check again in a few weeks.",
        captureAdvice: "film from the side long enough for at least four steps of each foot, with both "
            + "feet visible")
}
