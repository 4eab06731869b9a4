import Foundation

/// Writes TensorBoard event files (`events.out.tfevents.*`): TFRecord framing (length, masked
/// CRC-32C of the length, a serialized `tensorflow.Event` protobuf, masked CRC-32C of the data)
/// with scalar summaries, so `tensorboard --logdir` plots the training curves.
///
/// The protobuf is written by hand: Event {1: wall_time double, 2: step int64, 3: file_version
/// string, 5: summary}; Summary {1: repeated Value}; Value {1: tag string, 2: simple_value float}.
public final class TensorBoardWriter {
    public let path: String
    private let handle: FileHandle

    /// Creates `directory` if needed and starts a new event file in it.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let time = Date().timeIntervalSince1970
        path = (directory as NSString).appendingPathComponent(
            "events.out.tfevents.\(Int(time)).\(ProcessInfo.processInfo.hostName).\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw GaitMLError.writeFailed(path: path)
        }
        self.handle = handle
        var event = Protobuf()
        event.double(field: 1, time)
        event.string(field: 3, "brain.Event:2")
        try write(record: event.bytes)
    }

    deinit { try? handle.close() }

    /// Appends one event holding `scalars` (tag → value) at `step`, and flushes it to disk.
    public func add(scalars: [(tag: String, value: Double)], step: Int, wallTime: Double = Date().timeIntervalSince1970) throws {
        var summary = Protobuf()
        for (tag, value) in scalars {
            var entry = Protobuf()
            entry.string(field: 1, tag)
            entry.float(field: 2, Float(value))
            summary.message(field: 1, entry)
        }
        var event = Protobuf()
        event.double(field: 1, wallTime)
        event.varint(field: 2, UInt64(bitPattern: Int64(step)))
        event.message(field: 5, summary)
        try write(record: event.bytes)
    }

    private func write(record data: [UInt8]) throws {
        var bytes: [UInt8] = []
        let length = withUnsafeBytes(of: UInt64(data.count).littleEndian, Array.init)
        bytes += length
        bytes += withUnsafeBytes(of: CRC32C.masked(length).littleEndian, Array.init)
        bytes += data
        bytes += withUnsafeBytes(of: CRC32C.masked(data).littleEndian, Array.init)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        } catch {
            throw GaitMLError.writeFailed(path: path)
        }
    }
}

/// The few protobuf wire-format encodings the event file needs.
struct Protobuf {
    private(set) var bytes: [UInt8] = []

    mutating func rawVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func varint(field: Int, _ value: UInt64) {
        rawVarint(UInt64(field << 3 | 0))
        rawVarint(value)
    }

    mutating func double(field: Int, _ value: Double) {
        rawVarint(UInt64(field << 3 | 1))
        bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
    }

    mutating func float(field: Int, _ value: Float) {
        rawVarint(UInt64(field << 3 | 5))
        bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
    }

    mutating func string(field: Int, _ value: String) {
        rawVarint(UInt64(field << 3 | 2))
        rawVarint(UInt64(value.utf8.count))
        bytes += Array(value.utf8)
    }

    mutating func message(field: Int, _ value: Protobuf) {
        rawVarint(UInt64(field << 3 | 2))
        rawVarint(UInt64(value.bytes.count))
        bytes += value.bytes
    }
}
