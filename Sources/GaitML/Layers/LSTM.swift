import GaitCore

/// A multi-layer, optionally bidirectional LSTM (PyTorch's `nn.LSTM`, time-major, zero initial
/// state), with dropout on the outputs of every layer but the last while training.
///
/// Shapes: input `[T, B, inputSize]` → output `[T, B, D · hiddenSize]` with D = 2 when
/// bidirectional (forward direction in the first `hiddenSize` columns, reverse in the rest).
///
/// Parameters, per layer `k` and direction (suffix `_reverse` for the reverse one), named as
/// PyTorch names them: `<name>.weight_ih_l<k>` `[4H, I_k]`, `<name>.weight_hh_l<k>` `[4H, H]`,
/// `<name>.bias_ih_l<k>` `[4H]`, `<name>.bias_hh_l<k>` `[4H]`; gate blocks in the order input,
/// forget, cell, output; I_0 = inputSize, I_k = D·H after. Initialised uniform in ±1/√H as PyTorch.
///
/// Speed: each layer's input projection for all frames is one matrix product; the two directions
/// run concurrently, one thread each; the gate nonlinearities are one fused vectorised pass.
public final class LSTM: ParameterOwner {
    public let inputSize: Int
    public let hiddenSize: Int
    public let layerCount: Int
    public let isBidirectional: Bool
    /// Probability of zeroing an element of a layer's output (all but the last layer) in training.
    public let dropout: Float
    /// `[layer][direction]`.
    let layers: [[LSTMDirection]]

    public init(
        inputSize: Int, hiddenSize: Int, layerCount: Int = 1, bidirectional: Bool = false, dropout: Float = 0,
        name: String, using generator: inout some RandomNumberGenerator
    ) {
        precondition(inputSize > 0 && hiddenSize > 0 && layerCount > 0, "LSTM sizes must be positive")
        precondition((0..<1).contains(dropout), "dropout must be in [0, 1)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.isBidirectional = bidirectional
        self.dropout = dropout
        let bound = 1 / Float(hiddenSize).squareRoot()
        let directions = bidirectional ? 2 : 1
        var layers: [[LSTMDirection]] = []
        for layer in 0..<layerCount {
            let layerInput = layer == 0 ? inputSize : directions * hiddenSize
            layers.append((0..<directions).map { direction in
                let suffix = "l\(layer)" + (direction == 1 ? "_reverse" : "")
                return LSTMDirection(
                    weightIH: .uniform("\(name).weight_ih_\(suffix)", shape: [4 * hiddenSize, layerInput], bound: bound, using: &generator),
                    weightHH: .uniform("\(name).weight_hh_\(suffix)", shape: [4 * hiddenSize, hiddenSize], bound: bound, using: &generator),
                    biasIH: .uniform("\(name).bias_ih_\(suffix)", shape: [4 * hiddenSize], bound: bound, using: &generator),
                    biasHH: .uniform("\(name).bias_hh_\(suffix)", shape: [4 * hiddenSize], bound: bound, using: &generator),
                    isReverse: direction == 1)
            })
        }
        self.layers = layers
    }

    /// In PyTorch's `state_dict` order: layer by layer, forward direction before reverse.
    public var parameters: [Parameter] { layers.flatMap { $0.flatMap(\.parameters) } }

    /// Columns of the output: D · hiddenSize.
    public var outputSize: Int { (isBidirectional ? 2 : 1) * hiddenSize }

    /// What `backward` needs from a training forward pass.
    public struct Tape {
        /// Each layer's input after dropout, `[T, B, I_k]`.
        let layerInputs: [Tensor]
        /// Each layer's output, `[T, B, D·H]`.
        let layerOutputs: [Tensor]
        /// The dropout mask applied to layer k's input (k ≥ 1), values 0 or 1/(1 − p); `nil` if none.
        let dropoutMasks: [FloatBuffer?]
        let directionTapes: [[LSTMDirection.Tape]]
    }

    /// Inference: no dropout, no tape.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var none = SeededGenerator(seed: 0)
        return run(x, training: false, generator: &none).output
    }

    /// Training forward: dropout between layers (drawn from `generator`) and a tape for `backward`.
    public func forward(_ x: Tensor, using generator: inout some RandomNumberGenerator) -> (output: Tensor, tape: Tape) {
        let result = run(x, training: true, generator: &generator)
        return (result.output, result.tape)
    }

    private func run(_ x: Tensor, training: Bool, generator: inout some RandomNumberGenerator) -> (output: Tensor, tape: Tape) {
        precondition(x.shape.count == 3 && x.shape[2] == inputSize, "LSTM input \(x.shape), expected [T, B, \(inputSize)]")
        let (steps, batch) = (x.shape[0], x.shape[1])
        var layerInput = x
        var inputs: [Tensor] = [], outputs: [Tensor] = [], masks: [FloatBuffer?] = [], tapes: [[LSTMDirection.Tape]] = []
        for (layerIndex, directions) in layers.enumerated() {
            var mask: FloatBuffer?
            if layerIndex > 0 && training && dropout > 0 {
                let drawn = Dropout.mask(count: layerInput.count, probability: dropout, using: &generator)
                layerInput.withUnsafeMutablePointer { pointer in
                    for index in 0..<drawn.count { pointer[index] *= drawn.pointer[index] }
                }
                mask = drawn
            }
            let layerInputSize = layerInput.shape[2]
            var output = Tensor(shape: [steps, batch, outputSize], repeating: 0)
            let geometries = directions.indices.map {
                LSTMDirection.Geometry(steps: steps, batch: batch, inputSize: layerInputSize, hiddenSize: hiddenSize,
                                       outputStride: outputSize, outputOffset: $0 * hiddenSize)
            }
            let directionTapes = TapeSlots(count: directions.count)
            let parallelProjection = directions.count == 1
            layerInput.withUnsafePointer { inputPointer in
                output.withUnsafeMutablePointer { outputPointer in
                    let (input, out) = (SendablePointer(inputPointer), SendableMutablePointer(outputPointer))
                    Parallel.forEach(directions.count) { direction in
                        directionTapes.slots[direction] = directions[direction].forward(
                            input: input.base, output: out.base, geometry: geometries[direction],
                            weightUse: training ? .once : .repeatedly, parallelProjection: parallelProjection)
                    }
                }
            }
            if training {
                inputs.append(layerInput)
                outputs.append(output)
                masks.append(mask)
                tapes.append(directionTapes.slots.map { $0! })
            }
            layerInput = output
        }
        return (layerInput, Tape(layerInputs: inputs, layerOutputs: outputs, dropoutMasks: masks, directionTapes: tapes))
    }

    /// Accumulates every parameter's gradient from dL/d(output) `[T, B, D·H]` and returns
    /// dL/d(input) `[T, B, inputSize]` when `needsInputGradient`.
    @discardableResult
    public func backward(_ outputGradient: Tensor, tape: Tape, needsInputGradient: Bool = true) -> Tensor? {
        precondition(tape.layerOutputs.count == layerCount, "the tape is not from a training forward pass of this LSTM")
        var gradient = outputGradient
        for layerIndex in stride(from: layerCount - 1, through: 0, by: -1) {
            let directions = layers[layerIndex]
            let layerInput = tape.layerInputs[layerIndex]
            let (steps, batch, layerInputSize) = (layerInput.shape[0], layerInput.shape[1], layerInput.shape[2])
            let wantsInputGradient = layerIndex > 0 || needsInputGradient
            let inputGradients = (0..<directions.count).map { _ in
                wantsInputGradient ? FloatBuffer(count: layerInput.count) : nil
            }
            let directionTapes = tape.directionTapes[layerIndex]
            let (hidden, stride) = (hiddenSize, outputSize)
            layerInput.withUnsafePointer { inputPointer in
                tape.layerOutputs[layerIndex].withUnsafePointer { outputPointer in
                    gradient.withUnsafePointer { gradientPointer in
                        let (input, output, dy) = (SendablePointer(inputPointer), SendablePointer(outputPointer), SendablePointer(gradientPointer))
                        Parallel.forEach(directions.count) { direction in
                            let geometry = LSTMDirection.Geometry(
                                steps: steps, batch: batch, inputSize: layerInputSize, hiddenSize: hidden,
                                outputStride: stride, outputOffset: direction * hidden)
                            directions[direction].backward(
                                input: input.base, output: output.base, outputGradient: dy.base, tape: directionTapes[direction],
                                geometry: geometry, inputGradient: inputGradients[direction]?.pointer)
                        }
                    }
                }
            }
            guard wantsInputGradient, let first = inputGradients[0] else { return nil }
            for other in inputGradients.dropFirst() {
                if let other { Kernels.add(other.pointer, into: first.pointer, count: first.count) }
            }
            if let mask = tape.dropoutMasks[layerIndex] {
                for index in 0..<first.count { first.pointer[index] *= mask.pointer[index] }
            }
            gradient = first.tensor(shape: layerInput.shape)
        }
        return gradient
    }
}

/// Per-direction results written from parallel threads (each thread writes only its own slot).
private final class TapeSlots: @unchecked Sendable {
    var slots: [LSTMDirection.Tape?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
}
