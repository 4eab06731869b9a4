import GaitCore
import Testing
@testable import GaitML

/// Finite-difference checks of every layer's backward pass and of a whole (small) GaitNet; the
/// tolerance is explained in `GradientChecking`.
@Suite("Gradient checks")
struct GradientCheckTests {
    @Test("Linear: weight, bias and input gradients")
    func linear() {
        var generator = SeededGenerator(seed: 11)
        let layer = Linear(inputSize: 7, outputSize: 5, name: "fc", using: &generator)
        let x = GradientChecking.randomTensor([3, 4, 7], using: &generator)
        let r = GradientChecking.randomTensor([3, 4, 5], using: &generator)
        layer.zeroGradients()
        let dx = layer.backward(r, input: x)!
        let loss = { (input: Tensor) in GradientChecking.projection(layer(input), r) }
        #expect(GradientChecking.checkParameters(layer.parameters, using: &generator) { loss(x) }.isEmpty)
        #expect(GradientChecking.checkInput(x, analytic: dx, using: &generator, loss: loss).isEmpty)
    }

    @Test("LSTM: 2 bidirectional layers with dropout, hidden size 19 (full vectors and a remainder in 8- and 16-lane builds)",
          arguments: [(bidirectional: true, layers: 2, dropout: Float(0.3)), (bidirectional: false, layers: 1, dropout: Float(0))])
    func lstm(configuration: (bidirectional: Bool, layers: Int, dropout: Float)) {
        var generator = SeededGenerator(seed: 12)
        let layer = LSTM(inputSize: 5, hiddenSize: 19, layerCount: configuration.layers, bidirectional: configuration.bidirectional,
                         dropout: configuration.dropout, name: "lstm", using: &generator)
        let x = GradientChecking.randomTensor([4, 3, 5], using: &generator)
        let r = GradientChecking.randomTensor([4, 3, layer.outputSize], using: &generator)
        // The same dropout mask in every evaluation: a fresh generator with one seed each time.
        let loss = { (input: Tensor) -> Double in
            var masks = SeededGenerator(seed: 99)
            return GradientChecking.projection(layer.forward(input, using: &masks).output, r)
        }
        var masks = SeededGenerator(seed: 99)
        let (_, tape) = layer.forward(x, using: &masks)
        layer.zeroGradients()
        let dx = layer.backward(r, tape: tape)!
        let parameterMismatches = GradientChecking.checkParameters(layer.parameters, using: &generator) { loss(x) }
        #expect(parameterMismatches.isEmpty, "\(parameterMismatches)")
        let inputMismatches = GradientChecking.checkInput(x, analytic: dx, using: &generator, loss: loss)
        #expect(inputMismatches.isEmpty, "\(inputMismatches)")
    }

    @Test("Multi-head attention: 8 heads of 2 columns")
    func attention() {
        var generator = SeededGenerator(seed: 13)
        let layer = MultiHeadAttention(embeddingSize: 16, headCount: 8, name: "attention", using: &generator)
        // Non-zero biases so their gradients are exercised away from the initial point.
        layer.inProjectionBias.value = GradientChecking.randomTensor([48], scale: 0.5, using: &generator)
        let x = GradientChecking.randomTensor([5, 2, 16], using: &generator)
        let r = GradientChecking.randomTensor([5, 2, 16], using: &generator)
        let (_, tape) = layer.forward(x)
        layer.zeroGradients()
        let dx = layer.backward(r, tape: tape)
        let loss = { (input: Tensor) in GradientChecking.projection(layer(input), r) }
        let parameterMismatches = GradientChecking.checkParameters(layer.parameters, using: &generator) { loss(x) }
        #expect(parameterMismatches.isEmpty, "\(parameterMismatches)")
        let inputMismatches = GradientChecking.checkInput(x, analytic: dx, using: &generator, loss: loss)
        #expect(inputMismatches.isEmpty, "\(inputMismatches)")
    }

    @Test("GaitNet (small): every parameter, through all four heads")
    func gaitNet() {
        var generator = SeededGenerator(seed: 14)
        let configuration = GaitNetConfiguration(frameCount: 5, inputSize: 6, hiddenSize: 8, layerCount: 2, dropout: 0.3, headCount: 8)
        let model = GaitNet(configuration: configuration, using: &generator)
        let x = GradientChecking.randomTensor([2, 5, 6], using: &generator)
        let r = GaitNetOutputGradient(
            phaseLogits: GradientChecking.randomTensor([2, 5, 4], using: &generator),
            formScore: GradientChecking.randomTensor([2], using: &generator),
            issueLogits: GradientChecking.randomTensor([2, 3], using: &generator),
            confidenceLogit: GradientChecking.randomTensor([2], using: &generator))
        let loss = { () -> Double in
            var masks = SeededGenerator(seed: 7)
            let output = model.forward(x, using: &masks).output
            return GradientChecking.projection(output.phaseLogits, r.phaseLogits) + GradientChecking.projection(output.formScore, r.formScore)
                + GradientChecking.projection(output.issueLogits, r.issueLogits)
                + GradientChecking.projection(output.confidenceLogit, r.confidenceLogit)
        }
        var masks = SeededGenerator(seed: 7)
        let (_, tape) = model.forward(x, using: &masks)
        model.zeroGradients()
        model.backward(r, tape: tape)
        let mismatches = GradientChecking.checkParameters(model.parameters, samples: 6, using: &generator, loss: loss)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("GaitLoss: derivatives with respect to every output, with and without unknown score and issue labels",
          arguments: [false, true])
    func loss(withUnknowns: Bool) {
        var generator = SeededGenerator(seed: 15)
        let output = GaitNetOutput(
            phaseLogits: GradientChecking.randomTensor([2, 5, 4], scale: 2, using: &generator),
            formScore: Tensor(shape: [2], scalars: [3.5, 8.25]),
            issueLogits: GradientChecking.randomTensor([2, 3], scale: 2, using: &generator),
            confidenceLogit: Tensor(shape: [2], scalars: [0.4, -1.2]))
        let targets = withUnknowns
            ? GaitTargets(phases: [0, 1, 2, 3, -1, 3, 3, 0, 1, 2], formScores: [.nan, 7], issues: [1, .nan, 0, .nan, .nan, .nan])
            : GaitTargets(phases: [0, 1, 2, 3, -1, 3, 3, 0, 1, 2], formScores: [4, 7], issues: [1, 0, 0, 0, 1, 1])
        let objective = GaitLoss()
        let gradient = objective.evaluate(output, targets: targets).gradient
        func checkOutput(_ keyPath: WritableKeyPath<GaitNetOutput, Tensor>, _ analytic: Tensor) -> [GradientChecking.Mismatch] {
            GradientChecking.checkInput(output[keyPath: keyPath], analytic: analytic, using: &generator) { perturbed in
                var changed = output
                changed[keyPath: keyPath] = perturbed
                return Double(objective.evaluate(changed, targets: targets).value.total)
            }
        }
        #expect(checkOutput(\.phaseLogits, gradient.phaseLogits).isEmpty)
        #expect(checkOutput(\.formScore, gradient.formScore).isEmpty)
        #expect(checkOutput(\.issueLogits, gradient.issueLogits).isEmpty)
        #expect(checkOutput(\.confidenceLogit, gradient.confidenceLogit).isEmpty)
        if withUnknowns {
            // Unknown labels add nothing: the loss is finite and their outputs get no gradient.
            #expect(objective.evaluate(output, targets: targets).value.total.isFinite)
            #expect(gradient.formScore.scalars[0] == 0 && [1, 3, 4, 5].allSatisfy { gradient.issueLogits.scalars[$0] == 0 })
        }
    }
}
