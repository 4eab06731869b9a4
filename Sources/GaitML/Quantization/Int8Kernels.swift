import CInt8
import Foundation

/// The arithmetic of GaitML's int8 inference: dynamic per-row quantization of activations, and
/// int8 × int8 products accumulated in int32 then rescaled to float32.
///
/// A product `x · Wᵀ` with x quantized per row (scale sₓ[m]) and W per output row (scale s_w[n]) is
/// `y[m, n] = sₓ[m] · s_w[n] · Σ_k qx[m, k] · qw[n, k]`, the sum exact in int32.
enum Int8Kernels {
    /// Quantizes `rows` rows of `columns` floats (row r at `x + r · stride`) to int8, symmetric per
    /// row: q = round(x / s) with s = max|row| / 127 (1 for an all-zero row). Writes q row-major
    /// `[rows, columns]` to `values` and s to `scales`.
    static func quantizeRows(
        _ x: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int,
        into values: UnsafeMutablePointer<Int8>, scales: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            let source = x + row * stride
            var largest: Float = 0
            for column in 0..<columns { largest = max(largest, abs(source[column])) }
            let scale: Float = largest > 0 ? largest / 127 : 1
            let inverse = 1 / scale
            let target = values + row * columns
            for column in 0..<columns {
                // |x / s| ≤ 127 by construction (up to rounding of 1/s), so the clamp only guards the last ulp.
                target[column] = Int8(max(-127, min(127, (source[column] * inverse).rounded(.toNearestOrEven))))
            }
            scales[row] = scale
        }
    }

    /// Σ_k a[k] · b[k] in int32 (vectorised by the compiler into 16-bit multiply-adds).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, count: Int) -> Int32 {
        var sum: Int32 = 0
        for k in 0..<count { sum &+= Int32(Int16(a[k]) &* Int16(b[k])) }
        return sum
    }

    /// Rows at and above which a product goes through float32 BLAS instead of the int8 loop (when
    /// the CPU has no packed-weight kernel, `packedPath`).
    static let blasRowThreshold = 8

    /// Largest inner dimension for which the BLAS path is exact: every partial sum of products of
    /// two int8 values (|q| ≤ 127) stays below 2²⁴, so float32 holds it exactly whatever the
    /// summation order (127² · 1040 < 2²⁴).
    static let exactFloatInnerLimit = 1040

    /// Whether this CPU has AVX-512 VNNI (int8 dot products in hardware, `CInt8`).
    static let hasVNNI = gait_int8_has_vnni() != 0

    /// Whether this CPU has AVX2 (16-bit multiply-adds, `CInt8`).
    static let hasAVX2 = gait_int8_has_avx2() != 0

    /// Largest inner dimension of the packed-weight kernels.
    static let packedInnerLimit = 4096

    /// This CPU's packed-weight kernel, whose layout `Int8Matrix` keeps: VNNI where there is
    /// VNNI, else AVX2, else none. The environment variable `RUNCOACH_INT8_KERNEL` may ask for
    /// `avx2` (on a VNNI CPU too) or `none` (the integer loop and BLAS), to compare them on one
    /// machine; a kernel the CPU lacks is never taken.
    static let packedPath: Path? = {
        switch ProcessInfo.processInfo.environment["RUNCOACH_INT8_KERNEL"] {
        case "none": return nil
        case "avx2": return hasAVX2 ? .avx2 : nil
        default: return hasVNNI ? .vnni : (hasAVX2 ? .avx2 : nil)
        }
    }()

    /// `values` (`[rows, columns]`) in the layout of `path`'s kernel (`.vnni` or `.avx2`).
    static func pack(_ values: [Int8], rows: Int, columns: Int, for path: Path) -> [Int8] {
        let (width, group): (Int32, Int32) = path == .vnni ? (16, 4) : (8, 2)
        let (n, k) = (Int64(rows), Int64(columns))
        var packed = [Int8](repeating: 0, count: Int(gait_int8_packed_size(n, k, width, group)))
        values.withUnsafeBufferPointer { v in
            packed.withUnsafeMutableBufferPointer { gait_int8_pack(v.baseAddress!, n, k, width, group, $0.baseAddress!) }
        }
        return packed
    }

    /// How a product is computed; all give the same integers, hence bit-identical results.
    enum Path: CaseIterable {
        /// AVX-512 VNNI kernel over packed weights (`CInt8`): 64 int8 multiply-adds per instruction.
        case vnni
        /// AVX2 kernel over packed weights (`CInt8`): 16 multiply-adds of int8 values widened to
        /// 16 bits per instruction.
        case avx2
        /// Swift loop vectorised into 16-bit multiply-adds (AVX2).
        case integerLoop
        /// The integers as float32 through BLAS (exact, see `exactFloatInnerLimit`).
        case blas

        /// The fastest path here for `rows` rows of inner size `inner`.
        static func best(rows: Int, inner: Int) -> Path {
            if let packedPath, inner <= packedInnerLimit { return packedPath }
            return rows >= blasRowThreshold && inner <= exactFloatInnerLimit ? .blas : .integerLoop
        }
    }

    /// `c[m, n] += sₐ[m] · s_w[n] · Σ_k a[m, k] · w[n, k]` for `rows` rows of `a` (int8 `[rows, K]`)
    /// and the weight matrix `weights` (`[N, K]`). `c` has row stride `ldc`. `weightFloats` (the
    /// weights' integer values as float32) spares the BLAS path converting them on every call.
    /// `threads` > 1 splits the outputs over `Engine`'s threads.
    static func accumulateProduct(
        rows: Int, a: UnsafePointer<Int8>, aScales: UnsafePointer<Float>, weights: Int8Matrix,
        weightFloats: UnsafePointer<Float>? = nil, into c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int = 1,
        path: Path? = nil
    ) {
        let (outputs, inner) = (weights.rows, weights.columns)
        guard rows > 0 else { return }
        let path = path ?? Path.best(rows: rows, inner: inner)
        if path == .blas {
            precondition(inner <= exactFloatInnerLimit, "the BLAS path is exact only up to \(exactFloatInnerLimit) inputs")
            let owned = weightFloats == nil ? weights.integerFloats() : nil
            let wf = weightFloats ?? UnsafePointer(owned!.pointer)
            let af = FloatBuffer(count: rows * inner)
            for index in 0..<rows * inner { af.pointer[index] = Float(a[index]) }
            let sums = FloatBuffer(count: rows * outputs)
            if threads > 1 {
                BLAS.gemmParallel(transposeB: true, m: rows, n: outputs, k: inner, a: af.pointer, lda: inner, b: wf, ldb: inner,
                                  c: sums.pointer, ldc: outputs)
            } else {
                BLAS.gemm(transposeB: true, m: rows, n: outputs, k: inner, a: af.pointer, lda: inner, b: wf, ldb: inner,
                          c: sums.pointer, ldc: outputs)
            }
            weights.scales.withUnsafeBufferPointer { ws in
                for m in 0..<rows {
                    let (row, sum, scale) = (c + m * ldc, sums.pointer + m * outputs, aScales[m])
                    for n in 0..<outputs { row[n] += sum[n] * scale * ws[n] }
                }
            }
            return
        }
        if path == .vnni || path == .avx2 {
            precondition(path == weights.packing && inner <= packedInnerLimit, "the \(path) path needs weights packed for it and at most \(packedInnerLimit) inputs")
            // Outputs per column block of the packed layout, and bytes per block.
            let (blockWidth, blockBytes) = path == .vnni ? (16, (inner + 3) / 4 * 64) : (8, (inner + 1) / 2 * 16)
            var sums = [Int32](repeating: 0, count: rows * outputs)
            weights.packed.withUnsafeBufferPointer { packed in
                weights.scales.withUnsafeBufferPointer { ws in
                    weights.rowSums.withUnsafeBufferPointer { wsums in
                        sums.withUnsafeMutableBufferPointer { sumsBuffer in
                            let (w, scales, rowSums) = (SendableInt8Pointer(packed.baseAddress!), SendablePointer(ws.baseAddress!), SendableInt32Pointer(wsums.baseAddress!))
                            let (input, inputScales, out) = (SendableInt8Pointer(a), SendablePointer(aScales), SendableMutablePointer(c))
                            let integers = SendableMutableInt32Pointer(sumsBuffer.baseAddress!)
                            let parts = threads > 1 && rows * outputs * inner >= 1 << 18 ? threads : 1
                            Parallel.forEach(parts) { part in
                                // Whole column blocks per thread (two blocks keep the kernels' two-block tiles).
                                let range = Parallel.chunk(part, of: parts, total: outputs, alignment: 2 * blockWidth)
                                guard !range.isEmpty else { return }
                                let (blocks, target) = (w.base + range.lowerBound / blockWidth * blockBytes, integers.base + range.lowerBound)
                                if path == .vnni {
                                    gait_int8_gemm_vnni(input.base, Int64(rows), Int64(inner), blocks, rowSums.base + range.lowerBound,
                                                        Int64(range.count), target, Int64(outputs))
                                } else {
                                    gait_int8_gemm_avx2(input.base, Int64(rows), Int64(inner), blocks, Int64(range.count), target, Int64(outputs))
                                }
                                for m in 0..<rows {
                                    let (row, sum, scale) = (out.base + m * ldc, integers.base + m * outputs, inputScales.base[m])
                                    for n in range { row[n] += Float(sum[n]) * scale * scales.base[n] }
                                }
                            }
                        }
                    }
                }
            }
            return
        }
        weights.values.withUnsafeBufferPointer { wv in
            weights.scales.withUnsafeBufferPointer { ws in
                let (w, scales) = (SendableInt8Pointer(wv.baseAddress!), SendablePointer(ws.baseAddress!))
                let (input, inputScales, out) = (SendableInt8Pointer(a), SendablePointer(aScales), SendableMutablePointer(c))
                let parts = threads > 1 && rows * outputs * inner >= 1 << 18 ? threads : 1
                Parallel.forEach(parts) { part in
                    for n in Parallel.chunk(part, of: parts, total: outputs, alignment: 16) {
                        let weightRow = w.base + n * inner
                        for m in 0..<rows {
                            let sum = dot(input.base + m * inner, weightRow, count: inner)
                            out.base[m * ldc + n] += Float(sum) * inputScales.base[m] * scales.base[n]
                        }
                    }
                }
            }
        }
    }
}

/// A pointer to int8 values that may cross into a parallel region (threads only read).
struct SendableInt8Pointer: @unchecked Sendable {
    let base: UnsafePointer<Int8>
    init(_ base: UnsafePointer<Int8>) { self.base = base }
}

/// A pointer to int32 values that may cross into a parallel region (threads only read).
struct SendableInt32Pointer: @unchecked Sendable {
    let base: UnsafePointer<Int32>
    init(_ base: UnsafePointer<Int32>) { self.base = base }
}

/// A mutable pointer to int32 values that may cross into a parallel region (threads write disjoint elements).
struct SendableMutableInt32Pointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int32>
    init(_ base: UnsafeMutablePointer<Int32>) { self.base = base }
}

/// A fixed-size, manually allocated block of int8 values (quantized activations).
final class Int8Buffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int8>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: count)
    }

    deinit { pointer.deallocate() }
}

extension Int8Matrix {
    /// The int8 values as float32 (integers, not rescaled), `[rows, columns]`: the BLAS path's operand.
    func integerFloats() -> FloatBuffer {
        let buffer = FloatBuffer(count: values.count)
        values.withUnsafeBufferPointer { v in
            for index in 0..<v.count { buffer.pointer[index] = Float(v[index]) }
        }
        return buffer
    }
}
