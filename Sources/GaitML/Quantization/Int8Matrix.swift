/// A weight matrix quantized to int8, symmetric, with one float32 scale per row (per output
/// channel): `W[r, c] ≈ scales[r] · values[r · columns + c]`, values in −127...127.
///
/// The scale of a row is max|W[r, ·]| / 127 (1 for an all-zero row), so every row uses the whole
/// int8 range and the rounding error of an entry is at most scales[r] / 2. Rows are the outputs of
/// the layer (PyTorch's `[out, in]` layout), so a row's scale factors out of every dot product.
public struct Int8Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major `[rows, columns]`.
    public let values: [Int8]
    /// `[rows]`.
    public let scales: [Float]
    /// Σ of each row's int8 values, `[rows]` (the VNNI kernel's offset correction).
    let rowSums: [Int32]
    /// The packed-weight kernel `packed` is laid out for (`.vnni` or `.avx2`), `nil` for none.
    let packing: Int8Kernels.Path?
    /// The values in `packing`'s layout, empty without one.
    let packed: [Int8]

    /// Packs the values for this CPU's packed-weight kernel (`Int8Kernels.packedPath`).
    public init(rows: Int, columns: Int, values: [Int8], scales: [Float]) {
        self.init(rows: rows, columns: columns, values: values, scales: scales, packing: Int8Kernels.packedPath)
    }

    /// Packs the values for `packing` (`.vnni` or `.avx2`; `nil`: not at all).
    init(rows: Int, columns: Int, values: [Int8], scales: [Float], packing: Int8Kernels.Path?) {
        precondition(values.count == rows * columns && scales.count == rows, "Int8Matrix: \(values.count) values, \(scales.count) scales for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
        self.scales = scales
        rowSums = (0..<rows).map { row in values[row * columns ..< (row + 1) * columns].reduce(Int32(0)) { $0 + Int32($1) } }
        self.packing = packing
        packed = packing.map { Int8Kernels.pack(values, rows: rows, columns: columns, for: $0) } ?? []
    }

    /// Quantizes the 2-D `tensor` `[rows, columns]` row by row (round to nearest), each row's
    /// largest magnitude to 127.
    public init(quantizing tensor: Tensor) {
        precondition(tensor.shape.count == 2, "Int8Matrix quantizes a 2-D tensor, got \(tensor.shape)")
        let (rows, columns) = (tensor.shape[0], tensor.shape[1])
        var values = [Int8](repeating: 0, count: rows * columns)
        var scales = [Float](repeating: 1, count: rows)
        tensor.withUnsafePointer { w in
            for row in 0..<rows {
                let entries = UnsafeBufferPointer(start: w + row * columns, count: columns)
                let largest = entries.reduce(Float(0)) { max($0, abs($1)) }
                let scale = largest > 0 ? largest / 127 : 1
                scales[row] = scale
                for column in 0..<columns {
                    values[row * columns + column] = Int8((entries[column] / scale).rounded().clamped(to: -127...127))
                }
            }
        }
        self.init(rows: rows, columns: columns, values: values, scales: scales)
    }

    /// The float32 matrix these int8 values stand for, `[rows, columns]`.
    public func dequantized() -> Tensor {
        var scalars = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                scalars[row * columns + column] = scales[row] * Float(values[row * columns + column])
            }
        }
        return Tensor(shape: [rows, columns], scalars: scalars)
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
