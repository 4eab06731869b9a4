import Foundation
import GaitCore

/// Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length,
/// a JSON header `{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}`,
/// then the raw little-endian tensor bytes. GaitML stores float32 (`F32`) and, in int8 checkpoints,
/// int8 (`I8`) tensors.
public enum SafeTensors {
    /// Tensors by name, with the file's string metadata.
    public struct Contents: Sendable {
        public var tensors: [String: Tensor]
        /// `I8` tensors: shape and row-major values.
        public var int8Tensors: [String: (shape: [Int], values: [Int8])]
        public var metadata: [String: String]

        public init(tensors: [String: Tensor], int8Tensors: [String: (shape: [Int], values: [Int8])] = [:], metadata: [String: String] = [:]) {
            self.tensors = tensors
            self.int8Tensors = int8Tensors
            self.metadata = metadata
        }
    }

    /// Encodes `contents`, tensors in name order.
    public static func encode(_ contents: Contents) throws -> Data {
        var header: [String: Any] = [:]
        if !contents.metadata.isEmpty { header["__metadata__"] = contents.metadata }
        var payload = Data()
        for name in (Array(contents.tensors.keys) + Array(contents.int8Tensors.keys)).sorted() {
            let begin = payload.count
            if let tensor = contents.tensors[name] {
                tensor.scalars.withUnsafeBufferPointer { buffer in
                    for value in buffer {
                        withUnsafeBytes(of: value.bitPattern.littleEndian) { payload.append(contentsOf: $0) }
                    }
                }
                header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [begin, payload.count]]
            } else {
                let (shape, values) = contents.int8Tensors[name]!
                payload.append(contentsOf: values.map { UInt8(bitPattern: $0) })
                header[name] = ["dtype": "I8", "shape": shape, "data_offsets": [begin, payload.count]]
            }
        }
        var headerBytes = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        // Pad the header with spaces so that the data starts 8-byte aligned, as the format recommends.
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }
        var data = Data()
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(headerBytes)
        data.append(payload)
        return data
    }

    /// Writes `contents` to `path` atomically.
    public static func write(_ contents: Contents, to path: String) throws {
        try AtomicFile.write(encode(contents), to: path)
    }

    /// Reads the safetensors file at `path`.
    public static func read(path: String) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GaitMLError.unreadableFile(path: path)
        }
        return try decode(data, name: path)
    }

    /// Decodes a safetensors document; `name` names it in error messages.
    public static func decode(_ data: Data, name: String) throws -> Contents {
        func malformed(_ problem: String) -> GaitMLError { .malformedCheckpoint(path: name, problem: problem) }
        guard data.count >= 8 else { throw malformed("the file is shorter than the 8-byte header length") }
        let headerLength = data.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(data.count - 8) else { throw malformed("the header length \(headerLength) exceeds the file") }
        let dataStart = 8 + Int(headerLength)
        let headerData = data.subdata(in: 8..<dataStart)
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw malformed("the header is not a JSON object")
        }
        var contents = Contents(tensors: [:])
        for (key, value) in header {
            if key == "__metadata__" {
                contents.metadata = (value as? [String: String]) ?? [:]
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw malformed("tensor \(key): missing dtype, shape or data_offsets")
            }
            guard dtype == "F32" || dtype == "I8" else { throw malformed("tensor \(key): dtype \(dtype), only F32 and I8 are supported") }
            let count = shape.reduce(1, *)
            let elementSize = dtype == "F32" ? 4 : 1
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] - offsets[0] == elementSize * count,
                  dataStart + offsets[1] <= data.count else {
                throw malformed("tensor \(key): shape \(shape) does not match data_offsets \(offsets)")
            }
            if dtype == "I8" {
                let bytes = data[data.startIndex + dataStart + offsets[0] ..< data.startIndex + dataStart + offsets[1]]
                contents.int8Tensors[key] = (shape, bytes.map { Int8(bitPattern: $0) })
                continue
            }
            var scalars = [Float](repeating: 0, count: count)
            data.withUnsafeBytes { raw in
                let base = raw.baseAddress! + dataStart + offsets[0]
                for index in 0..<count {
                    scalars[index] = Float(bitPattern: UInt32(littleEndian: (base + 4 * index).loadUnaligned(as: UInt32.self)))
                }
            }
            // A diverged or damaged file must not reach a report as NaN scores and probabilities.
            let nonFinite = scalars.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
            guard nonFinite == 0 else { throw malformed("tensor \(key): \(nonFinite) of its \(count) values are NaN or infinite") }
            contents.tensors[key] = Tensor(shape: shape, scalars: scalars)
        }
        return contents
    }
}
