import GaitCore
import GaitML

/// Builds the ONNX graph of a GaitNet: input `pose_sequence` `[batch, T, F]` → the four outputs
/// (names in `GaitNetGraph.OutputName`). The nodes, shapes and initializer names are listed in
/// `docs/onnx.md`; each step mirrors `GaitNet`'s forward pass.
struct GaitNetGraph {
    static let inputName = "pose_sequence"

    enum OutputName: String, CaseIterable {
        /// `[batch, T, 4]`, raw logits (softmax(logits / phase_temperature) gives probabilities).
        case phaseLogits = "phase_logits"
        /// `[batch]`, points 0-10.
        case formScore = "form_score"
        /// `[batch, 3]`, raw logits (σ gives probabilities).
        case issueLogits = "issue_logits"
        /// `[batch]`, σ(confidence logit / confidence_temperature), a probability.
        case confidence = "confidence"
    }

    let model: GaitNet
    let config: CheckpointConfig
    let options: ONNXExportOptions
    private var graph: GraphBuilder

    init(model: GaitNet, config: CheckpointConfig, options: ONNXExportOptions) {
        self.model = model
        self.config = config
        self.options = options
        graph = GraphBuilder(name: options.precision == .int8 ? "GaitNet_int8" : "GaitNet")
    }

    private var frames: Int { model.configuration.frameCount }
    private var width: Int { model.configuration.embeddingSize }

    /// The finished graph.
    mutating func build() -> Onnx_GraphProto {
        let c = model.configuration
        graph.addInput(Self.inputName, type: .float, shape: ["batch", .fixed(c.frameCount), .fixed(c.inputSize)])
        // [B, T, F] → time-major [T, B, F] for the LSTM.
        var sequence = graph.op("Transpose", Self.inputName, name: "input/to_time_major", attributes: [.ints("perm", [1, 0, 2])])
        var lastLayerOutput = ""
        for layer in 0..<c.layerCount {
            let y = lstmLayer(sequence, layer: layer)  // [T, 2, B, H]
            if layer + 1 < c.layerCount {
                // [T, 2, B, H] → [T, B, 2, H] → [T, B, 2H]: forward then reverse hidden state, as PyTorch.
                let swapped = graph.op("Transpose", y, name: "lstm/layer\(layer)/directions_last", attributes: [.ints("perm", [0, 2, 1, 3])])
                sequence = graph.op("Reshape", swapped, graph.int64Constant([0, 0, -1]), name: "lstm/layer\(layer)/concat_directions")
            } else {
                lastLayerOutput = y
            }
        }
        // The attention and heads work batch-first on [B·T, E] rows: [T, 2, B, H] → [B, T, 2, H] → [B·T, 2H].
        let batchFirst = graph.op("Transpose", lastLayerOutput, name: "lstm/to_batch_first", attributes: [.ints("perm", [2, 0, 1, 3])])
        let lstmRows = graph.op("Reshape", batchFirst, graph.int64Constant([-1, width]), name: "lstm/output_rows")
        let attentionRows = attention(lstmRows)
        let attended = graph.op("Add", lstmRows, attentionRows, name: "residual/add")
        heads(attended)
        return graph.graph
    }

    // MARK: - LSTM

    /// One bidirectional layer: `x` `[T, B, I]` → Y `[T, 2, B, H]`.
    private mutating func lstmLayer(_ x: String, layer: Int) -> String {
        let hidden = model.configuration.hiddenSize
        let scope = "lstm/layer\(layer)"
        let prefix = "lstm.l\(layer)"  // initializer names, beside PyTorch's lstm.weight_ih_l<k>
        let suffixes = ["l\(layer)", "l\(layer)_reverse"]
        func weight(_ kind: String, _ suffix: String) -> Tensor { model.parameter(named: "lstm.\(kind)_\(suffix)")!.value }
        // B = [Wb, Rb] per direction, each in ONNX gate order: ONNX adds both, like PyTorch's two biases.
        let bias = suffixes.flatMap { suffix in
            LSTMGateLayout.reorder(weight("bias_ih", suffix).scalars, blockRows: hidden)
                + LSTMGateLayout.reorder(weight("bias_hh", suffix).scalars, blockRows: hidden)
        }
        let biasName = graph.floats("\(prefix).B", bias, shape: [2, 8 * hidden])
        let attributes: [Onnx_AttributeProto] = [.int("hidden_size", hidden), .string("direction", "bidirectional")]
        switch options.precision {
        case .float32:
            // W [2, 4H, I], R [2, 4H, H]: PyTorch's [4H, ·] matrices with their gate blocks reordered.
            func stacked(_ kind: String) -> (values: [Float], shape: [Int]) {
                let matrices = suffixes.map { weight(kind, $0) }
                let columns = matrices[0].shape[1]
                return (matrices.flatMap { LSTMGateLayout.reorder($0.scalars, blockRows: hidden, rowLength: columns) }, [2, 4 * hidden, columns])
            }
            let (w, wShape) = stacked("weight_ih"), (r, rShape) = stacked("weight_hh")
            let wName = graph.floats("\(prefix).W", w, shape: wShape)
            let rName = graph.floats("\(prefix).R", r, shape: rShape)
            return graph.node("LSTM", [x, wName, rName, biasName], name: "\(scope)/LSTM", attributes: attributes, outputCount: 1)[0]
        case .int8:
            // ONNX Runtime's DynamicQuantizeLSTM: W [2, I, 4H] and R [2, H, 4H] int8 (transposed),
            // one scale per gate unit and direction, stored as `options.int8Weights` says.
            func quantized(_ kind: String) -> (values: [Int8], scales: [Float], shape: [Int]) {
                let matrices = suffixes.map { Int8Matrix(quantizing: weight(kind, $0)) }
                let columns = matrices[0].columns
                let values = matrices.flatMap {
                    LSTMGateLayout.transpose(LSTMGateLayout.reorder($0.values, blockRows: hidden, rowLength: columns),
                                             rows: 4 * hidden, columns: columns)
                }
                return (values, matrices.flatMap { LSTMGateLayout.reorder($0.scales, blockRows: hidden) }, [2, columns, 4 * hidden])
            }
            var names: [String] = []
            for (kind, short) in [("weight_ih", "W"), ("weight_hh", "R")] {
                let q = quantized(kind)
                let stored = graph.int8Weights("\(prefix).\(short)", q.values, shape: q.shape, zeroPointShape: [2, 4 * hidden], storage: options.int8Weights)
                names += [stored.weights, graph.floats("\(prefix).\(short)_scale", q.scales, shape: [2, 4 * hidden]), stored.zeroPoint]
            }
            // Inputs: X, W, R, B, sequence_lens, initial_h, initial_c, P, W_scale, W_zero_point, R_scale, R_zero_point.
            return graph.node("DynamicQuantizeLSTM", [x, names[0], names[3], biasName, "", "", "", "", names[1], names[2], names[4], names[5]],
                              name: "\(scope)/DynamicQuantizeLSTM", attributes: attributes, domain: ONNXExporter.microsoftDomain,
                              outputCount: 1)[0]
        }
    }

    // MARK: - Attention

    /// Multi-head self-attention on rows `[B·T, E]` (batch-major): returns its output rows.
    private mutating func attention(_ rows: String) -> String {
        let c = model.configuration
        let heads = c.headCount, headSize = width / c.headCount
        let attention = model.attention
        let qkv = linear(rows, weight: attention.inProjectionWeight, bias: attention.inProjectionBias,
                         quantize: options.precision == .int8, scope: "attention/in_proj")  // [B·T, 3E]
        // [B·T, 3E] → [B, T, 3, heads, d] → [3, B, heads, T, d]; then q, k, v = [B, heads, T, d] each.
        let split = graph.op("Reshape", qkv, graph.int64Constant([-1, frames, 3, heads, headSize]), name: "attention/split_heads")
        let perHead = graph.op("Transpose", split, name: "attention/heads_first", attributes: [.ints("perm", [2, 0, 3, 1, 4])])
        let (q, k, v) = (pick(perHead, 0, "query"), pick(perHead, 1, "key"), pick(perHead, 2, "value"))
        let keyT = graph.op("Transpose", k, name: "attention/key_transposed", attributes: [.ints("perm", [0, 1, 3, 2])])
        let scores = graph.op("MatMul", q, keyT, name: "attention/scores")  // [B, heads, T, T]
        let scaled = graph.op("Mul", scores, graph.scalar(1 / Float(headSize).squareRoot(), name: "attention_scale"), name: "attention/scale")
        let weights = graph.op("Softmax", scaled, name: "attention/softmax", attributes: [.int("axis", -1)])
        let context = graph.op("MatMul", weights, v, name: "attention/context")  // [B, heads, T, d]
        let merged = graph.op("Transpose", context, name: "attention/frames_first", attributes: [.ints("perm", [0, 2, 1, 3])])
        let contextRows = graph.op("Reshape", merged, graph.int64Constant([-1, width]), name: "attention/merge_heads")
        return linear(contextRows, weight: attention.outProjection.weight, bias: attention.outProjection.bias,
                      quantize: options.precision == .int8, scope: "attention/out_proj")
    }

    /// Element `index` of axis 0 (that axis dropped).
    private mutating func pick(_ x: String, _ index: Int, _ name: String) -> String {
        let indexName = graph.int64Scalar(index)
        return graph.op("Gather", x, indexName, name: "attention/\(name)", attributes: [.int("axis", 0)])
    }

    // MARK: - Heads

    /// Heads on the attended rows `[B·T, E]`; declares the four graph outputs.
    private mutating func heads(_ attended: String) {
        let phaseRows = linear(attended, weight: model.phaseHead.weight, bias: model.phaseHead.bias, quantize: false, scope: "phase_head")
        graph.node("Reshape", [phaseRows, graph.int64Constant([-1, frames, GaitNetConfiguration.phaseClassCount])],
                   name: "phase_head/per_frame", outputs: [OutputName.phaseLogits.rawValue])
        let perWindow = graph.op("Reshape", attended, graph.int64Constant([-1, frames, width]), name: "pooling/per_window")
        let pooled: String
        if options.opset >= 18 {
            pooled = graph.op("ReduceMean", perWindow, graph.int64Constant([1]), name: "pooling/mean_over_time", attributes: [.int("keepdims", 0)])
        } else {
            pooled = graph.op("ReduceMean", perWindow, name: "pooling/mean_over_time", attributes: [.ints("axes", [1]), .int("keepdims", 0)])
        }
        let scoreLogit = linear(pooled, weight: model.scoreHead.weight, bias: model.scoreHead.bias, quantize: false, scope: "score_head")
        let scoreUnit = graph.op("Sigmoid", scoreLogit, name: "score_head/sigmoid")
        let score = graph.op("Mul", scoreUnit, graph.scalar(GaitNetConfiguration.formScoreScale, name: "form_score_scale"), name: "score_head/points")
        graph.node("Reshape", [score, graph.int64Constant([-1])], name: "score_head/flatten", outputs: [OutputName.formScore.rawValue])
        _ = linear(pooled, weight: model.issueHead.weight, bias: model.issueHead.bias, quantize: false, scope: "issue_head",
                   output: OutputName.issueLogits.rawValue)
        let confidenceLogit = linear(pooled, weight: model.confidenceHead.weight, bias: model.confidenceHead.bias, quantize: false, scope: "confidence_head")
        let temperature = graph.scalar(Float(config.confidenceTemperature), name: "confidence_temperature")
        let calibrated = graph.op("Div", confidenceLogit, temperature, name: "confidence_head/temperature")
        let probability = graph.op("Sigmoid", calibrated, name: "confidence_head/sigmoid")
        graph.node("Reshape", [probability, graph.int64Constant([-1])], name: "confidence_head/flatten", outputs: [OutputName.confidence.rawValue])

        let batch: ONNXDimension = "batch"
        graph.addOutput(OutputName.phaseLogits.rawValue, type: .float, shape: [batch, .fixed(frames), .fixed(GaitNetConfiguration.phaseClassCount)])
        graph.addOutput(OutputName.formScore.rawValue, type: .float, shape: [batch])
        graph.addOutput(OutputName.issueLogits.rawValue, type: .float, shape: [batch, .fixed(GaitNetConfiguration.issueCount)])
        graph.addOutput(OutputName.confidence.rawValue, type: .float, shape: [batch])
    }

    // MARK: - Linear layers

    /// `x · Wᵀ + b` on rows `[M, in]` → `[M, out]`. Float32: one `Gemm` on the PyTorch-layout weight
    /// (transB). Int8: the activations quantized at run time (`DynamicQuantizeLinear`, uint8), an
    /// integer product with the int8 weight stored as `options.int8Weights` says (`MatMulInteger`),
    /// then rescaled and biased in float.
    private mutating func linear(
        _ x: String, weight: Parameter, bias: Parameter, quantize: Bool, scope: String, output: String? = nil
    ) -> String {
        let weightShape = weight.value.shape
        guard quantize else {
            let w = graph.floats(weight.name, weight.value.scalars, shape: weightShape)
            let b = graph.floats(bias.name, bias.value.scalars, shape: bias.value.shape)
            return graph.op("Gemm", x, w, b, name: "\(scope)/Gemm", attributes: [.int("transB", 1)], output: output)
        }
        let matrix = Int8Matrix(quantizing: weight.value)
        let transposed = LSTMGateLayout.transpose(matrix.values, rows: matrix.rows, columns: matrix.columns)
        let w = graph.int8Weights(weight.name, transposed, shape: [matrix.columns, matrix.rows], zeroPointShape: [], storage: options.int8Weights)
        let wScale = graph.floats(weight.name + "_scale", matrix.scales, shape: [matrix.rows])
        let b = graph.floats(bias.name, bias.value.scalars, shape: bias.value.shape)
        let quantized = graph.node("DynamicQuantizeLinear", [x], name: "\(scope)/DynamicQuantizeLinear", outputCount: 3)
        let integers = graph.op("MatMulInteger", quantized[0], w.weights, quantized[2], w.zeroPoint, name: "\(scope)/MatMulInteger")
        let floats = graph.op("Cast", integers, name: "\(scope)/Cast", attributes: [.int("to", Onnx_TensorProto.DataType.float.rawValue)])
        let scale = graph.op("Mul", quantized[1], wScale, name: "\(scope)/scale")
        let rescaled = graph.op("Mul", floats, scale, name: "\(scope)/rescale")
        return graph.op("Add", rescaled, b, name: "\(scope)/bias", output: output)
    }
}
