import GaitCore
@testable import GaitML

/// Central finite differences against hand-written backward passes.
///
/// The function checked is L = Σ rᵢ·yᵢ for a fixed random r (so dL/dy = r) evaluated in double
/// precision from float32 outputs. With step ε = 5e-3 the float32 rounding of y (≈ 6e-8 relative)
/// gives a numerical-derivative noise below ≈ 1e-4 for these sizes, and the truncation error ε²·L'''/6
/// is below 1e-5; so |numerical − analytic| ≤ 2e-3 + 2e-2·|analytic| passes a right gradient while a
/// wrong one (a missing term or a wrong index changes a derivative by its own size) fails.
enum GradientChecking {
    static let step: Float = 5e-3

    /// A mismatch between the numerical and the analytic derivative.
    struct Mismatch: CustomStringConvertible {
        let what: String
        let index: Int
        let numerical: Double
        let analytic: Double
        var description: String { "\(what)[\(index)]: numerical \(numerical), analytic \(analytic)" }
    }

    static func agrees(numerical: Double, analytic: Double) -> Bool {
        abs(numerical - analytic) <= 2e-3 + 2e-2 * abs(analytic)
    }

    /// Checks up to `samples` entries of each parameter's gradient. `loss` evaluates L; the
    /// parameters' `gradient` must already hold dL/dθ.
    static func checkParameters(
        _ parameters: [Parameter], samples: Int = 12, using generator: inout SeededGenerator, loss: () -> Double
    ) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        for parameter in parameters {
            for index in sampleIndices(count: parameter.count, samples: samples, using: &generator) {
                let original = parameter.value.scalars[index]
                parameter.value.scalars[index] = original + step
                let plus = loss()
                parameter.value.scalars[index] = original - step
                let minus = loss()
                parameter.value.scalars[index] = original
                let numerical = (plus - minus) / (2 * Double(step))
                let analytic = Double(parameter.gradient.scalars[index])
                if !agrees(numerical: numerical, analytic: analytic) {
                    mismatches.append(Mismatch(what: parameter.name, index: index, numerical: numerical, analytic: analytic))
                }
            }
        }
        return mismatches
    }

    /// Checks up to `samples` entries of dL/dx against `analytic`, perturbing `input`.
    static func checkInput(
        _ input: Tensor, analytic: Tensor, samples: Int = 24, using generator: inout SeededGenerator, loss: (Tensor) -> Double
    ) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        for index in sampleIndices(count: input.count, samples: samples, using: &generator) {
            var plus = input, minus = input
            plus.scalars[index] += step
            minus.scalars[index] -= step
            let numerical = (loss(plus) - loss(minus)) / (2 * Double(step))
            if !agrees(numerical: numerical, analytic: Double(analytic.scalars[index])) {
                mismatches.append(Mismatch(what: "input", index: index, numerical: numerical, analytic: Double(analytic.scalars[index])))
            }
        }
        return mismatches
    }

    /// Σ rᵢ·yᵢ in double precision.
    static func projection(_ y: Tensor, _ r: Tensor) -> Double {
        zip(y.scalars, r.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    static func randomTensor(_ shape: [Int], scale: Float = 1, using generator: inout SeededGenerator) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -scale..<scale, using: &generator) })
    }

    private static func sampleIndices(count: Int, samples: Int, using generator: inout SeededGenerator) -> [Int] {
        count <= samples ? Array(0..<count) : (0..<samples).map { _ in Int.random(in: 0..<count, using: &generator) }
    }
}
