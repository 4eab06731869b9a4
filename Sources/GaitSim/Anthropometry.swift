/// Segment lengths as fractions of standing height, from Winter, *Biomechanics and Motor Control
/// of Human Movement*, 4th ed. (2009), Fig. 4.1 (Drillis & Contini's proportions). The analyzer
/// uses the same thigh and shank fractions to estimate height from a pose (`BodyScale`).
struct Anthropometry: Sendable {
    let height: Double

    /// Hip joint to knee joint: 0.245 H.
    var thigh: Double { 0.245 * height }
    /// Knee joint to ankle joint: 0.246 H.
    var shank: Double { 0.246 * height }
    /// Ankle joint height above the sole: 0.039 H.
    var ankleHeight: Double { 0.039 * height }
    /// Heel to toe tip: 0.152 H.
    var footLength: Double { 0.152 * height }
    /// Heel's back edge to the sole under the metatarsal heads (the ball of the foot, where the toes
    /// bend): 0.73 of the foot length, where shoe lasts put the ball (72-73 %).
    var metatarsalHeadsFromHeel: Double { 0.73 * footLength }
    /// Metatarsal heads to the toe tip: the rest of the foot length.
    var toeLength: Double { footLength - metatarsalHeadsFromHeel }
    /// Ankle joint forward of the heel's back edge, as a share of the foot length.
    var ankleForwardOfHeel: Double { 0.22 * footLength }
    /// Hip joint to shoulder joint, vertically: (0.818 − 0.530) H.
    var trunk: Double { 0.288 * height }
    /// Distance between the hip joint centres.
    var hipWidth: Double { 0.10 * height }
    /// Distance between the shoulder joints.
    var shoulderWidth: Double { 0.22 * height }
    /// Shoulder to elbow: 0.186 H.
    var upperArm: Double { 0.186 * height }
    /// Elbow to wrist: 0.146 H.
    var forearm: Double { 0.146 * height }
    /// Wrist to fingertips: 0.108 H.
    var hand: Double { 0.108 * height }
    /// Shoulder joint to the ear line: 0.11 H (0.936 − 0.818 H, to the chin ≈ 0.87 H, ears higher).
    var neckToEars: Double { 0.11 * height }
    /// Standing hip joint height above the ground: thigh + shank + ankle height.
    var standingHipHeight: Double { thigh + shank + ankleHeight }
}
