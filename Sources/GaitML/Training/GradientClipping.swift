/// Rescales all gradients together so that their global L2 norm is at most `maxNorm` (Pascanu,
/// Mikolov & Bengio 2013): keeps one exploding recurrent gradient from wrecking a step.
public enum GradientClipping {
    /// Returns the norm before clipping.
    @discardableResult
    public static func clip(_ parameters: [Parameter], maxNorm: Float) -> Float {
        var squared: Double = 0
        for parameter in parameters {
            parameter.gradient.withUnsafePointer { g in
                for index in 0..<parameter.count { squared += Double(g[index] * g[index]) }
            }
        }
        let norm = Float(squared.squareRoot())
        guard norm > maxNorm, norm.isFinite else { return norm }
        let scale = maxNorm / norm
        for parameter in parameters {
            let count = parameter.count
            parameter.gradient.withUnsafeMutablePointer { g in
                for index in 0..<count { g[index] *= scale }
            }
        }
        return norm
    }
}
