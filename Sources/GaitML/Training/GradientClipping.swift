/// Rescales all gradients together so that their global L2 norm is at most `maxNorm` (Pascanu,
/// Mikolov & Bengio 2013): keeps one exploding recurrent gradient from wrecking a step.
public enum GradientClipping {
    /// Returns the norm before clipping.
    ///
    /// Both passes stream all 5 M gradients, so they are vectorised and split over the engine's
    /// threads; the sum of squares is taken per fixed slice (8-lane float partial sums, added into a
    /// double every 1024 elements) and the slices are added in order, so the norm does not depend
    /// on timing.
    @discardableResult
    public static func clip(_ parameters: [Parameter], maxNorm: Float) -> Float {
        var squared: Double = 0
        for parameter in parameters {
            let count = parameter.count
            parameter.gradient.withUnsafePointer { g in
                let g = SendablePointer(g)
                let sums = SliceSums(count: Engine.threadCount)
                Parallel.forEachSlice(of: count) { part, range in
                    sums.pointer[part] = sumOfSquares(g.base + range.lowerBound, count: range.count)
                }
                squared += sums.total
            }
        }
        let norm = Float(squared.squareRoot())
        guard norm > maxNorm, norm.isFinite else { return norm }
        let scale = maxNorm / norm
        for parameter in parameters {
            let count = parameter.count
            parameter.gradient.withUnsafeMutablePointer { g in
                let g = SendableMutablePointer(g)
                Parallel.forEachSlice(of: count) { _, range in
                    for index in range { g.base[index] *= scale }
                }
            }
        }
        return norm
    }

    /// Σ x² over `count` floats.
    static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Double {
        var total: Double = 0
        var start = 0
        while start < count {
            let end = min(count, start + 1024)
            var lanes = FastMath.Vector()
            var i = start
            while i + FastMath.Vector.scalarCount <= end {
                let v = FullRegister().load(x + i)
                lanes += v * v
                i += FastMath.Vector.scalarCount
            }
            var partial = Double(lanes.sum())
            while i < end {
                partial += Double(x[i] * x[i])
                i += 1
            }
            total += partial
            start = end
        }
        return total
    }
}

/// One result per slice, written from parallel threads (each thread writes only its own slot,
/// through a pointer: no shared array is mutated concurrently).
private final class SliceSums: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    let count: Int
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
    }
    deinit { pointer.deallocate() }
    var total: Double { (0..<count).reduce(0) { $0 + pointer[$1] } }
}
