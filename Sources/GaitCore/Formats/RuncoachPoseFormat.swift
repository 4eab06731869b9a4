import Foundation

/// Reads and writes `runcoach-pose` version 1, the project's pose interchange format
/// (specified in `docs/formats.md` and `ARCHITECTURE.md`).
public enum RuncoachPoseFormat {
    /// The value of the `format` key.
    public static let formatName = "runcoach-pose"
    /// The version this code reads and writes.
    public static let version = 1

    /// Parses a `runcoach-pose` document. `name` is used in error messages (usually the path).
    public static func read(_ data: Data, name: String) throws -> PoseSequence {
        try data.withUnsafeBytes { bytes in
            var reader = _RuncoachPoseReader(scanner: _JSONScanner(bytes), name: name)
            return try reader.read()
        }
    }

    /// Reads the `runcoach-pose` file at `path`.
    public static func read(path: String) throws -> PoseSequence {
        try read(PoseFileLoader.contents(of: path), name: path)
    }

    /// Encodes `sequence` as a `runcoach-pose` v1 document: one frame per line, numbers written with
    /// the shortest representation that reads back to the same `Double`.
    public static func encode(_ sequence: PoseSequence) -> Data {
        var out = "{\"format\": \"\(formatName)\", \"version\": \(version),\n"
        out += " \"landmarkSet\": \"blazepose33\",\n"
        out += " \"fps\": \(number(sequence.nominalFPS)), \"width\": \(sequence.width), \"height\": \(sequence.height),\n"
        out += " \"source\": \(jsonString(sequence.source)),\n"
        if let height = sequence.runner?.heightMeters {
            out += " \"runner\": {\"heightMeters\": \(number(height))},\n"
        }
        out += " \"frames\": [\n"
        for (index, frame) in sequence.frames.enumerated() {
            out += "  {\"t\": \(number(frame.time)), \"landmarks\": "
            if let landmarks = frame.landmarks {
                out += "["
                for (pointIndex, landmark) in landmarks.enumerated() {
                    if pointIndex > 0 { out += ", " }
                    if let l = landmark {
                        out += "[\(number(l.x)), \(number(l.y)), \(number(l.z)), \(number(l.visibility))]"
                    } else {
                        out += "null"
                    }
                }
                out += "]"
            } else {
                out += "null"
            }
            out += index == sequence.frames.count - 1 ? "}\n" : "},\n"
        }
        out += " ]}\n"
        return Data(out.utf8)
    }

    /// Writes `sequence` to `path` atomically.
    public static func write(_ sequence: PoseSequence, to path: String) throws {
        try AtomicFile.write(encode(sequence), to: path)
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
