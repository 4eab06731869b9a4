#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Single-precision matrix multiply through the system BLAS (OpenBLAS on Linux, Accelerate on
/// macOS), row-major: `C = alpha · op(A) · op(B) + beta · C` with `op(A)` of shape `[m, k]`,
/// `op(B)` of shape `[k, n]` and `C` of shape `[m, n]`.
///
/// OpenBLAS is made single-threaded before GaitML's first product (`singleThreaded`); GaitML splits
/// large products over its own threads (`gemmParallel`) so that concurrent calls never fight over
/// OpenBLAS's thread pool.
enum BLAS {
    // swiftlint:disable:next function_parameter_count
    static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        singleThreaded
        guard k > 0 else {
            // BLAS leaves C untouched when k = 0 only for beta = 1; make beta = 0 mean "overwrite".
            if beta != 1 {
                for row in 0..<m { for column in 0..<n { c[row * ldc + column] *= beta } }
            }
            return
        }
        if m == 1 && !transposeA {
            // A single row: a matrix-vector product, which BLAS does faster than a 1-row gemm.
            // C[1, n] = A[1, k] · op(B): with B stored [n, k] (transposed) that is B · a, else Bᵀ · a.
            cblas_sgemv(CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans,
                        Int32(transposeB ? n : k), Int32(transposeB ? k : n), alpha, b, Int32(ldb), a, 1, beta, c, 1)
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `gemm` split over `Engine.threadCount` threads when the product is large enough to pay for it
    /// (about 2 MFLOP): the rows of `C` are split when there are many, else its columns. Each element
    /// of `C` is computed by one thread in a fixed order, so the result does not depend on timing.
    static func gemmParallel(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let threads = Engine.threadCount
        guard threads > 1, m * n * k >= 1 << 20 else {
            gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                 a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let (pa, pb, pc) = (SendablePointer(a), SendablePointer(b), SendableMutablePointer(c))
        let splitRows = m >= n || m >= 64 * threads
        Parallel.forEach(threads) { part in
            if splitRows {
                let range = Parallel.chunk(part, of: threads, total: m, alignment: 4)
                let aOffset = transposeA ? range.lowerBound : range.lowerBound * lda
                gemm(transposeA: transposeA, transposeB: transposeB, m: range.count, n: n, k: k, alpha: alpha,
                     a: pa.base + aOffset, lda: lda, b: pb.base, ldb: ldb, beta: beta,
                     c: pc.base + range.lowerBound * ldc, ldc: ldc)
            } else {
                let range = Parallel.chunk(part, of: threads, total: n, alignment: 16)
                let bOffset = transposeB ? range.lowerBound * ldb : range.lowerBound
                gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: range.count, k: k, alpha: alpha,
                     a: pa.base, lda: lda, b: pb.base + bOffset, ldb: ldb, beta: beta,
                     c: pc.base + range.lowerBound, ldc: ldc)
            }
        }
    }

    /// The BLAS library's kernel set: OpenBLAS's name for it ("Haswell", "Cooperlake", ...) or "Accelerate".
    static var kernelName: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        #endif
    }

    /// True when the BLAS library's matrix kernels use narrower vectors than GaitML's own (an
    /// AVX-512 build of GaitML with OpenBLAS on a 256-bit kernel set); then GaitML's kernel does the
    /// large products too.
    static let runsNarrowerVectors: Bool = {
        #if GAITML_AVX512 && !canImport(Accelerate)
        return !["SkylakeX", "Cooperlake", "SapphireRapids"].contains(kernelName)
        #else
        return false
        #endif
    }()

    /// Makes the BLAS library itself single-threaded (OpenBLAS only; Accelerate manages itself),
    /// once, when first read. Multi-threaded OpenBLAS rounds some products differently (its
    /// threads take other block shapes), so switching it mid-run broke bit-identical training:
    /// it must not depend on whether or when `Engine.configure` was called.
    static let singleThreaded: Void = {
        #if !canImport(Accelerate)
        openblas_set_num_threads(1)
        #endif
    }()
}
