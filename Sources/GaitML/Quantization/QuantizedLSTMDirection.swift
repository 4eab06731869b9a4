/// One direction of one LSTM layer with int8 weights: the input projection of all frames is one
/// int8 product, then each step adds the int8 product of the quantized previous hidden state with
/// W_hh and applies the same fused gate kernel as the float32 LSTM (PyTorch gate order i, f, g, o).
struct QuantizedLSTMDirection: Sendable {
    /// `[4H, I]`.
    let inputWeight: Int8Matrix
    /// `[4H, H]`.
    let hiddenWeight: Int8Matrix
    /// b_ih + b_hh, `[4H]`.
    let bias: [Float]
    let isReverse: Bool

    var hiddenSize: Int { hiddenWeight.columns }

    /// Runs over the whole sequence. `input`/`inputScales`: the layer input `[T, B, I]` quantized per
    /// row; writes hidden states to the columns `outputOffset ..< outputOffset + H` of `output`
    /// (`[T, B, outputStride]`).
    func forward(
        input: UnsafePointer<Int8>, inputScales: UnsafePointer<Float>, steps: Int, batch: Int,
        output: UnsafeMutablePointer<Float>, outputStride: Int, outputOffset: Int
    ) {
        let hidden = hiddenSize
        let gateWidth = 4 * hidden
        let rows = steps * batch
        let gates = FloatBuffer(count: rows * gateWidth)   // zeros: the products accumulate, the gate pass adds `bias`
        let gateBias = FloatBuffer(count: gateWidth)
        gateBias.pointer.update(from: bias, count: gateWidth)
        Int8Kernels.accumulateProduct(rows: rows, a: input, aScales: inputScales, weights: inputWeight,
                                      into: gates.pointer, ldc: gateWidth)
        // When each step's product goes through BLAS, convert W_hh once for all steps.
        let hiddenFloats = Int8Kernels.Path.best(rows: batch, inner: hidden) == .blas ? hiddenWeight.integerFloats() : nil
        let cells = [FloatBuffer(count: batch * hidden), FloatBuffer(count: batch * hidden)]
        let tanhCells = FloatBuffer(count: batch * hidden)
        let quantizedHidden = Int8Buffer(count: batch * hidden)
        let hiddenScales = FloatBuffer(count: batch)
        for step in 0..<steps {
            let t = isReverse ? steps - 1 - step : step
            let stepGates = gates.pointer + t * batch * gateWidth
            let (cell, previousCell) = (cells[step % 2], cells[(step + 1) % 2])
            if step > 0 {
                let previous = isReverse ? t + 1 : t - 1
                Int8Kernels.quantizeRows(output + previous * batch * outputStride + outputOffset, rows: batch, columns: hidden,
                                         stride: outputStride, into: quantizedHidden.pointer, scales: hiddenScales.pointer)
                Int8Kernels.accumulateProduct(rows: batch, a: quantizedHidden.pointer, aScales: hiddenScales.pointer,
                                              weights: hiddenWeight, weightFloats: hiddenFloats.map { UnsafePointer($0.pointer) },
                                              into: stepGates, ldc: gateWidth)
            }
            for b in 0..<batch {
                LSTMCellKernels.forwardRow(
                    gates: stepGates + b * gateWidth, bias: gateBias.pointer, previousCell: step > 0 ? UnsafePointer(previousCell.pointer + b * hidden) : nil,
                    cell: cell.pointer + b * hidden, tanhCell: tanhCells.pointer + b * hidden,
                    hidden: output + (t * batch + b) * outputStride + outputOffset, hiddenSize: hidden)
            }
        }
    }
}
