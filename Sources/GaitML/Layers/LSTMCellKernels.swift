/// The element-wise parts of one LSTM time step, fused into one pass over the gates, a register
/// (`FastMath.Vector`) at a time. Gate order is PyTorch's: input `i`, forget `f`, cell candidate
/// `g`, output `o`, each a block of `hidden` values in a row of `4 · hidden`.
enum LSTMCellKernels {
    typealias Vector = FastMath.Vector

    /// Forward for one batch row. On entry `gates` holds the pre-activations less `bias` (the
    /// input and recurrent products; `bias` is b_ih + b_hh, `[4 · hidden]`); on return it holds
    /// the activations (σ(i), σ(f), tanh(g), σ(o)), and `cell`, `tanhCell`, `hidden` the new state:
    /// c = f·c₋₁ + i·g, h = o·tanh(c). `previousCell` is `nil` at the first step (c₋₁ = 0).
    static func forwardRow(
        gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?,
        cell: UnsafeMutablePointer<Float>, tanhCell: UnsafeMutablePointer<Float>,
        hidden: UnsafeMutablePointer<Float>, hiddenSize: Int
    ) {
        func slice<Register: RegisterSlice>(_ register: Register, at j: Int) {
            func preActivation(_ block: Int) -> Vector {
                let offset = block * hiddenSize + j
                return register.load(gates + offset) + register.load(bias + offset)
            }
            let i = FastMath.sigmoid(preActivation(0))
            let f = FastMath.sigmoid(preActivation(1))
            let g = FastMath.tanh(preActivation(2))
            let o = FastMath.sigmoid(preActivation(3))
            let cPrevious = previousCell.map { register.load($0 + j) } ?? Vector()
            let c = f * cPrevious + i * g
            let tc = FastMath.tanh(c)
            register.store(i, to: gates + j)
            register.store(f, to: gates + hiddenSize + j)
            register.store(g, to: gates + 2 * hiddenSize + j)
            register.store(o, to: gates + 3 * hiddenSize + j)
            register.store(c, to: cell + j)
            register.store(tc, to: tanhCell + j)
            register.store(o * tc, to: hidden + j)
        }
        let slices = FastMath.slices(count: hiddenSize)
        for j in slices.whole { slice(FullRegister(), at: j) }
        if let (j, rest) = slices.remainder { slice(rest, at: j) }
    }

    /// Backward for one batch row: from dL/dh (`outputGradient` + `hiddenGradient` from the next
    /// step) and dL/dc from the next step (`cellGradient`, replaced by dL/dc₋₁), writes
    /// dL/d(pre-activation gates) to `gateGradient`.
    static func backwardRow(
        gates: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?, tanhCell: UnsafePointer<Float>,
        outputGradient: UnsafePointer<Float>, hiddenGradient: UnsafePointer<Float>,
        cellGradient: UnsafeMutablePointer<Float>, gateGradient: UnsafeMutablePointer<Float>, hiddenSize: Int
    ) {
        func slice<Register: RegisterSlice>(_ register: Register, at j: Int) {
            let i = register.load(gates + j)
            let f = register.load(gates + hiddenSize + j)
            let g = register.load(gates + 2 * hiddenSize + j)
            let o = register.load(gates + 3 * hiddenSize + j)
            let tc = register.load(tanhCell + j)
            let cPrevious = previousCell.map { register.load($0 + j) } ?? Vector()
            let dh = register.load(outputGradient + j) + register.load(hiddenGradient + j)
            let dc = dh * o * (1 - tc * tc) + register.load(cellGradient + j)
            register.store(dc * g * i * (1 - i), to: gateGradient + j)
            register.store(dc * cPrevious * f * (1 - f), to: gateGradient + hiddenSize + j)
            register.store(dc * i * (1 - g * g), to: gateGradient + 2 * hiddenSize + j)
            register.store(dh * tc * o * (1 - o), to: gateGradient + 3 * hiddenSize + j)
            register.store(dc * f, to: cellGradient + j)
        }
        let slices = FastMath.slices(count: hiddenSize)
        for j in slices.whole { slice(FullRegister(), at: j) }
        if let (j, rest) = slices.remainder { slice(rest, at: j) }
    }
}
