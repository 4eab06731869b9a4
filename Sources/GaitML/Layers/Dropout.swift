/// Inverted dropout masks: each element is kept with probability 1 − p and then scaled by
/// 1/(1 − p), so the expected activation is unchanged and inference needs no rescaling.
enum Dropout {
    /// A mask of `count` values, each 0 (probability `probability`) or 1/(1 − probability). Uses 16
    /// random bits per element (probabilities resolved to 1/65536).
    static func mask(count: Int, probability: Float, using generator: inout some RandomNumberGenerator) -> FloatBuffer {
        let mask = FloatBuffer(count: count)
        let threshold = UInt64((Double(probability) * 65536).rounded())
        let kept = 1 / (1 - probability)
        var index = 0
        while index < count {
            var bits = generator.next()
            for _ in 0..<4 where index < count {
                mask.pointer[index] = (bits & 0xFFFF) >= threshold ? kept : 0
                bits >>= 16
                index += 1
            }
        }
        return mask
    }
}
