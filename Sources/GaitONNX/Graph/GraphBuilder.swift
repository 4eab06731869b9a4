/// Accumulates an ONNX graph: initializers (weights and constants) and nodes, in the order they are
/// added (which is a valid topological order when every input exists before it is used).
///
/// Every node gets a readable name from its scope (`lstm/layer0/LSTM`), and its outputs are named
/// after the node (`lstm/layer0/LSTM:0`) unless the caller names them (the graph outputs).
struct GraphBuilder {
    private(set) var graph = Onnx_GraphProto()
    private var takenNames: Set<String> = []
    private var constantsByValue: [String: String] = [:]

    init(name: String) {
        graph.name = name
    }

    /// Adds `tensor` as an initializer; returns its name.
    @discardableResult
    mutating func addInitializer(_ tensor: Onnx_TensorProto) -> String {
        precondition(takenNames.insert(tensor.name).inserted, "ONNX name \(tensor.name) used twice")
        graph.initializer.append(tensor)
        return tensor.name
    }

    /// A float32 initializer named `name`.
    mutating func floats(_ name: String, _ values: [Float], shape: [Int]) -> String {
        addInitializer(Onnx_TensorProto(name: name, floats: values, shape: shape))
    }

    /// Int8 weights `values` (−127…127) as the initializer `<name>_quantized`, and their zero points
    /// as `<name>_zero_point` of shape `zeroPointShape`: with `.uint8` storage each stored as q +
    /// `ONNXExportOptions.int8WeightZeroPoint` (why: there), the zero points all that value; with
    /// `.int8` as they are, the zero points 0.
    mutating func int8Weights(_ name: String, _ values: [Int8], shape: [Int], zeroPointShape: [Int],
                              storage: ONNXExportOptions.Int8WeightStorage) -> (weights: String, zeroPoint: String) {
        let zeroPointCount = zeroPointShape.reduce(1, *)
        switch storage {
        case .uint8:
            let zeroPoint = ONNXExportOptions.int8WeightZeroPoint
            return (addInitializer(Onnx_TensorProto(name: name + "_quantized", uint8s: values.map { UInt8(Int16($0) + Int16(zeroPoint)) }, shape: shape)),
                    addInitializer(Onnx_TensorProto(name: name + "_zero_point", uint8s: [UInt8](repeating: zeroPoint, count: zeroPointCount), shape: zeroPointShape)))
        case .int8:
            return (addInitializer(Onnx_TensorProto(name: name + "_quantized", int8s: values, shape: shape)),
                    addInitializer(Onnx_TensorProto(name: name + "_zero_point", int8s: [Int8](repeating: 0, count: zeroPointCount), shape: zeroPointShape)))
        }
    }

    /// A constant int64 vector (a shape, axes or perm given as data), shared between nodes that need
    /// the same values.
    mutating func int64Constant(_ values: [Int]) -> String {
        let key = "int64:" + values.map(String.init).joined(separator: ",")
        if let name = constantsByValue[key] { return name }
        let name = "const/int64_" + values.map { $0 < 0 ? "m\(-$0)" : "\($0)" }.joined(separator: "_")
        constantsByValue[key] = name
        return addInitializer(Onnx_TensorProto(name: name, int64s: values.map(Int64.init), shape: [values.count]))
    }

    /// A constant int64 scalar (an index), shared between nodes that need the same value.
    mutating func int64Scalar(_ value: Int) -> String {
        let key = "int64 scalar:\(value)"
        if let name = constantsByValue[key] { return name }
        let name = "const/int64_scalar_\(value < 0 ? "m\(-value)" : "\(value)")"
        constantsByValue[key] = name
        return addInitializer(Onnx_TensorProto(name: name, int64s: [Int64(value)], shape: []))
    }

    /// A float32 scalar initializer named `const/<name>`.
    mutating func scalar(_ value: Float, name: String) -> String {
        addInitializer(Onnx_TensorProto(name: "const/" + name, floats: [value], shape: []))
    }

    /// Adds a node of `opType` (in `domain`, "" = ai.onnx) reading `inputs` ("" for an omitted
    /// optional input); returns the names of its `outputCount` outputs, or `outputs` when given.
    @discardableResult
    mutating func node(
        _ opType: String, _ inputs: [String], name: String, attributes: [Onnx_AttributeProto] = [],
        domain: String = "", outputCount: Int = 1, outputs: [String]? = nil
    ) -> [String] {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.domain = domain
        node.name = uniqueName(name)
        node.input = inputs
        node.output = outputs ?? (0..<outputCount).map { "\(node.name):\($0)" }
        for output in node.output { precondition(takenNames.insert(output).inserted, "ONNX name \(output) used twice") }
        node.attribute = attributes
        graph.node.append(node)
        return node.output
    }

    /// `node` for the usual case of one output.
    mutating func op(
        _ opType: String, _ inputs: String..., name: String, attributes: [Onnx_AttributeProto] = [],
        domain: String = "", output: String? = nil
    ) -> String {
        node(opType, inputs, name: name, attributes: attributes, domain: domain, outputs: output.map { [$0] })[0]
    }

    /// Declares a graph input or output of element type `type` and `shape` (a `String` is a named
    /// dynamic dimension, an `Int` a fixed one).
    mutating func addInput(_ name: String, type: Onnx_TensorProto.DataType, shape: [ONNXDimension]) {
        graph.input.append(.tensor(name, type: type, shape: shape))
    }

    mutating func addOutput(_ name: String, type: Onnx_TensorProto.DataType, shape: [ONNXDimension]) {
        graph.output.append(.tensor(name, type: type, shape: shape))
    }

    /// `base`, or `base_2`, `base_3`... when taken.
    private mutating func uniqueName(_ base: String) -> String {
        var candidate = base
        var suffix = 2
        while takenNames.contains(candidate) {
            candidate = "\(base)_\(suffix)"
            suffix += 1
        }
        takenNames.insert(candidate)
        return candidate
    }
}

/// One dimension of a declared graph input or output.
enum ONNXDimension: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case fixed(Int)
    case named(String)

    init(integerLiteral value: Int) { self = .fixed(value) }
    init(stringLiteral value: String) { self = .named(value) }
}
