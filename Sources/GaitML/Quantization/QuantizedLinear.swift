/// A fully connected layer with int8 weights (per output row) and a float32 bias; the input rows
/// are quantized per row when it runs. `y = x · Wᵀ + b`.
struct QuantizedLinear: Sendable {
    /// `[out, in]`.
    let weight: Int8Matrix
    /// `[out]`.
    let bias: [Float]

    /// `rows` rows of `x` (`[rows, in]`) → `y` (`[rows, out]`, overwritten), over `Engine`'s threads.
    func apply(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>) {
        let (inputs, outputs) = (weight.columns, weight.rows)
        let quantized = Int8Buffer(count: rows * inputs)
        let scales = FloatBuffer(count: rows)
        Int8Kernels.quantizeRows(x, rows: rows, columns: inputs, stride: inputs, into: quantized.pointer, scales: scales.pointer)
        bias.withUnsafeBufferPointer { b in
            for row in 0..<rows { (y + row * outputs).update(from: b.baseAddress!, count: outputs) }
        }
        Int8Kernels.accumulateProduct(rows: rows, a: quantized.pointer, aScales: scales.pointer, weights: weight,
                                      into: y, ldc: outputs, threads: Engine.threadCount)
    }
}
