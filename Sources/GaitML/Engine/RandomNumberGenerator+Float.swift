extension RandomNumberGenerator {
    /// A float uniformly distributed in [`lower`, `upper`).
    mutating func uniformFloat(_ lower: Float, _ upper: Float) -> Float {
        Float.random(in: lower..<upper, using: &self)
    }
}
