import Foundation

/// Multi-head scaled dot-product self-attention (PyTorch's `nn.MultiheadAttention` with query =
/// key = value, no mask, no attention dropout), time-major.
///
/// Shapes: input `[T, B, E]` → output `[T, B, E]`; `headCount` heads of `E / headCount` columns.
/// For each batch element and head: softmax(Q Kᵀ / √d) V, then the heads are concatenated and
/// projected.
///
/// Parameters (PyTorch's names): `<name>.in_proj_weight` `[3E, E]` (rows: query, key, value
/// projections), `<name>.in_proj_bias` `[3E]`, `<name>.out_proj.weight` `[E, E]`,
/// `<name>.out_proj.bias` `[E]`. Initialised as PyTorch: Xavier-uniform input projection, zero
/// biases, output projection like a `Linear`.
public final class MultiHeadAttention: ParameterOwner {
    public let embeddingSize: Int
    public let headCount: Int
    public let inProjectionWeight: Parameter
    public let inProjectionBias: Parameter
    public let outProjection: Linear

    public init(embeddingSize: Int, headCount: Int, name: String, using generator: inout some RandomNumberGenerator) {
        precondition(embeddingSize % headCount == 0, "embedding size \(embeddingSize) is not a multiple of \(headCount) heads")
        self.embeddingSize = embeddingSize
        self.headCount = headCount
        let xavierBound = (6 / Float(embeddingSize + 3 * embeddingSize)).squareRoot()
        inProjectionWeight = .uniform("\(name).in_proj_weight", shape: [3 * embeddingSize, embeddingSize], bound: xavierBound, using: &generator)
        inProjectionBias = .uniform("\(name).in_proj_bias", shape: [3 * embeddingSize], bound: 0, using: &generator)
        outProjection = Linear(inputSize: embeddingSize, outputSize: embeddingSize, name: "\(name).out_proj", using: &generator)
        outProjection.bias.value = Tensor(shape: [embeddingSize], repeating: 0)
    }

    public var parameters: [Parameter] { [inProjectionWeight, inProjectionBias] + outProjection.parameters }

    /// Columns per head.
    public var headSize: Int { embeddingSize / headCount }

    /// What `backward` needs: the input, the projected queries/keys/values `[T, B, 3E]`, the
    /// attention weights `[B, heads, T, T]` and the concatenated head outputs `[T, B, E]`.
    public struct Tape {
        let input: Tensor
        let queryKeyValue: FloatBuffer
        let weights: FloatBuffer
        let context: Tensor
    }

    /// Inference.
    public func callAsFunction(_ x: Tensor) -> Tensor { forward(x, weightUse: .repeatedly).output }

    /// Training forward: the output and the tape for `backward`. `weightUse`: `.once` when the
    /// weights change before the next call (training), `.repeatedly` in inference.
    public func forward(_ x: Tensor) -> (output: Tensor, tape: Tape) { forward(x, weightUse: .once) }

    func forward(_ x: Tensor, weightUse: WeightUse) -> (output: Tensor, tape: Tape) {
        precondition(x.shape.count == 3 && x.shape[2] == embeddingSize, "attention input \(x.shape), expected [T, B, \(embeddingSize)]")
        let (steps, batch, width) = (x.shape[0], x.shape[1], embeddingSize)
        let rows = steps * batch
        let qkv = FloatBuffer(count: rows * 3 * width)
        inProjectionBias.value.withUnsafePointer { bias in
            for row in 0..<rows { (qkv.pointer + row * 3 * width).update(from: bias, count: 3 * width) }
        }
        x.withUnsafePointer { input in
            inProjectionWeight.multiply(input, rows: rows, lda: width, layout: .transposed, into: qkv.pointer,
                                        ldc: 3 * width, accumulate: true, use: weightUse, parallel: true)
        }
        let weights = FloatBuffer(count: batch * headCount * steps * steps)
        var context = Tensor(shape: [steps, batch, width], repeating: 0)
        let geometry = AttentionGeometry(steps: steps, batch: batch, width: width, headCount: headCount)
        context.withUnsafeMutablePointer { contextPointer in
            let out = SendableMutablePointer(contextPointer)
            Parallel.forEach(Engine.threadCount) { part in
                for pair in Parallel.chunk(part, of: Engine.threadCount, total: batch * geometry.headCount) {
                    AttentionHead.forward(pair: pair, geometry: geometry, queryKeyValue: qkv.pointer,
                                          weights: weights.pointer, context: out.base)
                }
            }
        }
        let output = outProjection.forward(context, weightUse: weightUse)
        return (output, Tape(input: x, queryKeyValue: qkv, weights: weights, context: context))
    }

    /// Accumulates the parameter gradients from dL/d(output) `[T, B, E]`; returns dL/d(input).
    public func backward(_ outputGradient: Tensor, tape: Tape) -> Tensor {
        let (steps, batch, width) = (tape.input.shape[0], tape.input.shape[1], embeddingSize)
        let rows = steps * batch
        let contextGradient = outProjection.backward(outputGradient, input: tape.context)!
        let qkvGradient = FloatBuffer(count: rows * 3 * width)
        let geometry = AttentionGeometry(steps: steps, batch: batch, width: width, headCount: headCount)
        let (qkv, weights) = (tape.queryKeyValue, tape.weights)
        contextGradient.withUnsafePointer { contextGradientPointer in
            let dContext = SendablePointer(contextGradientPointer)
            Parallel.forEach(Engine.threadCount) { part in
                let scratch = FloatBuffer(count: steps * steps)
                for pair in Parallel.chunk(part, of: Engine.threadCount, total: batch * geometry.headCount) {
                    AttentionHead.backward(pair: pair, geometry: geometry, queryKeyValue: qkv.pointer,
                                           weights: weights.pointer, contextGradient: dContext.base,
                                           queryKeyValueGradient: qkvGradient.pointer, scratch: scratch.pointer)
                }
            }
        }
        tape.input.withUnsafePointer { input in
            inProjectionWeight.gradient.withUnsafeMutablePointer { dW in
                WeightGradient.accumulate(dy: qkvGradient.pointer, ldy: 3 * width, x: input, ldx: width, rows: rows,
                                          outputs: 3 * width, inputs: width, into: dW, parallel: true)
            }
        }
        inProjectionBias.gradient.withUnsafeMutablePointer {
            Kernels.addColumnSums(of: qkvGradient.pointer, rows: rows, columns: 3 * width, into: $0)
        }
        var inputGradient = Tensor(shape: tape.input.shape, repeating: 0)
        inputGradient.withUnsafeMutablePointer { dx in
            inProjectionWeight.multiply(qkvGradient.pointer, rows: rows, lda: 3 * width, layout: .asIs, into: dx,
                                        ldc: width, accumulate: false, use: .once, parallel: true)
        }
        return inputGradient
    }
}

/// Sizes of one attention call.
struct AttentionGeometry: Sendable {
    let steps: Int, batch: Int, width: Int, headCount: Int
    var headSize: Int { width / headCount }
    /// Row stride of the projected queries/keys/values `[T, B, 3E]` seen per batch element.
    var qkvStride: Int { batch * 3 * width }
    /// Row stride of the context `[T, B, E]` seen per batch element.
    var contextStride: Int { batch * width }
}

/// The per-(batch element, head) part of attention; `pair = b · heads + h`.
enum AttentionHead {
    static func forward(
        pair: Int, geometry g: AttentionGeometry, queryKeyValue: UnsafePointer<Float>,
        weights: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>
    ) {
        let (b, h) = (pair / g.headCount, pair % g.headCount)
        let query = queryKeyValue + b * 3 * g.width + h * g.headSize
        let key = query + g.width
        let value = query + 2 * g.width
        let scores = weights + pair * g.steps * g.steps
        BLAS.gemm(transposeB: true, m: g.steps, n: g.steps, k: g.headSize, alpha: 1 / Float(g.headSize).squareRoot(),
                  a: query, lda: g.qkvStride, b: key, ldb: g.qkvStride, c: scores, ldc: g.steps)
        for row in 0..<g.steps { softmaxInPlace(scores + row * g.steps, count: g.steps) }
        BLAS.gemm(m: g.steps, n: g.headSize, k: g.steps, a: scores, lda: g.steps, b: value, ldb: g.qkvStride,
                  c: context + b * g.width + h * g.headSize, ldc: g.contextStride)
    }

    /// With P the attention weights, dC the context gradient: dV = Pᵀ dC; dP = dC Vᵀ;
    /// dS = P ⊙ (dP − rowsum(dP ⊙ P)); dQ = dS K / √d; dK = dSᵀ Q / √d.
    static func backward(
        pair: Int, geometry g: AttentionGeometry, queryKeyValue: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        contextGradient: UnsafePointer<Float>, queryKeyValueGradient: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let (b, h) = (pair / g.headCount, pair % g.headCount)
        let offset = b * 3 * g.width + h * g.headSize
        let (query, key, value) = (queryKeyValue + offset, queryKeyValue + offset + g.width, queryKeyValue + offset + 2 * g.width)
        let dQuery = queryKeyValueGradient + offset
        let (dKey, dValue) = (dQuery + g.width, dQuery + 2 * g.width)
        let p = weights + pair * g.steps * g.steps
        let dContext = contextGradient + b * g.width + h * g.headSize
        let scale = 1 / Float(g.headSize).squareRoot()
        BLAS.gemm(transposeA: true, m: g.steps, n: g.headSize, k: g.steps, a: p, lda: g.steps,
                  b: dContext, ldb: g.contextStride, c: dValue, ldc: g.qkvStride)
        let dScores = scratch
        BLAS.gemm(transposeB: true, m: g.steps, n: g.steps, k: g.headSize, a: dContext, lda: g.contextStride,
                  b: value, ldb: g.qkvStride, c: dScores, ldc: g.steps)
        for row in 0..<g.steps {
            let (pRow, dRow) = (p + row * g.steps, dScores + row * g.steps)
            var dot: Float = 0
            for column in 0..<g.steps { dot += pRow[column] * dRow[column] }
            for column in 0..<g.steps { dRow[column] = pRow[column] * (dRow[column] - dot) }
        }
        BLAS.gemm(m: g.steps, n: g.headSize, k: g.steps, alpha: scale, a: dScores, lda: g.steps,
                  b: key, ldb: g.qkvStride, c: dQuery, ldc: g.qkvStride)
        BLAS.gemm(transposeA: true, m: g.steps, n: g.headSize, k: g.steps, alpha: scale, a: dScores, lda: g.steps,
                  b: query, ldb: g.qkvStride, c: dKey, ldc: g.qkvStride)
    }

    /// Numerically stable softmax of `count` values in place.
    static func softmaxInPlace(_ values: UnsafeMutablePointer<Float>, count: Int) {
        var maximum = -Float.infinity
        for index in 0..<count { maximum = max(maximum, values[index]) }
        var sum: Float = 0
        for index in 0..<count {
            values[index] = exp(values[index] - maximum)
            sum += values[index]
        }
        for index in 0..<count { values[index] /= sum }
    }
}
