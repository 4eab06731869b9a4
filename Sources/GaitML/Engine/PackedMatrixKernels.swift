/// The register-tiled inner loops of `PackedMatrix.multiply`, in `FastMath.Vector`s (8 lanes with
/// AVX2, 16 with AVX-512): each step over `k` loads a panel's `width` (two vectors of) weights
/// once and multiplies them into the accumulators of several input rows with fused multiply-adds.
enum PackedMatrixKernels {
    typealias Vector = FastMath.Vector
    /// Lanes per vector.
    static let lanes = Vector.scalarCount
    /// Columns of a panel: two vectors.
    static let width = 2 * lanes

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ vector: Vector, to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
    }

    /// Up to 6 rows of A (`rows`; element (r, i) at `a[r · strides.row + i · strides.index]`) times
    /// one panel: 12 accumulators,
    /// 2 weight loads and 6 broadcasts per `k`. With fewer than 6 rows the last row is computed
    /// again in the unused accumulators and not stored (keeps the loop free of branches).
    /// Writes `columns` (≤ `width`) columns of `c`.
    @inline(__always)
    static func sixRows(
        _ a: UnsafePointer<Float>, strides: (row: Int, index: Int), rows: Int, k: Int, panel: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, columns: Int, accumulate: Bool
    ) {
        let last = rows - 1
        let lda = strides.row
        let a0 = a, a1 = a + min(1, last) * lda, a2 = a + min(2, last) * lda
        let a3 = a + min(3, last) * lda, a4 = a + min(4, last) * lda, a5 = a + min(5, last) * lda
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector(), c20 = Vector(), c21 = Vector()
        var c30 = Vector(), c31 = Vector(), c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
        var weights = panel
        for index in 0..<k {
            let low = load(weights), high = load(weights + lanes)
            let offset = index * strides.index
            var x = Vector(repeating: a0[offset])
            c00.addProduct(x, low); c01.addProduct(x, high)
            x = Vector(repeating: a1[offset])
            c10.addProduct(x, low); c11.addProduct(x, high)
            x = Vector(repeating: a2[offset])
            c20.addProduct(x, low); c21.addProduct(x, high)
            x = Vector(repeating: a3[offset])
            c30.addProduct(x, low); c31.addProduct(x, high)
            x = Vector(repeating: a4[offset])
            c40.addProduct(x, low); c41.addProduct(x, high)
            x = Vector(repeating: a5[offset])
            c50.addProduct(x, low); c51.addProduct(x, high)
            weights += width
        }
        write(c00, c01, to: c, columns: columns, accumulate: accumulate)
        if rows > 1 { write(c10, c11, to: c + ldc, columns: columns, accumulate: accumulate) }
        if rows > 2 { write(c20, c21, to: c + 2 * ldc, columns: columns, accumulate: accumulate) }
        if rows > 3 { write(c30, c31, to: c + 3 * ldc, columns: columns, accumulate: accumulate) }
        if rows > 4 { write(c40, c41, to: c + 4 * ldc, columns: columns, accumulate: accumulate) }
        if rows > 5 { write(c50, c51, to: c + 5 * ldc, columns: columns, accumulate: accumulate) }
    }

    /// One row of `a` times four consecutive full panels (4 · `width` columns): 8 accumulators so that the
    /// multiply-adds do not wait on each other; the weights stream once (the batch-1 recurrent step).
    @inline(__always)
    static func oneRowFourPanels(
        _ a: UnsafePointer<Float>, k: Int, panels: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        var s0 = Vector(), s1 = Vector(), s2 = Vector(), s3 = Vector()
        var s4 = Vector(), s5 = Vector(), s6 = Vector(), s7 = Vector()
        let p0 = panels, p1 = panels + width * k, p2 = panels + 2 * width * k, p3 = panels + 3 * width * k
        for index in 0..<k {
            let x = Vector(repeating: a[index])
            let offset = index * width
            s0.addProduct(x, load(p0 + offset)); s1.addProduct(x, load(p0 + offset + lanes))
            s2.addProduct(x, load(p1 + offset)); s3.addProduct(x, load(p1 + offset + lanes))
            s4.addProduct(x, load(p2 + offset)); s5.addProduct(x, load(p2 + offset + lanes))
            s6.addProduct(x, load(p3 + offset)); s7.addProduct(x, load(p3 + offset + lanes))
        }
        write(s0, s1, to: c, columns: width, accumulate: accumulate)
        write(s2, s3, to: c + width, columns: width, accumulate: accumulate)
        write(s4, s5, to: c + 2 * width, columns: width, accumulate: accumulate)
        write(s6, s7, to: c + 3 * width, columns: width, accumulate: accumulate)
    }

    /// Stores (or adds) `width` values, or the first `columns` of them.
    @inline(__always)
    static func write(_ low: Vector, _ high: Vector, to row: UnsafeMutablePointer<Float>, columns: Int, accumulate: Bool) {
        if columns == width {
            store(accumulate ? load(row) + low : low, to: row)
            store(accumulate ? load(row + lanes) + high : high, to: row + lanes)
            return
        }
        for column in 0..<columns {
            let value = column < lanes ? low[column] : high[column - lanes]
            row[column] = accumulate ? row[column] + value : value
        }
    }
}
