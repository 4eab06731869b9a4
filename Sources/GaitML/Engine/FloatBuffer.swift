/// A fixed-size, manually allocated block of floats: the scratch and tape memory of the layers'
/// hot loops, where several threads write disjoint parts of one block.
///
/// It hands out a raw pointer for the buffer's whole lifetime; callers keep the buffer alive while
/// they use it, and never write the same element from two threads.
final class FloatBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    /// `count` floats set to `value`.
    init(count: Int, repeating value: Float = 0) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    /// `count` floats left as the allocator gives them, for a buffer the caller overwrites whole
    /// before reading (saves a pass over memory for a megabyte-sized tape).
    init(overwrittenCount count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
    }

    /// A copy of `tensor`'s elements.
    convenience init(copying tensor: Tensor) {
        self.init(count: tensor.count)
        tensor.withUnsafePointer { pointer.update(from: $0, count: count) }
    }

    deinit { pointer.deallocate() }

    /// The elements as a tensor of `shape`.
    func tensor(shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: pointer, count: count)))
    }
}
