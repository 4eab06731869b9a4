import Foundation

/// Adam: adaptive moment estimation (D. P. Kingma and J. Ba, "Adam: A Method for Stochastic
/// Optimization", ICLR 2015, Algorithm 1), with bias-corrected first and second moments:
///
///     m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,
///     θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
///
/// Same defaults and update as PyTorch's `torch.optim.Adam` (β₁ 0.9, β₂ 0.999, ε 1e-8).
public final class Adam {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// Updates taken so far (t in the paper).
    public private(set) var step = 0
    /// First and second moment estimates, one per parameter, same shapes.
    private(set) var firstMoments: [Tensor]
    private(set) var secondMoments: [Tensor]

    public init(parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { Tensor(shape: $0.value.shape) }
        secondMoments = parameters.map { Tensor(shape: $0.value.shape) }
    }

    /// Applies one update from the parameters' accumulated gradients (which it leaves as they are).
    public func update() {
        step += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(step)))
        let correction2 = 1 - Float(pow(Double(beta2), Double(step)))
        let stepSize = learningRate / correction1
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        let rootCorrection2 = correction2.squareRoot()
        for (index, parameter) in parameters.enumerated() {
            let count = parameter.count
            parameter.gradient.withUnsafePointer { g in
                firstMoments[index].withUnsafeMutablePointer { m in
                    secondMoments[index].withUnsafeMutablePointer { v in
                        parameter.value.withUnsafeMutablePointer { theta in
                            let (g, m, v, theta) = (SendablePointer(g), SendableMutablePointer(m), SendableMutablePointer(v), SendableMutablePointer(theta))
                            // Elementwise, so slicing over threads gives the same bits as one thread.
                            Parallel.forEachSlice(of: count) { _, range in
                                let o = range.lowerBound
                                Self.applyUpdate(count: range.count, gradient: g.base + o, first: m.base + o, second: v.base + o,
                                                 value: theta.base + o, beta1: b1, beta2: b2, stepSize: stepSize,
                                                 rootCorrection2: rootCorrection2, epsilon: eps)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The update of `count` scalars, a register (`FastMath.Vector`) at a time (the scalar loop costs ~3 ms per step for
    /// GaitNet's 5 M parameters, 15 % of a batch-1 training step); large parameters are split over
    /// the engine's threads (the update streams 28 bytes per parameter: memory-bound on one core).
    private static func applyUpdate(
        count: Int, gradient g: UnsafePointer<Float>, first m: UnsafeMutablePointer<Float>, second v: UnsafeMutablePointer<Float>,
        value theta: UnsafeMutablePointer<Float>, beta1: Float, beta2: Float, stepSize: Float, rootCorrection2: Float, epsilon: Float
    ) {
        func update<Register: RegisterSlice>(_ register: Register, at i: Int) {
            let gi = register.load(g + i)
            let mi = beta1 * register.load(m + i) + (1 - beta1) * gi
            let vi = beta2 * register.load(v + i) + (1 - beta2) * gi * gi
            let update = stepSize * mi / (FastMath.squareRoot(vi) / rootCorrection2 + epsilon)
            register.store(mi, to: m + i)
            register.store(vi, to: v + i)
            register.store(register.load(theta + i) - update, to: theta + i)
        }
        let slices = FastMath.slices(count: count)
        for i in slices.whole { update(FullRegister(), at: i) }
        if let (i, rest) = slices.remainder { update(rest, at: i) }
    }

    /// The optimizer's state, for checkpoints: step count and the moment tensors.
    public var state: (step: Int, firstMoments: [Tensor], secondMoments: [Tensor]) {
        (step, firstMoments, secondMoments)
    }

    /// Restores a state saved from an optimizer over the same parameters.
    public func restore(step: Int, firstMoments: [Tensor], secondMoments: [Tensor]) {
        precondition(firstMoments.map(\.shape) == parameters.map(\.value.shape) && secondMoments.map(\.shape) == parameters.map(\.value.shape),
                     "optimizer state does not match the model's parameters")
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }
}
