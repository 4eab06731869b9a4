/// Process-wide settings of the GaitML engine.
public enum Engine {
    /// Threads GaitML uses for large matrix products and the two directions of a bidirectional LSTM
    /// (default 2, the cores of the development machine). Set it through `configure(threads:)`.
    nonisolated(unsafe) public private(set) static var threadCount = 2

    /// Prepares the process for GaitML: OpenBLAS single-threaded (GaitML schedules its own
    /// `threads` threads, so concurrent products never contend for OpenBLAS's pool). Call before
    /// running a model; calling again is harmless.
    public static func configure(threads: Int = 2) {
        threadCount = max(1, threads)
        BLAS.useSingleThread()
    }
}
