/// The element-wise parts of one LSTM time step, fused into one pass over the gates, a register
/// (`FastMath.Vector`) at a time. Gate order is PyTorch's: input `i`, forget `f`, cell candidate
/// `g`, output `o`, each a block of `hidden` values in a row of `4 · hidden`.
enum LSTMCellKernels {
    typealias Vector = FastMath.Vector

    /// Forward for one batch row. On entry `gates` holds the pre-activations less `bias` (the
    /// input and recurrent products; `bias` is b_ih + b_hh, `[4 · hidden]`); on return it holds
    /// the activations (σ(i), σ(f), tanh(g), σ(o)), and `cell`, `tanhCell`, `hidden` the new state:
    /// c = f·c₋₁ + i·g, h = o·tanh(c). `previousCell` is `nil` at the first step (c₋₁ = 0).
    @inline(__always)
    static func forwardRow(
        gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?,
        cell: UnsafeMutablePointer<Float>, tanhCell: UnsafeMutablePointer<Float>,
        hidden: UnsafeMutablePointer<Float>, hiddenSize: Int
    ) {
        FastMath.forEachSlice(count: hiddenSize) { j, lanes in
            func preActivation(_ block: Int) -> Vector {
                let offset = block * hiddenSize + j
                return FastMath.load(gates + offset, count: lanes) + FastMath.load(bias + offset, count: lanes)
            }
            let i = FastMath.sigmoid(preActivation(0))
            let f = FastMath.sigmoid(preActivation(1))
            let g = FastMath.tanh(preActivation(2))
            let o = FastMath.sigmoid(preActivation(3))
            let cPrevious = previousCell.map { FastMath.load($0 + j, count: lanes) } ?? Vector()
            let c = f * cPrevious + i * g
            let tc = FastMath.tanh(c)
            FastMath.store(i, to: gates + j, count: lanes)
            FastMath.store(f, to: gates + hiddenSize + j, count: lanes)
            FastMath.store(g, to: gates + 2 * hiddenSize + j, count: lanes)
            FastMath.store(o, to: gates + 3 * hiddenSize + j, count: lanes)
            FastMath.store(c, to: cell + j, count: lanes)
            FastMath.store(tc, to: tanhCell + j, count: lanes)
            FastMath.store(o * tc, to: hidden + j, count: lanes)
        }
    }

    /// Backward for one batch row: from dL/dh (`outputGradient` + `hiddenGradient` from the next
    /// step) and dL/dc from the next step (`cellGradient`, replaced by dL/dc₋₁), writes
    /// dL/d(pre-activation gates) to `gateGradient`.
    @inline(__always)
    static func backwardRow(
        gates: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?, tanhCell: UnsafePointer<Float>,
        outputGradient: UnsafePointer<Float>, hiddenGradient: UnsafePointer<Float>,
        cellGradient: UnsafeMutablePointer<Float>, gateGradient: UnsafeMutablePointer<Float>, hiddenSize: Int
    ) {
        FastMath.forEachSlice(count: hiddenSize) { j, lanes in
            let i = FastMath.load(gates + j, count: lanes)
            let f = FastMath.load(gates + hiddenSize + j, count: lanes)
            let g = FastMath.load(gates + 2 * hiddenSize + j, count: lanes)
            let o = FastMath.load(gates + 3 * hiddenSize + j, count: lanes)
            let tc = FastMath.load(tanhCell + j, count: lanes)
            let cPrevious = previousCell.map { FastMath.load($0 + j, count: lanes) } ?? Vector()
            let dh = FastMath.load(outputGradient + j, count: lanes) + FastMath.load(hiddenGradient + j, count: lanes)
            let dc = dh * o * (1 - tc * tc) + FastMath.load(cellGradient + j, count: lanes)
            FastMath.store(dc * g * i * (1 - i), to: gateGradient + j, count: lanes)
            FastMath.store(dc * cPrevious * f * (1 - f), to: gateGradient + hiddenSize + j, count: lanes)
            FastMath.store(dc * i * (1 - g * g), to: gateGradient + 2 * hiddenSize + j, count: lanes)
            FastMath.store(dh * tc * o * (1 - o), to: gateGradient + 3 * hiddenSize + j, count: lanes)
            FastMath.store(dc * f, to: cellGradient + j, count: lanes)
        }
    }
}
