/// One direction of one LSTM layer: its four parameters and its forward and backward passes over a
/// whole sequence on the calling thread.
///
/// Shapes (time-major): input `[T, B, I]`; the layer output `[T, B, D·H]` of which this direction
/// writes the columns `outputOffset ..< outputOffset + H`.
struct LSTMDirection: Sendable {
    /// `[4H, I]`, gate blocks i, f, g, o.
    let weightIH: Parameter
    /// `[4H, H]`.
    let weightHH: Parameter
    /// `[4H]`.
    let biasIH: Parameter
    /// `[4H]`.
    let biasHH: Parameter
    /// True for the direction that reads the sequence from its last frame to its first.
    let isReverse: Bool

    var parameters: [Parameter] { [weightIH, weightHH, biasIH, biasHH] }

    /// What the backward pass needs from the forward pass, `[T, B, 4H]` activated gates and
    /// `[T, B, H]` tanh of the cell state (the cell state itself is kept too, for c₋₁).
    struct Tape: @unchecked Sendable {
        let gates: FloatBuffer
        let cells: FloatBuffer
        let tanhCells: FloatBuffer
    }

    /// Shape of one run.
    struct Geometry: Sendable {
        let steps: Int, batch: Int, inputSize: Int, hiddenSize: Int
        /// Row stride of the layer output (D·H) and this direction's first column in it.
        let outputStride: Int, outputOffset: Int
    }

    /// Time index of processing step `step` in forward order.
    func time(atStep step: Int, steps: Int) -> Int { isReverse ? steps - 1 - step : step }

    /// Runs the direction over the sequence: writes hidden states into `output` and returns the
    /// tape. The input projection for all frames is one matrix product (`parallelProjection`: split
    /// over threads, for a unidirectional layer whose caller is not already parallel; `weightUse`:
    /// `.once` in training, `.repeatedly` in inference).
    func forward(
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry: Geometry, weightUse: WeightUse,
        parallelProjection: Bool
    ) -> Tape {
        let (steps, batch, inputSize, hidden) = (geometry.steps, geometry.batch, geometry.inputSize, geometry.hiddenSize)
        let gateWidth = 4 * hidden
        let rows = steps * batch
        // The projection below writes every gate (accumulate: false), the gate pass every cell.
        let tape = Tape(gates: FloatBuffer(overwrittenCount: rows * gateWidth), cells: FloatBuffer(overwrittenCount: rows * hidden),
                        tanhCells: FloatBuffer(overwrittenCount: rows * hidden))
        let gates = tape.gates.pointer
        // b_ih + b_hh, added in the gate pass (no pass of its own over the [T·B, 4H] gates).
        let bias = FloatBuffer(count: gateWidth)
        biasIH.value.withUnsafePointer { bIH in
            biasHH.value.withUnsafePointer { bHH in
                for j in 0..<gateWidth { bias.pointer[j] = bIH[j] + bHH[j] }
            }
        }
        weightIH.multiply(input, rows: rows, lda: inputSize, layout: .transposed, into: gates, ldc: gateWidth,
                          accumulate: false, use: weightUse, parallel: parallelProjection)
        for step in 0..<steps {
            let t = time(atStep: step, steps: steps)
            let stepGates = gates + t * batch * gateWidth
            let stepOutput = output + t * batch * geometry.outputStride + geometry.outputOffset
            var previousCells: UnsafePointer<Float>?
            if step > 0 {
                let previous = time(atStep: step - 1, steps: steps)
                let previousOutput = output + previous * batch * geometry.outputStride + geometry.outputOffset
                weightHH.multiply(previousOutput, rows: batch, lda: geometry.outputStride, layout: .transposed,
                                  into: stepGates, ldc: gateWidth, accumulate: true, use: .repeatedly, parallel: false)
                previousCells = UnsafePointer(tape.cells.pointer + previous * batch * hidden)
            }
            for b in 0..<batch {
                LSTMCellKernels.forwardRow(
                    gates: stepGates + b * gateWidth, bias: bias.pointer, previousCell: previousCells.map { $0 + b * hidden },
                    cell: tape.cells.pointer + (t * batch + b) * hidden,
                    tanhCell: tape.tanhCells.pointer + (t * batch + b) * hidden,
                    hidden: stepOutput + b * geometry.outputStride, hiddenSize: hidden)
            }
        }
        return tape
    }

    /// Backpropagation through time: accumulates this direction's parameter gradients from
    /// dL/d(output) (`outputGradient`, laid out like `output`) and, when `inputGradient` is given,
    /// writes this direction's share of dL/d(input) there (`[T, B, I]`, overwritten).
    func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        tape: Tape, geometry: Geometry, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        let (steps, batch, inputSize, hidden) = (geometry.steps, geometry.batch, geometry.inputSize, geometry.hiddenSize)
        let gateWidth = 4 * hidden
        let rows = steps * batch
        let gateGradients = FloatBuffer(count: rows * gateWidth)
        let hiddenGradient = FloatBuffer(count: batch * hidden)
        let cellGradient = FloatBuffer(count: batch * hidden)
        for step in stride(from: steps - 1, through: 0, by: -1) {
            let t = time(atStep: step, steps: steps)
            let previousCells: UnsafePointer<Float>? = step > 0
                ? UnsafePointer(tape.cells.pointer + time(atStep: step - 1, steps: steps) * batch * hidden) : nil
            for b in 0..<batch {
                let row = t * batch + b
                LSTMCellKernels.backwardRow(
                    gates: tape.gates.pointer + row * gateWidth, previousCell: previousCells.map { $0 + b * hidden },
                    tanhCell: tape.tanhCells.pointer + row * hidden,
                    outputGradient: outputGradient + row * geometry.outputStride + geometry.outputOffset,
                    hiddenGradient: hiddenGradient.pointer + b * hidden, cellGradient: cellGradient.pointer + b * hidden,
                    gateGradient: gateGradients.pointer + row * gateWidth, hiddenSize: hidden)
            }
            if step > 0 {
                weightHH.multiply(gateGradients.pointer + t * batch * gateWidth, rows: batch, lda: gateWidth, layout: .asIs,
                                  into: hiddenGradient.pointer, ldc: hidden, accumulate: false, use: .repeatedly, parallel: false)
            }
        }
        // dW_hh = Σ_t dgates_tᵀ · h_(t−1 in processing order): one product over all steps but the first.
        let laterGateRows = isReverse ? 0 : batch * gateWidth
        let earlierHiddenRows = isReverse ? batch * geometry.outputStride : 0
        weightHH.gradient.withUnsafeMutablePointer { dWHH in
            WeightGradient.accumulate(
                dy: gateGradients.pointer + laterGateRows, ldy: gateWidth,
                x: output + earlierHiddenRows + geometry.outputOffset, ldx: geometry.outputStride,
                rows: (steps - 1) * batch, outputs: gateWidth, inputs: hidden, into: dWHH, parallel: false)
        }
        weightIH.gradient.withUnsafeMutablePointer { dWIH in
            WeightGradient.accumulate(dy: gateGradients.pointer, ldy: gateWidth, x: input, ldx: inputSize, rows: rows,
                                      outputs: gateWidth, inputs: inputSize, into: dWIH, parallel: false)
        }
        biasIH.gradient.withUnsafeMutablePointer {
            Kernels.addColumnSums(of: gateGradients.pointer, rows: rows, columns: gateWidth, into: $0)
        }
        biasHH.gradient.withUnsafeMutablePointer {
            Kernels.addColumnSums(of: gateGradients.pointer, rows: rows, columns: gateWidth, into: $0)
        }
        if let inputGradient {
            weightIH.multiply(gateGradients.pointer, rows: rows, lda: gateWidth, layout: .asIs, into: inputGradient,
                              ldc: inputSize, accumulate: false, use: .once, parallel: false)
        }
    }
}
