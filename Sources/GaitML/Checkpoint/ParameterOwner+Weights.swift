extension ParameterOwner {
    /// Every parameter's value by name (a checkpoint's tensors).
    public var namedWeights: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.value) })
    }

    /// Replaces every parameter's value with the tensor of the same name. Throws when a tensor is
    /// missing, unexpected or of another shape; `source` names the weights in the message.
    public func load(_ weights: [String: Tensor], source: String) throws {
        let expected = Set(parameters.map(\.name))
        if let unexpected = weights.keys.sorted().first(where: { !expected.contains($0) }) {
            throw GaitMLError.checkpointMismatch(path: source, problem: "unexpected tensor \(unexpected)")
        }
        for parameter in parameters {
            guard let tensor = weights[parameter.name] else {
                throw GaitMLError.checkpointMismatch(path: source, problem: "missing tensor \(parameter.name)")
            }
            guard tensor.shape == parameter.value.shape else {
                throw GaitMLError.checkpointMismatch(
                    path: source, problem: "\(parameter.name) has shape \(tensor.shape), the model needs \(parameter.value.shape)")
            }
        }
        for parameter in parameters { parameter.value = weights[parameter.name]! }
    }
}
