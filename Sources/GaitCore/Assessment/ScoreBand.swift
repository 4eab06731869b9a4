/// How a metric value maps to a 0-10 sub-score: 10 inside the ideal range, falling linearly to 0 at
/// the zero points, 0 beyond them.
///
/// A side without a zero point is not penalised: a value beyond the ideal range on that side still
/// scores 10 (for example a vertical ratio below the ideal range's lower end).
public struct ScoreBand: Sendable, Equatable {
    /// Lower end of the range rated 10/10, in the metric's unit.
    public var idealLow: Double
    /// Upper end of the range rated 10/10, in the metric's unit.
    public var idealHigh: Double
    /// Value below the ideal range where the sub-score reaches 0, or `nil` when low values are not penalised.
    public var zeroBelow: Double?
    /// Value above the ideal range where the sub-score reaches 0, or `nil` when high values are not penalised.
    public var zeroAbove: Double?

    public init(idealLow: Double, idealHigh: Double, zeroBelow: Double?, zeroAbove: Double?) {
        precondition(idealLow <= idealHigh, "ideal range must be ordered")
        precondition(zeroBelow.map { $0 < idealLow } ?? true, "zeroBelow must lie below the ideal range")
        precondition(zeroAbove.map { $0 > idealHigh } ?? true, "zeroAbove must lie above the ideal range")
        self.idealLow = idealLow
        self.idealHigh = idealHigh
        self.zeroBelow = zeroBelow
        self.zeroAbove = zeroAbove
    }

    /// The ideal range as the report writes it, `[low, high]`.
    public var idealRange: [Double] { [idealLow, idealHigh] }

    /// The sub-score of `value`, 0-10: continuous and piecewise linear in `value`.
    public func subScore(_ value: Double) -> Double {
        if value < idealLow, let zero = zeroBelow {
            return 10 * max(0, (value - zero) / (idealLow - zero))
        }
        if value > idealHigh, let zero = zeroAbove {
            return 10 * max(0, (zero - value) / (zero - idealHigh))
        }
        return 10
    }
}
