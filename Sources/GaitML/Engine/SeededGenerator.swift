/// A small, fast, seedable random number generator (xoshiro256**, Blackman & Vigna 2018), seeded
/// through SplitMix64 so that nearby seeds give unrelated streams. Everything random in GaitML
/// (initial weights, dropout, shuffling, augmentation) draws from one of these, passed in.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

extension RandomNumberGenerator {
    /// A float uniformly distributed in [`lower`, `upper`).
    mutating func uniformFloat(_ lower: Float, _ upper: Float) -> Float {
        Float.random(in: lower..<upper, using: &self)
    }
}
