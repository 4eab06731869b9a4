import Foundation
import GaitML

/// Float32 tensors as NumPy `.npy` files (format version 1.0, little-endian `<f4`, C order): how
/// GaitONNX hands inputs to ONNX Runtime's Python API and reads its outputs back.
enum NumpyArray {
    static func encode(_ tensor: Tensor) -> Data {
        let shape = tensor.shape.count == 1 ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in \n.
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header.utf8)
        tensor.scalars.withUnsafeBufferPointer { buffer in
            for value in buffer { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        return data
    }

    static func write(_ tensor: Tensor, to path: String) throws {
        try encode(tensor).write(to: URL(fileURLWithPath: path))
    }

    static func read(path: String) throws -> Tensor {
        guard let data = FileManager.default.contents(atPath: path) else { throw GaitONNXError.malformedArray(path: path, problem: "cannot read it") }
        return try decode(data, name: path)
    }

    static func decode(_ data: Data, name: String) throws -> Tensor {
        func malformed(_ problem: String) -> GaitONNXError { .malformedArray(path: name, problem: problem) }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else { throw malformed("no .npy magic") }
        let (major, headerStart) = (bytes[6], bytes[6] == 1 ? 10 : 12)
        guard major == 1 || major == 2 || major == 3 else { throw malformed("unknown .npy version \(major)") }
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard bytes.count >= headerStart + headerLength else { throw malformed("truncated header") }
        let header = String(decoding: bytes[headerStart ..< headerStart + headerLength], as: UTF8.self)
        guard header.contains("'descr': '<f4'") else { throw malformed("dtype is not little-endian float32: \(header)") }
        guard header.contains("'fortran_order': False") else { throw malformed("Fortran order is not supported") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw malformed("no shape in the header")
        }
        let shape = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *)
        let payload = headerStart + headerLength
        guard bytes.count - payload == 4 * count else { throw malformed("\(bytes.count - payload) data bytes for shape \(shape)") }
        var scalars = [Float](repeating: 0, count: count)
        for index in 0..<count {
            let offset = payload + 4 * index
            let bits = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
            scalars[index] = Float(bitPattern: bits)
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
