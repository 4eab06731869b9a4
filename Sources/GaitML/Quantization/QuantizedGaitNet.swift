import GaitCore

/// GaitNet for inference with int8 weights: the LSTM and attention projection matrices are int8
/// (symmetric, one scale per output row, `Int8Matrix`) and their inputs are quantized per row at run
/// time (dynamic quantization, int32 accumulation); biases, the attention softmax and the four heads
/// (4,617 parameters) stay float32. Same input and outputs as `GaitNet`.
///
/// Made from a trained `GaitNet` (`init(quantizing:)`) or loaded from an int8 checkpoint
/// (`QuantizedCheckpoint`). Inference only reads the weights, so concurrent calls are safe.
public final class QuantizedGaitNet: @unchecked Sendable {
    public let configuration: GaitNetConfiguration
    /// `[layer][direction]`, forward direction first.
    let lstm: [[QuantizedLSTMDirection]]
    let inProjection: QuantizedLinear
    let outProjection: QuantizedLinear
    let phaseHead: Linear
    let scoreHead: Linear
    let issueHead: Linear
    let confidenceHead: Linear

    /// Names of the weight matrices stored as int8 (PyTorch names, `docs/model.md`); every other
    /// parameter stays float32.
    public static func quantizedParameterNames(_ configuration: GaitNetConfiguration) -> [String] {
        (0..<configuration.layerCount).flatMap { layer in
            ["", "_reverse"].flatMap { suffix in ["lstm.weight_ih_l\(layer)\(suffix)", "lstm.weight_hh_l\(layer)\(suffix)"] }
        } + ["attention.in_proj_weight", "attention.out_proj.weight"]
    }

    /// Quantizes a trained model's weights.
    public convenience init(quantizing model: GaitNet) {
        let names = Set(Self.quantizedParameterNames(model.configuration))
        var matrices: [String: Int8Matrix] = [:], floats: [String: Tensor] = [:]
        for parameter in model.parameters {
            if names.contains(parameter.name) {
                matrices[parameter.name] = Int8Matrix(quantizing: parameter.value)
            } else {
                floats[parameter.name] = parameter.value
            }
        }
        // The names and shapes come from the model itself, so they always fit.
        try! self.init(configuration: model.configuration, int8Weights: matrices, floatWeights: floats, source: "GaitNet")
    }

    /// The model of `configuration` from its int8 matrices and float32 tensors by name. Throws
    /// `GaitMLError.checkpointMismatch` (naming `source`) when one is missing, unexpected or misshapen.
    public init(configuration: GaitNetConfiguration, int8Weights: [String: Int8Matrix], floatWeights: [String: Tensor], source: String) throws {
        self.configuration = configuration
        // The float32 model of this configuration gives every parameter's name and shape.
        var generator = SeededGenerator(seed: 0)
        let template = GaitNet(configuration: configuration, using: &generator)
        let quantizedNames = Self.quantizedParameterNames(configuration)
        let expectedFloats = template.parameters.filter { !quantizedNames.contains($0.name) }
        try template.load(floatWeights, only: expectedFloats, source: source)
        if let unexpected = int8Weights.keys.sorted().first(where: { !quantizedNames.contains($0) }) {
            throw GaitMLError.checkpointMismatch(path: source, problem: "unexpected int8 tensor \(unexpected)")
        }
        func matrix(_ name: String) throws -> Int8Matrix {
            guard let matrix = int8Weights[name] else { throw GaitMLError.checkpointMismatch(path: source, problem: "missing int8 tensor \(name)") }
            let shape = template.parameter(named: name)!.value.shape
            guard [matrix.rows, matrix.columns] == shape else {
                throw GaitMLError.checkpointMismatch(path: source, problem: "\(name) has shape \([matrix.rows, matrix.columns]), the model needs \(shape)")
            }
            return matrix
        }
        func floats(_ name: String) -> [Float] { template.parameter(named: name)!.value.scalars }
        lstm = try (0..<configuration.layerCount).map { layer in
            try ["", "_reverse"].map { suffix in
                let (bih, bhh) = (floats("lstm.bias_ih_l\(layer)\(suffix)"), floats("lstm.bias_hh_l\(layer)\(suffix)"))
                return QuantizedLSTMDirection(
                    inputWeight: try matrix("lstm.weight_ih_l\(layer)\(suffix)"), hiddenWeight: try matrix("lstm.weight_hh_l\(layer)\(suffix)"),
                    bias: zip(bih, bhh).map { $0 + $1 }, isReverse: suffix == "_reverse")
            }
        }
        inProjection = QuantizedLinear(weight: try matrix("attention.in_proj_weight"), bias: floats("attention.in_proj_bias"))
        outProjection = QuantizedLinear(weight: try matrix("attention.out_proj.weight"), bias: floats("attention.out_proj.bias"))
        (phaseHead, scoreHead, issueHead, confidenceHead) = (template.phaseHead, template.scoreHead, template.issueHead, template.confidenceHead)
    }

    /// The int8 matrices and float32 tensors by name (what `QuantizedCheckpoint` stores).
    public var weights: (int8: [String: Int8Matrix], float32: [String: Tensor]) {
        var int8: [String: Int8Matrix] = [:], float32: [String: Tensor] = [:]
        for (layer, directions) in lstm.enumerated() {
            for (direction, suffix) in zip(directions, ["", "_reverse"]) {
                int8["lstm.weight_ih_l\(layer)\(suffix)"] = direction.inputWeight
                int8["lstm.weight_hh_l\(layer)\(suffix)"] = direction.hiddenWeight
                // The two PyTorch biases are stored summed (only the sum matters): b_ih = sum, b_hh = 0.
                float32["lstm.bias_ih_l\(layer)\(suffix)"] = Tensor(shape: [direction.bias.count], scalars: direction.bias)
                float32["lstm.bias_hh_l\(layer)\(suffix)"] = Tensor(shape: [direction.bias.count], repeating: 0)
            }
        }
        int8["attention.in_proj_weight"] = inProjection.weight
        int8["attention.out_proj.weight"] = outProjection.weight
        float32["attention.in_proj_bias"] = Tensor(shape: [inProjection.bias.count], scalars: inProjection.bias)
        float32["attention.out_proj.bias"] = Tensor(shape: [outProjection.bias.count], scalars: outProjection.bias)
        for head in [phaseHead, scoreHead, issueHead, confidenceHead] {
            for parameter in head.parameters { float32[parameter.name] = parameter.value }
        }
        return (int8, float32)
    }

    /// Number of weights (int8 and float32), the same as the float32 model's parameter count.
    public var parameterCount: Int {
        let (int8, float32) = weights
        return int8.values.reduce(0) { $0 + $1.values.count } + float32.values.reduce(0) { $0 + $1.count }
    }

    /// Inference: `x` `[B, T, 132]` → the same outputs as `GaitNet`.
    public func callAsFunction(_ x: Tensor) -> GaitNetOutput {
        precondition(x.shape.count == 3 && x.shape[2] == configuration.inputSize,
                     "GaitNet input \(x.shape), expected [batch, frames, \(configuration.inputSize)]")
        let (batch, steps) = (x.shape[0], x.shape[1])
        let hidden = configuration.hiddenSize, width = configuration.embeddingSize
        let rows = steps * batch
        var layerInput = x.swappingFirstTwoAxes()
        for directions in lstm {
            let inputSize = layerInput.shape[2]
            let quantized = Int8Buffer(count: rows * inputSize)
            let scales = FloatBuffer(count: rows)
            layerInput.withUnsafePointer {
                Int8Kernels.quantizeRows($0, rows: rows, columns: inputSize, stride: inputSize, into: quantized.pointer, scales: scales.pointer)
            }
            var output = Tensor(shape: [steps, batch, width], repeating: 0)
            output.withUnsafeMutablePointer { pointer in
                let out = SendableMutablePointer(pointer)
                Parallel.forEach(directions.count) { direction in
                    directions[direction].forward(input: quantized.pointer, inputScales: scales.pointer, steps: steps, batch: batch,
                                                  output: out.base, outputStride: width, outputOffset: direction * hidden)
                }
            }
            layerInput = output
        }
        let lstmOutput = layerInput
        var attended = attention(lstmOutput, steps: steps, batch: batch)
        attended.withUnsafeMutablePointer { sum in
            lstmOutput.withUnsafePointer { Kernels.add($0, into: sum, count: lstmOutput.count) }
        }
        // The heads, in float32, exactly as GaitNet's.
        let pooled = GaitNet.timeAverage(attended)
        let scoreLogits = scoreHead(pooled)
        return GaitNetOutput(
            phaseLogits: phaseHead(attended).swappingFirstTwoAxes(),
            formScore: Tensor(shape: [batch], scalars: scoreLogits.scalars.map { GaitNetConfiguration.formScoreScale * sigmoid($0) }),
            issueLogits: issueHead(pooled),
            confidenceLogit: Tensor(shape: [batch], scalars: confidenceHead(pooled).scalars))
    }

    /// Self-attention on `[T, B, E]` with int8 projections and the float32 attention core of
    /// `MultiHeadAttention`.
    private func attention(_ x: Tensor, steps: Int, batch: Int) -> Tensor {
        let width = configuration.embeddingSize
        let rows = steps * batch
        let qkv = FloatBuffer(count: rows * 3 * width)
        x.withUnsafePointer { inProjection.apply($0, rows: rows, into: qkv.pointer) }
        let geometry = AttentionGeometry(steps: steps, batch: batch, width: width, headCount: configuration.headCount)
        let weights = FloatBuffer(count: batch * geometry.headCount * steps * steps)
        var context = Tensor(shape: [steps, batch, width], repeating: 0)
        context.withUnsafeMutablePointer { contextPointer in
            let out = SendableMutablePointer(contextPointer)
            Parallel.forEach(Engine.threadCount) { part in
                for pair in Parallel.chunk(part, of: Engine.threadCount, total: batch * geometry.headCount) {
                    AttentionHead.forward(pair: pair, geometry: geometry, queryKeyValue: qkv.pointer, weights: weights.pointer, context: out.base)
                }
            }
        }
        var output = Tensor(shape: [steps, batch, width], repeating: 0)
        context.withUnsafePointer { c in output.withUnsafeMutablePointer { outProjection.apply(c, rows: rows, into: $0) } }
        return output
    }
}

extension ParameterOwner {
    /// Sets the parameters in `only` from `weights` (by name); throws when one is missing or
    /// misshapen, or when `weights` holds a tensor that is none of them.
    func load(_ weights: [String: Tensor], only: [Parameter], source: String) throws {
        let expected = Set(only.map(\.name))
        if let unexpected = weights.keys.sorted().first(where: { !expected.contains($0) }) {
            throw GaitMLError.checkpointMismatch(path: source, problem: "unexpected tensor \(unexpected)")
        }
        for parameter in only {
            guard let tensor = weights[parameter.name] else {
                throw GaitMLError.checkpointMismatch(path: source, problem: "missing tensor \(parameter.name)")
            }
            guard tensor.shape == parameter.value.shape else {
                throw GaitMLError.checkpointMismatch(path: source, problem: "\(parameter.name) has shape \(tensor.shape), the model needs \(parameter.value.shape)")
            }
            parameter.value = tensor
        }
    }
}
