import GaitCore
import Foundation

/// GaitNet, the multi-task gait model: BiLSTM → self-attention (with a residual connection) →
/// a per-frame phase head and, from the time-averaged vector, form-score, issue and confidence
/// heads. Architecture, shapes and parameter names are documented in `docs/model.md`.
///
/// Input `[B, T, 132]` (batch-first, normalised features, see `FeatureNormalization`); outputs in
/// `GaitNetOutput`.
public final class GaitNet: ParameterOwner {
    public let configuration: GaitNetConfiguration
    public let lstm: LSTM
    public let attention: MultiHeadAttention
    public let phaseHead: Linear
    public let scoreHead: Linear
    public let issueHead: Linear
    public let confidenceHead: Linear

    /// A model with PyTorch-style random initial weights drawn from `generator`.
    public init(configuration: GaitNetConfiguration = .standard, using generator: inout some RandomNumberGenerator) {
        self.configuration = configuration
        let width = configuration.embeddingSize
        lstm = LSTM(inputSize: configuration.inputSize, hiddenSize: configuration.hiddenSize,
                    layerCount: configuration.layerCount, bidirectional: true, dropout: configuration.dropout,
                    name: "lstm", using: &generator)
        attention = MultiHeadAttention(embeddingSize: width, headCount: configuration.headCount, name: "attention", using: &generator)
        phaseHead = Linear(inputSize: width, outputSize: GaitNetConfiguration.phaseClassCount, name: "phase_head", using: &generator)
        scoreHead = Linear(inputSize: width, outputSize: 1, name: "score_head", using: &generator)
        issueHead = Linear(inputSize: width, outputSize: GaitNetConfiguration.issueCount, name: "issue_head", using: &generator)
        confidenceHead = Linear(inputSize: width, outputSize: 1, name: "confidence_head", using: &generator)
    }

    /// Every parameter in checkpoint order (PyTorch `state_dict` order of `scripts/golden/gaitnet.py`).
    public var parameters: [Parameter] {
        lstm.parameters + attention.parameters + phaseHead.parameters + scoreHead.parameters
            + issueHead.parameters + confidenceHead.parameters
    }

    /// What `backward` needs from a training forward pass.
    public struct Tape {
        let lstmTape: LSTM.Tape
        let attentionTape: MultiHeadAttention.Tape
        /// LSTM output + attention output, `[T, B, E]`.
        let attended: Tensor
        /// Time average of `attended`, `[B, E]`.
        let pooled: Tensor
        let output: GaitNetOutput
    }

    /// Inference (no dropout).
    public func callAsFunction(_ x: Tensor) -> GaitNetOutput {
        var unused = SeededGenerator(seed: 0)
        return run(x, training: false, generator: &unused).output
    }

    /// Training forward pass: dropout drawn from `generator`, and the tape for `backward`.
    public func forward(_ x: Tensor, using generator: inout some RandomNumberGenerator) -> (output: GaitNetOutput, tape: Tape) {
        let result = run(x, training: true, generator: &generator)
        return (result.output, result.tape!)
    }

    private func run(_ x: Tensor, training: Bool, generator: inout some RandomNumberGenerator) -> (output: GaitNetOutput, tape: Tape?) {
        precondition(x.shape.count == 3 && x.shape[2] == configuration.inputSize,
                     "GaitNet input \(x.shape), expected [batch, frames, \(configuration.inputSize)]")
        let (batch, steps) = (x.shape[0], x.shape[1])
        let timeMajor = x.swappingFirstTwoAxes()
        let lstmOutput: Tensor
        var lstmTape: LSTM.Tape?
        if training {
            (lstmOutput, lstmTape) = lstm.forward(timeMajor, using: &generator)
        } else {
            lstmOutput = lstm(timeMajor)
        }
        let weightUse: WeightUse = training ? .once : .repeatedly
        let (attentionOutput, attentionTape) = attention.forward(lstmOutput, weightUse: weightUse)
        var attended = lstmOutput
        attended.withUnsafeMutablePointer { sum in
            attentionOutput.withUnsafePointer { Kernels.add($0, into: sum, count: attentionOutput.count) }
        }
        let phaseLogits = phaseHead.forward(attended, weightUse: weightUse).swappingFirstTwoAxes()
        let pooled = Self.timeAverage(attended)
        let scoreLogits = scoreHead.forward(pooled, weightUse: weightUse)
        let confidenceLogits = confidenceHead.forward(pooled, weightUse: weightUse)
        let output = GaitNetOutput(
            phaseLogits: phaseLogits,
            formScore: Tensor(shape: [batch], scalars: scoreLogits.scalars.map { GaitNetConfiguration.formScoreScale * sigmoid($0) }),
            issueLogits: issueHead.forward(pooled, weightUse: weightUse),
            confidenceLogit: Tensor(shape: [batch], scalars: confidenceLogits.scalars))
        _ = steps
        guard training, let lstmTape else { return (output, nil) }
        return (output, Tape(lstmTape: lstmTape, attentionTape: attentionTape, attended: attended, pooled: pooled, output: output))
    }

    /// Accumulates every parameter's gradient for the loss whose derivatives with respect to the
    /// outputs are `gradient` (from `GaitLoss`).
    public func backward(_ gradient: GaitNetOutputGradient, tape: Tape) {
        let output = tape.output
        let batch = output.formScore.count
        let steps = output.phaseLogits.shape[1]
        let scale = GaitNetConfiguration.formScoreScale
        // d(10·σ(z))/dz = 10·σ(1 − σ) = s·(1 − s/10) for s = 10·σ.
        let scoreLogitGradient = Tensor(shape: [batch, 1], scalars: (0..<batch).map { b in
            let score = output.formScore.scalars[b]
            return gradient.formScore.scalars[b] * score * (1 - score / scale)
        })
        var pooledGradient = scoreHead.backward(scoreLogitGradient, input: tape.pooled)!
        let issuePooled = issueHead.backward(gradient.issueLogits, input: tape.pooled)!
        let confidencePooled = confidenceHead.backward(gradient.confidenceLogit.reshaped([batch, 1]), input: tape.pooled)!
        pooledGradient.withUnsafeMutablePointer { sum in
            issuePooled.withUnsafePointer { Kernels.add($0, into: sum, count: issuePooled.count) }
            confidencePooled.withUnsafePointer { Kernels.add($0, into: sum, count: confidencePooled.count) }
        }
        var attendedGradient = phaseHead.backward(gradient.phaseLogits.swappingFirstTwoAxes(), input: tape.attended)!
        let width = configuration.embeddingSize
        attendedGradient.withUnsafeMutablePointer { da in
            pooledGradient.withUnsafePointer { dp in
                let share = 1 / Float(steps)
                for t in 0..<steps {
                    for b in 0..<batch {
                        let row = da + (t * batch + b) * width
                        for j in 0..<width { row[j] += dp[b * width + j] * share }
                    }
                }
            }
        }
        var lstmOutputGradient = attention.backward(attendedGradient, tape: tape.attentionTape)
        lstmOutputGradient.withUnsafeMutablePointer { sum in
            attendedGradient.withUnsafePointer { Kernels.add($0, into: sum, count: attendedGradient.count) }
        }
        lstm.backward(lstmOutputGradient, tape: tape.lstmTape, needsInputGradient: false)
    }

    /// `[T, B, E]` → `[B, E]`, the mean over time.
    static func timeAverage(_ x: Tensor) -> Tensor {
        let (steps, batch, width) = (x.shape[0], x.shape[1], x.shape[2])
        var result = Tensor(shape: [batch, width], repeating: 0)
        result.withUnsafeMutablePointer { out in
            x.withUnsafePointer { input in
                for t in 0..<steps { Kernels.add(input + t * batch * width, into: out, count: batch * width) }
                let share = 1 / Float(steps)
                for index in 0..<batch * width { out[index] *= share }
            }
        }
        return result
    }
}

/// The logistic function in double precision accuracy for one value.
func sigmoid(_ x: Float) -> Float {
    x >= 0 ? 1 / (1 + expf(-x)) : { let e = expf(x); return e / (1 + e) }()
}
