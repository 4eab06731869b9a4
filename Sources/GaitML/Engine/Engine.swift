#if canImport(Glibc)
import Glibc
#endif

/// Process-wide settings of the GaitML engine.
public enum Engine {
    /// Threads GaitML uses for large matrix products and the two directions of a bidirectional LSTM
    /// (default 2, the cores of the development machine). Set it through `configure(threads:)`.
    nonisolated(unsafe) public private(set) static var threadCount = 2

    /// The BLAS kernels in use: OpenBLAS's kernel set for this CPU ("Cooperlake", "Haswell", ...;
    /// the environment variable `OPENBLAS_CORETYPE` overrides OpenBLAS's choice) or "Accelerate".
    public static var blasKernels: String { BLAS.kernelName }

    /// Prepares the process for GaitML: OpenBLAS single-threaded (GaitML schedules its own
    /// `threads` threads, so concurrent products never contend for OpenBLAS's pool; the first
    /// product does this too, `BLAS.singleThreaded`), and on glibc
    /// the allocator set to keep freed tensor buffers (`keepFreedBuffers`). Call before running a
    /// model; calling again is harmless.
    public static func configure(threads: Int = 2) {
        threadCount = max(1, threads)
        BLAS.singleThreaded
        keepFreedBuffers()
    }

    /// Every layer allocates its outputs and tapes afresh (megabytes each at batch 16-64). glibc
    /// serves blocks that large from new `mmap`s and returns freed heap tops to the system, so each
    /// step paid for page faults and zeroing of fresh pages (9% of a training profile). With the
    /// mmap threshold at its maximum (32 MiB) and trimming only above 1 GiB of free heap, freed
    /// buffers are reused instead: measured +5-20% training throughput at batch 16-64 (BENCHMARKS.md).
    private static func keepFreedBuffers() {
        #if canImport(Glibc)
        // `mallopt` lives in <malloc.h>, which Swift's Glibc module does not import: look it up.
        // M_TRIM_THRESHOLD = -1 and M_MMAP_THRESHOLD = -3 are fixed in glibc's ABI.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        _ = mallopt(-3, 32 << 20)
        _ = mallopt(-1, 1 << 30)
        #endif
    }
}
