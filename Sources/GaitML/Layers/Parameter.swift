import Foundation

/// A trainable tensor with its accumulated gradient and its fixed name.
///
/// The name is the checkpoint tensor name and the ONNX initializer name, and follows PyTorch's
/// `state_dict` keys (`lstm.weight_ih_l0`, `attention.in_proj_weight`, `phase_head.bias`, ...), so
/// weights map 1:1 between this project, PyTorch and ONNX.
///
/// It is a class so that a layer, an optimizer and a checkpoint share one object. GaitML's parallel
/// code never touches one parameter from two threads at once (each LSTM direction owns its own
/// weights), which is why it may cross threads.
public final class Parameter: @unchecked Sendable {
    public let name: String
    /// The current value. Setting or mutating it drops the packed copies (`packed(_:)`).
    public var value: Tensor {
        didSet { packLock.withLock { packs.removeAll() } }
    }
    /// dLoss/dvalue accumulated by `backward` calls since the last `zeroGradient()`, same shape.
    public var gradient: Tensor

    /// Copies of a 2-D value in the matrix kernel's layout, made on first use after each change.
    private var packs: [PackedMatrix.Layout: PackedMatrix] = [:]
    /// Inference may run on several threads with one model, so the copies are made under a lock.
    private let packLock = NSLock()

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor(shape: value.shape, repeating: 0)
    }

    /// Element count of the value.
    public var count: Int { value.count }

    /// The 2-D value packed for products with it (`x · valueᵀ` for `.transposed`, `x · value` for
    /// `.asIs`), packed once per value: a training step packs each weight once, inference never again.
    func packed(_ layout: PackedMatrix.Layout) -> PackedMatrix {
        precondition(value.shape.count == 2, "\(name): only a matrix can be packed, shape \(value.shape)")
        return packLock.withLock {
            if let packed = packs[layout] { return packed }
            let (rows, columns) = (value.shape[0], value.shape[1])
            let packed = value.withUnsafePointer {
                layout == .transposed ? PackedMatrix($0, layout: layout, k: columns, n: rows)
                                      : PackedMatrix($0, layout: layout, k: rows, n: columns)
            }
            packs[layout] = packed
            return packed
        }
    }

    /// Resets the accumulated gradient to zero.
    public func zeroGradient() {
        let count = gradient.count
        gradient.withUnsafeMutablePointer { $0.update(repeating: 0, count: count) }
    }

    /// A parameter of `shape` with entries drawn uniformly from [−`bound`, `bound`).
    static func uniform(
        _ name: String, shape: [Int], bound: Float, using generator: inout some RandomNumberGenerator
    ) -> Parameter {
        let count = shape.reduce(1, *)
        var scalars = [Float](repeating: 0, count: count)
        for index in 0..<count { scalars[index] = bound == 0 ? 0 : generator.uniformFloat(-bound, bound) }
        return Parameter(name: name, value: Tensor(shape: shape, scalars: scalars))
    }
}

/// Something with named trainable parameters.
public protocol ParameterOwner: AnyObject {
    /// The parameters in a fixed order (the checkpoint's and the ONNX export's order).
    var parameters: [Parameter] { get }
}

extension ParameterOwner {
    /// Total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Resets every gradient to zero.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }

    /// The parameter called `name`, if any.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}
