import Foundation

extension Onnx_TensorProto {
    /// A float32 tensor stored as little-endian raw bytes.
    init(name: String, floats: [Float], shape: [Int]) {
        self.init(name: name, dataType: .float, shape: shape, rawData: Self.littleEndianBytes(floats.map(\.bitPattern)))
    }

    /// A uint8 tensor.
    init(name: String, uint8s: [UInt8], shape: [Int]) {
        self.init(name: name, dataType: .uint8, shape: shape, rawData: Data(uint8s))
    }

    /// An int8 tensor.
    init(name: String, int8s: [Int8], shape: [Int]) {
        self.init(name: name, dataType: .int8, shape: shape, rawData: Data(int8s.map { UInt8(bitPattern: $0) }))
    }

    /// An int64 tensor (shapes, axes).
    init(name: String, int64s: [Int64], shape: [Int]) {
        self.init(name: name, dataType: .int64, shape: shape, rawData: Self.littleEndianBytes(int64s))
    }

    private init(name: String, dataType: DataType, shape: [Int], rawData: Data) {
        precondition(shape.allSatisfy { $0 >= 0 }, "tensor \(name): negative dimension in \(shape)")
        self.init()
        self.name = name
        self.dataType = Int32(dataType.rawValue)
        self.dims = shape.map(Int64.init)
        self.rawData = rawData
    }

    private static func littleEndianBytes<Value: FixedWidthInteger>(_ values: [Value]) -> Data {
        var data = Data(capacity: values.count * MemoryLayout<Value>.size)
        for value in values {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }
}

extension Onnx_AttributeProto {
    static func int(_ name: String, _ value: Int) -> Self {
        var attribute = Self()
        attribute.name = name
        attribute.type = .int
        attribute.i = Int64(value)
        return attribute
    }

    static func ints(_ name: String, _ values: [Int]) -> Self {
        var attribute = Self()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = values.map(Int64.init)
        return attribute
    }

    static func float(_ name: String, _ value: Float) -> Self {
        var attribute = Self()
        attribute.name = name
        attribute.type = .float
        attribute.f = value
        return attribute
    }

    static func string(_ name: String, _ value: String) -> Self {
        var attribute = Self()
        attribute.name = name
        attribute.type = .string
        attribute.s = Data(value.utf8)
        return attribute
    }
}

extension Onnx_ValueInfoProto {
    /// A tensor value of element `type` and `shape`.
    static func tensor(_ name: String, type: Onnx_TensorProto.DataType, shape: [ONNXDimension]) -> Self {
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(type.rawValue)
        tensorType.shape.dim = shape.map { dimension in
            var proto = Onnx_TensorShapeProto.Dimension()
            switch dimension {
            case .fixed(let size): proto.dimValue = Int64(size)
            case .named(let parameter): proto.dimParam = parameter
            }
            return proto
        }
        var value = Self()
        value.name = name
        value.type.tensorType = tensorType
        return value
    }
}
