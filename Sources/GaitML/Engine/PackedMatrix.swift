/// A weight matrix copied once into the layout of GaitML's own matrix kernel, for the products
/// `x · Wᵀ` (a layer's forward pass) and `x · W` (its input gradient).
///
/// Layout: the `n` output columns in panels of 16; panel `p` holds, for every `k`, the 16 values
/// B[k, 16p ..< 16p + 16] contiguously (zero past the last column), so the kernel reads each weight
/// once per 6 input rows with no stride and no per-call copying. OpenBLAS copies ("packs") the
/// weight matrix on every call, which at the LSTM's few-row products (1 row per recurrent step at
/// batch 1, 30 rows per input projection) costs as much as the arithmetic; packing once per weight
/// value (`Parameter.packed`) removes that.
final class PackedMatrix: @unchecked Sendable {
    /// How the source matrix relates to the product's right-hand side B `[k, n]`.
    enum Layout: Sendable {
        /// The source is `[n, k]` (PyTorch's `[out, in]` weight): products `x · Wᵀ`.
        case transposed
        /// The source is `[k, n]`: products `x · W`.
        case asIs
    }

    /// Inner dimension (rows of B).
    let k: Int
    /// Output columns (columns of B).
    let n: Int
    /// `ceil(n / 16) · k · 16` floats.
    let panels: FloatBuffer

    static let panelWidth = 16

    var panelCount: Int { (n + Self.panelWidth - 1) / Self.panelWidth }

    /// Packs the row-major `source` (`[n, k]` when `.transposed`, `[k, n]` when `.asIs`).
    init(_ source: UnsafePointer<Float>, layout: Layout, k: Int, n: Int) {
        precondition(k > 0 && n > 0, "PackedMatrix needs a non-empty matrix")
        self.k = k
        self.n = n
        let width = Self.panelWidth
        let panelCount = (n + width - 1) / width
        panels = FloatBuffer(count: panelCount * k * width)
        let target = panels.pointer
        for panel in 0..<panelCount {
            let columns = min(width, n - panel * width)
            let panelStart = target + panel * k * width
            switch layout {
            case .asIs:
                for row in 0..<k {
                    (panelStart + row * width).update(from: source + row * n + panel * width, count: columns)
                }
            case .transposed:
                let lines = source + panel * width * k
                for row in 0..<k {
                    for column in 0..<columns { panelStart[row * width + column] = lines[column * k + row] }
                }
            }
        }
    }

    /// `c[m, n] = a[m, k] · B` (or `+=` when `accumulate`) for `m` rows of `a` (row stride `lda`)
    /// into `c` (row stride `ldc`). With `parallel` and a product of at least about 2 MFLOP, the
    /// panels are split over `Engine.threadCount` threads. Every element of `c` is one dot product
    /// summed in the order of `k`, whatever the split, so results do not depend on the thread count.
    func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, lda: Int, into c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool, parallel: Bool
    ) {
        guard m > 0 else { return }
        let threads = parallel && m * n * k >= 1 << 20 ? min(Engine.threadCount, panelCount) : 1
        guard threads > 1 else {
            multiply(a, rows: m, lda: lda, into: c, ldc: ldc, accumulate: accumulate, panels: 0..<panelCount)
            return
        }
        let (pa, pc) = (SendablePointer(a), SendableMutablePointer(c))
        Parallel.forEach(threads) { part in
            let range = Parallel.chunk(part, of: threads, total: panelCount)
            multiply(pa.base, rows: m, lda: lda, into: pc.base, ldc: ldc, accumulate: accumulate, panels: range)
        }
    }

    /// Rows of `a` kept in cache while the panels pass over them (96 · k floats: 192 KiB at k = 512).
    private static let rowBlock = 96

    private func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, lda: Int, into c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool, panels range: Range<Int>
    ) {
        let width = Self.panelWidth
        let panelStride = k * width
        if m == 1 {
            var panel = range.lowerBound
            while panel + 4 <= range.upperBound && (panel + 4) * width <= n {
                PackedMatrixKernels.oneRowFourPanels(a, k: k, panels: panels.pointer + panel * panelStride,
                                                     c: c + panel * width, accumulate: accumulate)
                panel += 4
            }
            for rest in panel..<range.upperBound {
                PackedMatrixKernels.sixRows(a, lda: lda, rows: 1, k: k, panel: panels.pointer + rest * panelStride,
                                            c: c + rest * width, ldc: ldc, columns: min(width, n - rest * width),
                                            accumulate: accumulate)
            }
            return
        }
        for blockStart in stride(from: 0, to: m, by: Self.rowBlock) {
            let blockEnd = min(m, blockStart + Self.rowBlock)
            for panel in range {
                let columns = min(width, n - panel * width)
                for row in stride(from: blockStart, to: blockEnd, by: 6) {
                    PackedMatrixKernels.sixRows(a + row * lda, lda: lda, rows: min(6, blockEnd - row), k: k,
                                                panel: panels.pointer + panel * panelStride,
                                                c: c + row * ldc + panel * width, ldc: ldc, columns: columns,
                                                accumulate: accumulate)
                }
            }
        }
    }
}
