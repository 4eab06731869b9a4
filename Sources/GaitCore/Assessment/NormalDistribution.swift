import Foundation

/// The standard normal distribution.
enum NormalDistribution {
    /// Φ(z) = P(Z ≤ z) for Z ~ N(0, 1), computed as ½·erfc(−z/√2) (accurate in both tails).
    static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }
}
