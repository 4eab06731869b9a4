/// A weight matrix copied once into the layout of GaitML's own matrix kernel, for the products
/// `x · Wᵀ` (a layer's forward pass) and `x · W` (its input gradient).
///
/// Layout: the `n` output columns in panels of w = `panelWidth` (16 with AVX2, 32 with AVX-512);
/// panel `p` holds, for every `k`, the w values B[k, wp ..< wp + w] contiguously (zero past the
/// last column), so the kernel reads each weight
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
    /// `ceil(n / panelWidth) · k · panelWidth` floats.
    let panels: FloatBuffer

    static let panelWidth = PackedMatrixKernels.width

    var panelCount: Int { (n + Self.panelWidth - 1) / Self.panelWidth }

    /// Packs the row-major `source` (`[n, k]` when `.transposed`, `[k, n]` when `.asIs`), whose
    /// rows are `sourceStride` floats apart (default: packed rows).
    init(_ source: UnsafePointer<Float>, layout: Layout, k: Int, n: Int, sourceStride: Int? = nil) {
        precondition(k > 0 && n > 0, "PackedMatrix needs a non-empty matrix")
        self.k = k
        self.n = n
        let width = Self.panelWidth
        let panelCount = (n + width - 1) / width
        panels = FloatBuffer(count: panelCount * k * width)
        let target = panels.pointer
        let stride = sourceStride ?? (layout == .asIs ? n : k)
        for panel in 0..<panelCount {
            let columns = min(width, n - panel * width)
            let panelStart = target + panel * k * width
            switch layout {
            case .asIs:
                for row in 0..<k {
                    (panelStart + row * width).update(from: source + row * stride + panel * width, count: columns)
                }
            case .transposed:
                let lines = source + panel * width * stride
                for row in 0..<k {
                    for column in 0..<columns { panelStart[row * width + column] = lines[column * stride + row] }
                }
            }
        }
    }

    /// How the left operand's element (row r, index i) is found: `a[r · lda + i]` (`.rows`, A is
    /// `[m, k]`) or `a[i · lda + r]` (`.columns`, A is stored as Aᵀ `[k, m]`: the weight gradient
    /// dW = dYᵀ · X has dY `[k, m]` in memory).
    enum LeftOperand: Sendable {
        case rows, columns
    }

    /// `c[m, n] = A · B` (or `+=` when `accumulate`) for the `m` rows of A (`left`: how A lies in
    /// `a`, with stride `lda`) into `c` (row stride `ldc`). With `parallel` and a product of at
    /// least about 2 MFLOP, the panels are split over `Engine.threadCount` threads. Every element of
    /// `c` is one dot product summed in the order of `k`, whatever the split, so results do not
    /// depend on the thread count.
    func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, lda: Int, left: LeftOperand = .rows,
        into c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, parallel: Bool
    ) {
        guard m > 0 else { return }
        let strides = left == .rows ? (row: lda, index: 1) : (row: 1, index: lda)
        let threads = parallel && m * n * k >= 1 << 20 ? min(Engine.threadCount, panelCount) : 1
        guard threads > 1 else {
            multiply(a, rows: m, strides: strides, into: c, ldc: ldc, accumulate: accumulate, panels: 0..<panelCount)
            return
        }
        let (pa, pc) = (SendablePointer(a), SendableMutablePointer(c))
        Parallel.forEach(threads) { part in
            let range = Parallel.chunk(part, of: threads, total: panelCount)
            multiply(pa.base, rows: m, strides: strides, into: pc.base, ldc: ldc, accumulate: accumulate, panels: range)
        }
    }

    /// Rows of A kept in cache while the panels pass over them: up to 96, and at most 256 KiB of
    /// them (96 · k floats is 192 KiB at k = 512; a weight gradient's k of 1,920 gets 30 rows), so
    /// that they and one panel stay in the 1 MiB L2.
    private var rowBlock: Int { max(6, min(96, (1 << 16) / k / 6 * 6)) }

    private func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, strides: (row: Int, index: Int), into c: UnsafeMutablePointer<Float>,
        ldc: Int, accumulate: Bool, panels range: Range<Int>
    ) {
        let width = Self.panelWidth
        let panelStride = k * width
        if m == 1 && strides.index == 1 {
            var panel = range.lowerBound
            while panel + 4 <= range.upperBound && (panel + 4) * width <= n {
                PackedMatrixKernels.oneRowFourPanels(a, k: k, panels: panels.pointer + panel * panelStride,
                                                     c: c + panel * width, accumulate: accumulate)
                panel += 4
            }
            for rest in panel..<range.upperBound {
                PackedMatrixKernels.sixRows(a, strides: strides, rows: 1, k: k, panel: panels.pointer + rest * panelStride,
                                            c: c + rest * width, ldc: ldc, columns: min(width, n - rest * width),
                                            accumulate: accumulate)
            }
            return
        }
        let block = rowBlock
        for blockStart in stride(from: 0, to: m, by: block) {
            let blockEnd = min(m, blockStart + block)
            for panel in range {
                let columns = min(width, n - panel * width)
                for row in stride(from: blockStart, to: blockEnd, by: 6) {
                    PackedMatrixKernels.sixRows(a + row * strides.row, strides: strides, rows: min(6, blockEnd - row), k: k,
                                                panel: panels.pointer + panel * panelStride,
                                                c: c + row * ldc + panel * width, ldc: ldc, columns: columns,
                                                accumulate: accumulate)
                }
            }
        }
    }
}
