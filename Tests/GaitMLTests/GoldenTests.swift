import GaitCore
import Foundation
import Testing
@testable import GaitML

/// GaitNet against PyTorch: forward outputs, loss and gradients from `scripts/golden/make_golden.py`
/// (values committed in `Golden/`; torch is needed only to regenerate them).
@Suite("PyTorch golden values")
struct GoldenTests {
    struct GradientSummary: Decodable {
        let count: Int
        let sum: Double
        // swiftlint:disable:next identifier_name
        let abs_sum: Double
        // swiftlint:disable:next identifier_name
        let max_abs: Double
        let indices: [Int]
        let values: [Double]
    }

    struct Golden: Decodable {
        let batch: Int
        let frames: Int
        let outputs: [String: [Double]]
        let loss: [String: Double]
        let gradients: [String: GradientSummary]
    }

    static func golden(_ name: String) throws -> Golden {
        let url = try #require(Bundle.module.url(forResource: "Golden/\(name)", withExtension: "json"))
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }

    /// Runs forward + GaitLoss + backward; the model is built with dropout 0, like PyTorch's in eval mode.
    static func run(_ model: GaitNet, input: Tensor, targets: GaitTargets) -> (GaitNetOutput, GaitLoss.Value) {
        var generator = SeededGenerator(seed: 0)
        let (output, tape) = model.forward(input, using: &generator)
        let (value, gradient) = GaitLoss().evaluate(output, targets: targets)
        model.zeroGradients()
        model.backward(gradient, tape: tape)
        return (output, value)
    }

    /// Compares the model's outputs, loss and gradients with `golden`, all within `tolerance`
    /// relative to each quantity's scale.
    static func compare(_ model: GaitNet, output: GaitNetOutput, loss: GaitLoss.Value, golden: Golden, tolerance: Double) {
        func close(_ actual: [Float], _ expected: [Double]?, _ what: String) {
            guard let expected, expected.count == actual.count else {
                Issue.record("\(what): expected \(expected?.count ?? 0) values, got \(actual.count)")
                return
            }
            let scale = max(expected.map(abs).max() ?? 0, 1e-6)
            let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(worst <= tolerance * scale, "\(what): worst difference \(worst), scale \(scale)")
        }
        close(output.phaseLogits.scalars, golden.outputs["phase_logits"], "phase logits")
        close(output.formScore.scalars, golden.outputs["form_score"], "form score")
        close(output.issueLogits.scalars, golden.outputs["issue_logits"], "issue logits")
        close(output.confidenceLogit.scalars, golden.outputs["confidence_logit"], "confidence logit")
        close([loss.total, loss.phase, loss.score, loss.issue, loss.confidence],
              ["total", "phase", "score", "issue", "confidence"].map { golden.loss[$0]! }, "loss terms")
        #expect(Set(golden.gradients.keys) == Set(model.parameters.map(\.name)))
        for parameter in model.parameters {
            guard let summary = golden.gradients[parameter.name] else { continue }
            let gradient = parameter.gradient.scalars
            #expect(gradient.count == summary.count, "\(parameter.name): \(gradient.count) elements, PyTorch has \(summary.count)")
            let absSum = gradient.reduce(0.0) { $0 + abs(Double($1)) }
            let sum = gradient.reduce(0.0) { $0 + Double($1) }
            #expect(abs(absSum - summary.abs_sum) <= tolerance * summary.abs_sum, "\(parameter.name): Σ|g| \(absSum) vs \(summary.abs_sum)")
            #expect(abs(sum - summary.sum) <= tolerance * summary.abs_sum, "\(parameter.name): Σg \(sum) vs \(summary.sum)")
            let worst = zip(summary.indices, summary.values).map { abs(Double(gradient[$0]) - $1) }.max() ?? 0
            #expect(worst <= tolerance * summary.max_abs, "\(parameter.name): sampled entries differ by up to \(worst), max |g| \(summary.max_abs)")
        }
    }

    @Test("Default-size GaitNet (5.0 M parameters) matches PyTorch forward and backward")
    func defaultModel() throws {
        let golden = try Self.golden("gaitnet_golden")
        var generator = SeededGenerator(seed: 1)
        var configuration = GaitNetConfiguration.standard
        configuration.dropout = 0
        let model = GaitNet(configuration: configuration, using: &generator)
        #expect(model.parameterCount == 5_007_881)
        GoldenFormulas.fill(model)
        let input = GoldenFormulas.input(batch: golden.batch, frames: golden.frames, features: 132)
        let (output, loss) = Self.run(model, input: input, targets: GoldenFormulas.targets(batch: golden.batch, frames: golden.frames))
        // Float32 with different summation orders (OpenBLAS vs PyTorch's kernels) through 30 recurrent
        // steps and 3 layers: PyTorch's own float32 vs float64 results differ by ~1e-5 relative here.
        // 1e-3 of each quantity's scale leaves margin for that, while any wrong formula, index or
        // weight layout shifts values by a sizeable fraction of their scale.
        Self.compare(model, output: output, loss: loss, golden: golden, tolerance: 1e-3)
    }

    @Test("A checkpoint saved by PyTorch's safetensors loads name for name and reproduces PyTorch")
    func torchCheckpoint() throws {
        let golden = try Self.golden("tiny_golden")
        let url = try #require(Bundle.module.url(forResource: "Golden/tiny_gaitnet", withExtension: "safetensors"))
        let contents = try SafeTensors.read(path: url.path)
        var generator = SeededGenerator(seed: 1)
        let model = GaitNet(configuration: GaitNetConfiguration(frameCount: 5, inputSize: 6, hiddenSize: 8, layerCount: 2, dropout: 0, headCount: 8),
                            using: &generator)
        try model.load(contents.tensors, source: url.path)
        let input = GoldenFormulas.input(batch: golden.batch, frames: golden.frames, features: 6)
        let (output, loss) = Self.run(model, input: input, targets: GoldenFormulas.targets(batch: golden.batch, frames: golden.frames))
        Self.compare(model, output: output, loss: loss, golden: golden, tolerance: 1e-4)  // tiny model: fewer roundings
    }
}

/// The deterministic weights, input and targets of `scripts/golden/gaitnet_torch.py`.
enum GoldenFormulas {
    static func fill(_ model: GaitNet) {
        for (j, parameter) in model.parameters.enumerated() {
            let shape = parameter.value.shape
            let amplitude = shape.count == 2 ? 0.5 / Double(shape[1]).squareRoot() : 0.05
            parameter.value = Tensor(shape: shape, scalars: (0..<parameter.count).map {
                Float(amplitude * sin(0.7548776662 * Double($0) + 1.3 * Double(j) + 0.1))
            })
        }
    }

    static func input(batch: Int, frames: Int, features: Int) -> Tensor {
        Tensor(shape: [batch, frames, features], scalars: (0..<batch * frames * features).map { Float(0.9 * sin(0.37 * Double($0) + 0.5)) })
    }

    static func targets(batch: Int, frames: Int) -> GaitTargets {
        var phases = (0..<batch).flatMap { b in (0..<frames).map { t in (t / 4 + b) % 4 } }
        phases[batch * frames - 1] = -1
        return GaitTargets(phases: phases, formScores: (0..<batch).map { $0 % 2 == 0 ? 6.5 : 3.0 },
                           issues: (0..<batch).flatMap { b in (0..<3).map { k in (b + k) % 2 == 0 ? 1 : 0 } })
    }
}
