/// A fully connected layer, `y = x · Wᵀ + b` (PyTorch's `nn.Linear`).
///
/// Parameters: `<name>.weight` `[outputSize, inputSize]`, `<name>.bias` `[outputSize]`. Initialised
/// as PyTorch does: both uniform in ±1/√inputSize.
public final class Linear: ParameterOwner {
    public let inputSize: Int
    public let outputSize: Int
    public let weight: Parameter
    public let bias: Parameter

    public init(inputSize: Int, outputSize: Int, name: String, using generator: inout some RandomNumberGenerator) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        let bound = 1 / Float(inputSize).squareRoot()
        weight = .uniform("\(name).weight", shape: [outputSize, inputSize], bound: bound, using: &generator)
        bias = .uniform("\(name).bias", shape: [outputSize], bound: bound, using: &generator)
    }

    public var parameters: [Parameter] { [weight, bias] }

    /// Inference: `x` `[..., inputSize]` → `[..., outputSize]` (all leading dimensions kept).
    public func callAsFunction(_ x: Tensor) -> Tensor { forward(x, weightUse: .repeatedly) }

    /// `callAsFunction` for a given `weightUse`: `.once` in a training forward pass (the weight
    /// changes before the next), `.repeatedly` in inference.
    func forward(_ x: Tensor, weightUse: WeightUse) -> Tensor {
        precondition(x.shape.last == inputSize, "Linear \(weight.name): input \(x.shape), expected last dimension \(inputSize)")
        let rows = x.count / inputSize
        var y = Tensor(shape: Array(x.shape.dropLast()) + [outputSize], repeating: 0)
        y.withUnsafeMutablePointer { out in
            bias.value.withUnsafePointer { b in
                for row in 0..<rows { (out + row * outputSize).update(from: b, count: outputSize) }
            }
            x.withUnsafePointer { input in
                weight.multiply(input, rows: rows, lda: inputSize, layout: .transposed, into: out, ldc: outputSize,
                                accumulate: true, use: weightUse, parallel: true)
            }
        }
        return y
    }

    /// Accumulates dL/dW and dL/db from `outputGradient` (shape of the output) for the forward input
    /// `x`, and returns dL/dx (shape of `x`).
    @discardableResult
    public func backward(_ outputGradient: Tensor, input x: Tensor, needsInputGradient: Bool = true) -> Tensor? {
        let rows = x.count / inputSize
        precondition(outputGradient.count == rows * outputSize, "Linear \(weight.name): gradient \(outputGradient.shape) does not match input \(x.shape)")
        outputGradient.withUnsafePointer { dy in
            x.withUnsafePointer { input in
                weight.gradient.withUnsafeMutablePointer { dw in
                    WeightGradient.accumulate(dy: dy, ldy: outputSize, x: input, ldx: inputSize, rows: rows,
                                              outputs: outputSize, inputs: inputSize, into: dw, parallel: true)
                }
            }
            bias.gradient.withUnsafeMutablePointer { db in
                Kernels.addColumnSums(of: dy, rows: rows, columns: outputSize, into: db)
            }
        }
        guard needsInputGradient else { return nil }
        var dx = Tensor(shape: x.shape, repeating: 0)
        dx.withUnsafeMutablePointer { dxPointer in
            outputGradient.withUnsafePointer { dy in
                weight.multiply(dy, rows: rows, lda: outputSize, layout: .asIs, into: dxPointer, ldc: inputSize,
                                accumulate: false, use: .once, parallel: true)
            }
        }
        return dx
    }
}
