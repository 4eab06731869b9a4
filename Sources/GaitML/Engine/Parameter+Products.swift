/// How many products a weight's current value takes part in before it changes: whether copying
/// it into the packed layout (`PackedMatrix`) pays.
enum WeightUse: Sendable {
    /// One product per value: a training step's input projections and input gradients.
    case once
    /// Many products per value: inference (the weights are fixed), the recurrent steps.
    case repeatedly
}

extension Parameter {
    /// Up to this many rows a product runs on the packed copy (`PackedMatrix`) even for a single
    /// use. Measured on the Zen 4 development machine (one thread, the LSTM's shapes): the packed
    /// kernel is 1.6-1.7× OpenBLAS at 16-30 rows (OpenBLAS re-packs the weights on every call),
    /// 1.1× at 64, equal at 120-480 and about 10 % behind OpenBLAS's AVX-512 kernel at 1,920; a
    /// limit of 256 instead of 64 cost 6-15 % of training at batch 8 (packing a 240-row input
    /// projection's weight for one product).
    static let packedRowLimit = 64

    /// Whether the product runs on the packed copy: few rows, a reused value (the copy is made once
    /// per value and kept), or an OpenBLAS whose kernels use narrower vectors than GaitML's build
    /// (e.g. `OPENBLAS_CORETYPE=Haswell` on an AVX-512 machine; measured on Zen 5: training at batch
    /// 16 +25 %, `BLAS.runsNarrowerVectors`).
    static func usesPackedCopy(rows: Int, use: WeightUse) -> Bool {
        rows <= packedRowLimit || use == .repeatedly || BLAS.runsNarrowerVectors
    }

    /// `c[m, n] = a[m, k] · B` (or `+=` when `accumulate`) with B this 2-D value: `valueᵀ` for
    /// `.transposed` (the forward product with a PyTorch `[out, in]` weight), `value` for `.asIs`
    /// (the input gradient). `use`: how often this value is used (`usesPackedCopy`). `parallel`:
    /// split large products over `Engine.threadCount` threads (for callers not already running in
    /// parallel). Results do not depend on the thread count.
    func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, lda: Int, layout: PackedMatrix.Layout,
        into c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, use: WeightUse, parallel: Bool
    ) {
        if Self.usesPackedCopy(rows: m, use: use) {
            packed(layout).multiply(a, rows: m, lda: lda, into: c, ldc: ldc, accumulate: accumulate, parallel: parallel)
            return
        }
        let (rows, columns) = (value.shape[0], value.shape[1])
        let transposed = layout == .transposed
        let (n, k) = transposed ? (rows, columns) : (columns, rows)
        value.withUnsafePointer { b in
            if parallel {
                BLAS.gemmParallel(transposeB: transposed, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: columns,
                                  beta: accumulate ? 1 : 0, c: c, ldc: ldc)
            } else {
                BLAS.gemm(transposeB: transposed, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: columns,
                          beta: accumulate ? 1 : 0, c: c, ldc: ldc)
            }
        }
    }
}
