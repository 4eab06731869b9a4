import GaitCore
import Foundation
import Testing
@testable import GaitML
#if canImport(CBLAS)
import CBLAS
#endif

@Suite("Engine")
struct EngineTests {
    @Test("Vectorised exp, sigmoid and tanh match libm to a few float ulps over [-20, 20]")
    func fastMath() {
        var worstExp: Float = 0, worstSigmoid: Float = 0, worstTanh: Float = 0
        var x: Float = -20
        while x < 20 {
            var lanes = FastMath.Vector()
            for lane in 0..<lanes.scalarCount { lanes[lane] = x + Float(lane) * 1e-3 }
            let (e, s, t) = (FastMath.exp(lanes), FastMath.sigmoid(lanes), FastMath.tanh(lanes))
            for lane in 0..<lanes.scalarCount {
                let value = Double(lanes[lane])
                worstExp = max(worstExp, Float(abs(Double(e[lane]) - Foundation.exp(value)) / Foundation.exp(value)))
                let sigmoid = 1 / (1 + Foundation.exp(-value))
                worstSigmoid = max(worstSigmoid, Float(abs(Double(s[lane]) - sigmoid) / sigmoid))
                worstTanh = max(worstTanh, Float(abs(Double(t[lane]) - Foundation.tanh(value)) / max(abs(Foundation.tanh(value)), 1e-30)))
            }
            x += 0.0173
        }
        // float32 has a relative spacing of 1.2e-7; 5e-7 is 4 ulp, the polynomials' documented accuracy
        // plus the rounding of the divisions. A wrong coefficient gives errors of 1e-3 or more.
        #expect(worstExp < 5e-7)
        #expect(worstSigmoid < 5e-7)
        #expect(worstTanh < 5e-7)
        // tanh blends its two forms for |x| in (0.625 − 10⁻⁶, 0.625): step through that band in float steps.
        var worstBand: Float = 0
        for sign: Float in [-1, 1] {
            var lanes = FastMath.Vector()
            var value: Float = 0.625 - 2e-6
            while value < 0.625 + 1e-6 {
                for lane in 0..<lanes.scalarCount { lanes[lane] = sign * value; value = value.nextUp }
                let t = FastMath.tanh(lanes)
                for lane in 0..<lanes.scalarCount {
                    let exact = Foundation.tanh(Double(lanes[lane]))
                    worstBand = max(worstBand, Float(abs(Double(t[lane]) - exact) / abs(exact)))
                }
            }
        }
        #expect(worstBand < 5e-7)
    }

    @Test("A matrix product split over threads matches the single-threaded one", arguments: [false, true])
    func parallelProduct(transpose: Bool) {
        var generator = SeededGenerator(seed: 3)
        let (m, n, k) = (300, 200, 64)
        let a = (0..<m * k).map { _ in Float.random(in: -1..<1, using: &generator) }
        let b = (0..<k * n).map { _ in Float.random(in: -1..<1, using: &generator) }
        var single = [Float](repeating: 0, count: m * n), split = single
        Engine.configure(threads: 2)
        // Each element of C is one dot product of k terms; OpenBLAS may block the halves differently,
        // which reorders the sum: k · 1e-5 bounds that reordering for |terms| ≤ 1, while a wrong offset
        // in the split gives errors of order 1.
        BLAS.gemm(transposeA: transpose, m: m, n: n, k: k, a: a, lda: transpose ? m : k, b: b, ldb: n, c: &single, ldc: n)
        BLAS.gemmParallel(transposeA: transpose, m: m, n: n, k: k, a: a, lda: transpose ? m : k, b: b, ldb: n, c: &split, ldc: n)
        let worst = zip(single, split).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-5 * Float(k))
    }

    #if canImport(CBLAS)
    /// A multi-threaded OpenBLAS rounds some products differently from a single-threaded one, so
    /// a process must not switch between them mid-run: CI's "training is deterministic" test failed
    /// when a concurrent test's `Engine.configure` made OpenBLAS single-threaded halfway through.
    /// A fresh process (an exit test) has never called `Engine.configure`.
    @Test("OpenBLAS is single-threaded from GaitML's first product, whether or not Engine.configure ran")
    func blasSingleThreadedFromFirstProduct() async {
        await #expect(processExitsWith: .success) {
            // OpenBLAS starts with one thread per core; with one core this cannot tell anything.
            guard ProcessInfo.processInfo.activeProcessorCount > 1 else { exit(0) }
            guard openblas_get_num_threads() > 1 else { exit(2) }
            var c = [Float](repeating: 0, count: 4)
            BLAS.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], lda: 2, b: [1, 0, 0, 1], ldb: 2, c: &c, ldc: 2)
            exit(c == [1, 2, 3, 4] && openblas_get_num_threads() == 1 ? 0 : 1)
        }
    }
    #endif

    @Test("Swapping the first two axes moves every element to its transposed place")
    func swapAxes() {
        let x = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        let y = x.swappingFirstTwoAxes()
        #expect(y.shape == [3, 2, 2])
        #expect(y.scalars == [0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11])
        #expect(y.swappingFirstTwoAxes() == x)
    }
}
