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
        let decoder = JSONDecoder()
        // JSON5 lets a file that contains NaN or Infinity (as Python's json module writes them) be
        // read far enough to name the frame and landmark that holds the bad number.
        decoder.allowsJSON5 = true
        let raw: RawPoseFile
        do {
            raw = try decoder.decode(RawPoseFile.self, from: data)
        } catch let error as DecodingError {
            throw malformed(error, name: name)
        } catch {
            throw GaitCoreError.malformedPoseFile(file: name, frame: nil, problem: "invalid JSON")
        }
        return try validate(raw, name: name)
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

    // MARK: - Private

    private struct RawRunner: Decodable {
        var heightMeters: Double?
    }

    private struct RawFrame: Decodable {
        var t: Double?
        var landmarks: [[Double]?]?
    }

    private struct RawPoseFile: Decodable {
        var format: String?
        var version: Int?
        var landmarkSet: String?
        var fps: Double?
        var width: Int?
        var height: Int?
        var source: String?
        var runner: RawRunner?
        var frames: [RawFrame]?
    }

    private static func validate(_ raw: RawPoseFile, name: String) throws -> PoseSequence {
        func fail(_ problem: String, frame: Int? = nil) -> GaitCoreError {
            .malformedPoseFile(file: name, frame: frame, problem: problem)
        }
        guard raw.format == formatName else {
            throw fail("\"format\" must be \"\(formatName)\" (found \(raw.format.map { "\"\($0)\"" } ?? "nothing"))")
        }
        guard raw.version == version else {
            throw fail("unsupported version \(raw.version.map(String.init) ?? "(missing)"); this tool reads version \(version)")
        }
        guard raw.landmarkSet == "blazepose33" else {
            throw fail("\"landmarkSet\" must be \"blazepose33\" (found \(raw.landmarkSet ?? "nothing"))")
        }
        guard let fps = raw.fps, fps.isFinite, fps > 0 else { throw fail("\"fps\" must be a positive number") }
        guard let width = raw.width, let height = raw.height, width > 0, height > 0 else {
            throw fail("\"width\" and \"height\" must be positive integers (pixels)")
        }
        guard let rawFrames = raw.frames else { throw fail("\"frames\" is missing") }
        guard !rawFrames.isEmpty else { throw fail("the file holds no frames") }
        if let runnerHeight = raw.runner?.heightMeters, !(runnerHeight > 0.5 && runnerHeight < 2.5) {
            throw fail("runner.heightMeters must be a height in metres between 0.5 and 2.5 (found \(runnerHeight))")
        }
        var frames: [PoseFrame] = []
        frames.reserveCapacity(rawFrames.count)
        var previousTime = -Double.infinity
        for (index, rawFrame) in rawFrames.enumerated() {
            guard let time = rawFrame.t else { throw fail("\"t\" (seconds) is missing", frame: index) }
            guard time.isFinite else { throw fail("\"t\" is not a finite number", frame: index) }
            guard time > previousTime else {
                throw fail("time \(time) s does not increase (previous frame at \(previousTime) s)", frame: index)
            }
            previousTime = time
            guard let rawLandmarks = rawFrame.landmarks else {
                frames.append(PoseFrame(time: time, landmarks: nil))
                continue
            }
            guard rawLandmarks.count == BlazePoseLandmark.count else {
                throw fail("expected \(BlazePoseLandmark.count) landmarks, found \(rawLandmarks.count)", frame: index)
            }
            var landmarks = [Landmark?](repeating: nil, count: BlazePoseLandmark.count)
            for (pointIndex, values) in rawLandmarks.enumerated() {
                guard let values else { continue }
                let pointName = BlazePoseLandmark(rawValue: pointIndex)!.mediaPipeName
                guard values.count == 4 else {
                    throw fail("landmark \(pointIndex) (\(pointName)) must be [x, y, z, visibility], found \(values.count) numbers", frame: index)
                }
                let landmark = Landmark(x: values[0], y: values[1], z: values[2], visibility: values[3])
                guard landmark.isFinite else {
                    throw fail("landmark \(pointIndex) (\(pointName)) holds a non-finite number (NaN or infinity)", frame: index)
                }
                guard (0...1).contains(landmark.visibility) else {
                    throw fail("landmark \(pointIndex) (\(pointName)) has visibility \(landmark.visibility), outside [0, 1]", frame: index)
                }
                landmarks[pointIndex] = landmark
            }
            frames.append(PoseFrame(time: time, landmarks: landmarks))
        }
        return PoseSequence(
            nominalFPS: fps, width: width, height: height, source: raw.source ?? "",
            runner: raw.runner.map { RunnerInfo(heightMeters: $0.heightMeters) }, frames: frames)
    }

    /// Turns a decoding error into a message that names the frame and the key.
    private static func malformed(_ error: DecodingError, name: String) -> GaitCoreError {
        let path: [CodingKey]
        let detail: String
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            path = context.codingPath
            detail = "wrong type of value"
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
            detail = "missing key"
        case .dataCorrupted(let context):
            path = context.codingPath
            detail = path.isEmpty ? "not valid JSON" : "invalid value"
        @unknown default:
            return .malformedPoseFile(file: name, frame: nil, problem: "invalid pose file")
        }
        var frame: Int?
        if path.count >= 2, path[0].stringValue == "frames" { frame = path[1].intValue }
        let keyPath = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        let location = keyPath.isEmpty ? "" : " at \(keyPath.hasPrefix(".") ? String(keyPath.dropFirst()) : keyPath)"
        return .malformedPoseFile(file: name, frame: frame, problem: detail + location)
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
