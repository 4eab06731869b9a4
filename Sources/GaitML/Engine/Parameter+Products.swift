extension Parameter {
    /// Up to this many rows a product with a weight runs on the packed copy (`PackedMatrix`), above
    /// it on OpenBLAS. Measured on the development machine (one thread, the LSTM's shapes): the
    /// packed kernel is 1.6-1.7× OpenBLAS at 16-30 rows (OpenBLAS re-packs the weights on every
    /// call), 1.1× at 64, equal at 120-480 and about 10 % behind OpenBLAS's AVX-512 kernel at 1,920.
    /// In training every weight changes each step, so a packed copy pays only where it is reused:
    /// the recurrent steps (30 products per copy); a 240-row input projection at batch 8 would pack
    /// for one product (measured: a limit of 256 instead of 64 cost 6-15 % of training at batch 8).
    static let packedRowLimit = 64

    /// `c[m, n] = a[m, k] · B` (or `+=` when `accumulate`) with B this 2-D value: `valueᵀ` for
    /// `.transposed` (the forward product with a PyTorch `[out, in]` weight), `value` for `.asIs`
    /// (the input gradient). `parallel`: split large products over `Engine.threadCount` threads (for
    /// callers not already running in parallel). Results do not depend on the thread count.
    func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, lda: Int, layout: PackedMatrix.Layout,
        into c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, parallel: Bool
    ) {
        if m <= Self.packedRowLimit {
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
