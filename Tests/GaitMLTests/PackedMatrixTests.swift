import GaitCore
import Testing
@testable import GaitML

@Suite("Packed weight products")
struct PackedMatrixTests {
    /// Row counts that reach every kernel path: 1 (the one-row path, with full groups of four panels
    /// and left-over panels), 2-13 (partial and full six-row tiles), 97 (past a 96-row cache block),
    /// 300 (above the packed-row limit: OpenBLAS for a single use, unless OpenBLAS runs narrower
    /// vectors than GaitML; the packed copy for a reused weight); column counts ending in partial panels (16- and
    /// 32-column panels: fewer columns than one vector, and more).
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (1, 1024, 256), (1, 93, 37), (2, 16, 5), (5, 61, 33), (6, 64, 64), (13, 141, 17), (97, 40, 24), (300, 70, 48),
    ]

    @Test("x · Wᵀ and x · W on the packed copy equal the products in double precision", arguments: [false, true])
    func matchesDoublePrecision(accumulate: Bool) {
        var generator = SeededGenerator(seed: 11)
        Engine.configure(threads: 2)
        for (m, n, k) in Self.shapes {
            for layout in [PackedMatrix.Layout.transposed, .asIs] { for use in [WeightUse.once, .repeatedly] {
                let shape = layout == .transposed ? [n, k] : [k, n]
                let weight = Parameter.uniform("w", shape: shape, bound: 1, using: &generator)
                let a = (0..<m * k).map { _ in generator.uniformFloat(-1, 1) }
                let start = (0..<m * n).map { _ in generator.uniformFloat(-1, 1) }
                var c = start
                weight.multiply(a, rows: m, lda: k, layout: layout, into: &c, ldc: n, accumulate: accumulate, use: use, parallel: true)
                var worst: Double = 0
                for row in 0..<m {
                    for column in 0..<n {
                        var exact = accumulate ? Double(start[row * n + column]) : 0
                        for index in 0..<k {
                            let w = layout == .transposed ? weight.value.scalars[column * k + index] : weight.value.scalars[index * n + column]
                            exact += Double(a[row * k + index]) * Double(w)
                        }
                        worst = max(worst, abs(Double(c[row * n + column]) - exact))
                    }
                }
                // k float32 products of |terms| ≤ 1 summed in order: rounding stays below k · 2⁻²⁴ · k / 2
                // in the worst case and near √k · 6e-8 typically; 1e-6 · k is far above that and far below
                // a misplaced weight or row (errors of order 0.1-1).
                #expect(worst <= 1e-6 * Double(k), "m \(m) n \(n) k \(k) \(layout) \(use) accumulate \(accumulate): \(worst)")
            } }
        }
    }

    @Test("Changing a weight's value drops its packed copy")
    func repacksAfterChange() {
        var generator = SeededGenerator(seed: 12)
        let weight = Parameter.uniform("w", shape: [32, 8], bound: 1, using: &generator)
        let x = (0..<8).map { _ in generator.uniformFloat(-1, 1) }
        var before = [Float](repeating: 0, count: 32), after = before
        weight.multiply(x, rows: 1, lda: 8, layout: .transposed, into: &before, ldc: 32, accumulate: false, use: .repeatedly, parallel: false)
        weight.value.withUnsafeMutablePointer { $0[0] += 1 }   // row 0, column 0: output 0 changes by x[0]
        weight.multiply(x, rows: 1, lda: 8, layout: .transposed, into: &after, ldc: 32, accumulate: false, use: .repeatedly, parallel: false)
        #expect(abs(after[0] - before[0] - x[0]) < 1e-5)
        #expect(after[1...] == before[1...])
    }

    @Test("Splitting a product over threads gives the same bits as one thread")
    func threadCountInvariant() {
        var generator = SeededGenerator(seed: 13)
        let weight = Parameter.uniform("w", shape: [1536, 512], bound: 0.05, using: &generator)
        let a = (0..<30 * 512).map { _ in generator.uniformFloat(-1, 1) }
        var one = [Float](repeating: 0, count: 30 * 1536), split = one
        Engine.configure(threads: 2)
        weight.multiply(a, rows: 30, lda: 512, layout: .transposed, into: &one, ldc: 1536, accumulate: false, use: .repeatedly, parallel: false)
        weight.multiply(a, rows: 30, lda: 512, layout: .transposed, into: &split, ldc: 1536, accumulate: false, use: .repeatedly, parallel: true)
        #expect(one == split)
    }
    @Test("Weight gradients dYᵀ · X (strided X, packed for one product) equal the sums in double precision")
    func weightGradientMatchesDoublePrecision() {
        var generator = SeededGenerator(seed: 14)
        Engine.configure(threads: 2)
        // (rows k, outputs m, inputs n): an LSTM's dW_hh shape at batch 2, a partial panel and
        // partial six-row tile, one row.
        for (k, m, n) in [(58, 1024, 256), (45, 13, 61), (1, 7, 33)] {
            let ldx = n + 5   // X is read with a row stride larger than its width, as the LSTM's output halves are
            let dy = (0..<k * m).map { _ in generator.uniformFloat(-1, 1) }
            let x = (0..<k * ldx).map { _ in generator.uniformFloat(-1, 1) }
            let start = (0..<m * n).map { _ in generator.uniformFloat(-1, 1) }
            var viaKernel = start, viaGradient = start
            PackedMatrix(x, layout: .asIs, k: k, n: n, sourceStride: ldx)
                .multiply(dy, rows: m, lda: m, left: .columns, into: &viaKernel, ldc: n, accumulate: true, parallel: true)
            WeightGradient.accumulate(dy: dy, ldy: m, x: x, ldx: ldx, rows: k, outputs: m, inputs: n,
                                      into: &viaGradient, parallel: true)
            var worstKernel: Double = 0, worstGradient: Double = 0
            for j in 0..<m {
                for i in 0..<n {
                    var exact = Double(start[j * n + i])
                    for r in 0..<k { exact += Double(dy[r * m + j]) * Double(x[r * ldx + i]) }
                    worstKernel = max(worstKernel, abs(Double(viaKernel[j * n + i]) - exact))
                    worstGradient = max(worstGradient, abs(Double(viaGradient[j * n + i]) - exact))
                }
            }
            // As above: k products of |terms| ≤ 1 plus the start value; a transposed index gives errors of order 1.
            #expect(worstKernel <= 1e-6 * Double(k + 1), "k \(k) m \(m) n \(n): \(worstKernel)")
            #expect(worstGradient <= 1e-6 * Double(k + 1), "k \(k) m \(m) n \(n): \(worstGradient)")
        }
    }
}
