/// The weight gradient of a layer product Y = X · Wᵀ: dW += dYᵀ · X, summed over the batch's rows.
enum WeightGradient {
    /// `dW[j, i] += Σ_r dY[r, j] · X[r, i]` over `rows` rows r, for `outputs` j and `inputs` i:
    /// dY `[rows, outputs]` (row stride `ldy`), X `[rows, inputs]` (row stride `ldx`), dW
    /// `[outputs, inputs]` contiguous. `parallel`: split over `Engine.threadCount` threads (for
    /// callers not already running in parallel).
    ///
    /// Runs on GaitML's kernel (X copied into panels for this one product: `rows · inputs` floats
    /// against `2 · rows · inputs · outputs` flops) when OpenBLAS's kernels use narrower vectors than
    /// GaitML's build (`BLAS.runsNarrowerVectors`), on OpenBLAS otherwise.
    static func accumulate(
        dy: UnsafePointer<Float>, ldy: Int, x: UnsafePointer<Float>, ldx: Int, rows: Int, outputs: Int, inputs: Int,
        into dW: UnsafeMutablePointer<Float>, parallel: Bool
    ) {
        guard rows > 0 else { return }
        if BLAS.runsNarrowerVectors {
            let packedX = PackedMatrix(x, layout: .asIs, k: rows, n: inputs, sourceStride: ldx)
            packedX.multiply(dy, rows: outputs, lda: ldy, left: .columns, into: dW, ldc: inputs, accumulate: true,
                             parallel: parallel)
        } else if parallel {
            BLAS.gemmParallel(transposeA: true, m: outputs, n: inputs, k: rows, a: dy, lda: ldy, b: x, ldb: ldx,
                              beta: 1, c: dW, ldc: inputs)
        } else {
            BLAS.gemm(transposeA: true, m: outputs, n: inputs, k: rows, a: dy, lda: ldy, b: x, ldb: ldx,
                      beta: 1, c: dW, ldc: inputs)
        }
    }
}
