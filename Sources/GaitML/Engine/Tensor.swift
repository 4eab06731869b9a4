/// A dense, row-major array of `Float` with a shape: the value type every GaitML layer reads and
/// writes.
///
/// Storage is a Swift `Array`, so a `Tensor` is copy-on-write: copies are cheap until one of them is
/// mutated. The last dimension is contiguous. Shapes are written `[batch, time, features]` in doc
/// comments; GaitML's recurrent code works time-major (`[time, batch, features]`) inside.
public struct Tensor: Equatable, Sendable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public internal(set) var scalars: [Float]

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        precondition(scalars.count == shape.reduce(1, *), "\(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Number of elements.
    public var count: Int { scalars.count }

    /// The same elements viewed with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Reads the elements through a pointer (no copy).
    public func withUnsafePointer<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// Writes the elements through a pointer (copies first when the storage is shared).
    public mutating func withUnsafeMutablePointer<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }

    /// Swaps the first two dimensions: `[a, b, rest...]` → `[b, a, rest...]` (batch-first ↔ time-major).
    public func swappingFirstTwoAxes() -> Tensor {
        precondition(shape.count >= 2, "need at least two dimensions, got \(shape)")
        let (a, b) = (shape[0], shape[1])
        let inner = count / max(a * b, 1)
        var result = Tensor(shape: [b, a] + shape.dropFirst(2), repeating: 0)
        withUnsafePointer { source in
            result.withUnsafeMutablePointer { target in
                for i in 0..<a {
                    for j in 0..<b {
                        (target + (j * a + i) * inner).update(from: source + (i * b + j) * inner, count: inner)
                    }
                }
            }
        }
        return result
    }
}
