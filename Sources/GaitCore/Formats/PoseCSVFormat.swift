import Foundation

/// Reads and writes the runcoach pose CSV: one row per frame, the tabular twin of `runcoach-pose` v1
/// (specified in `docs/formats.md`).
///
/// ```
/// # format: runcoach-pose-csv
/// # version: 1
/// # fps: 60
/// # width: 1080
/// # height: 1920
/// # source: phone video, side view
/// # runner_height_meters: 1.81
/// t,nose_x,nose_y,nose_z,nose_v,left_eye_inner_x,…,right_foot_index_v
/// 0,0.512,0.301,-0.12,0.98,…
/// ```
/// - Leading `# key: value` lines carry the metadata; unknown keys are ignored. `width` and
///   `height` (pixels) must come from these lines or from `PoseFileOptions`; `fps` (nominal) falls
///   back to the options, then to the median frame interval. In `source`, `\n`, `\r` and `\\`
///   stand for a line break, a carriage return and a backslash.
/// - The header is `t` then `<name>_x,<name>_y,<name>_z,<name>_v` for the 33 BlazePose landmarks in
///   MediaPipe order and snake_case names: 133 columns, exactly.
/// - `t` is the frame time in seconds (non-negative, strictly increasing). x, y are normalised to
///   the frame (x right, y down), z is MediaPipe's relative depth, v the visibility in [0, 1].
/// - A landmark's four cells are all filled or all empty (not measured); a row whose 132 landmark
///   cells are all empty is a frame with no person.
///
/// Written by hand rather than with a CSV library: the cells are plain numbers that never need
/// quoting, and reading line by line lets every error name the line, the frame and the column.
public enum PoseCSVFormat {
    /// The value of the `format` metadata key.
    public static let formatName = "runcoach-pose-csv"
    /// The version this code reads and writes.
    public static let version = 1

    /// The 133 column names: `t`, then x, y, z, v of each BlazePose landmark.
    public static let header: [String] = ["t"] + BlazePoseLandmark.allCases.flatMap { point in
        ["x", "y", "z", "v"].map { "\(point.mediaPipeName)_\($0)" }
    }

    /// Encodes `sequence` as CSV text; numbers use the shortest form that reads back to the same
    /// `Double`, so a round trip is exact.
    public static func encode(_ sequence: PoseSequence) -> String {
        var out = "# format: \(formatName)\n# version: \(version)\n"
        out += "# fps: \(RuncoachPoseFormat.number(sequence.nominalFPS))\n"
        out += "# width: \(sequence.width)\n# height: \(sequence.height)\n"
        out += "# source: \(escape(sequence.source))\n"
        if let runnerHeight = sequence.runner?.heightMeters {
            out += "# runner_height_meters: \(RuncoachPoseFormat.number(runnerHeight))\n"
        }
        out += header.joined(separator: ",") + "\n"
        let emptyLandmark = ",,,,"
        for frame in sequence.frames {
            out += RuncoachPoseFormat.number(frame.time)
            for point in BlazePoseLandmark.allCases {
                guard let l = frame[point] else {
                    out += emptyLandmark
                    continue
                }
                out += "," + [l.x, l.y, l.z, l.visibility].map(RuncoachPoseFormat.number).joined(separator: ",")
            }
            out += "\n"
        }
        return out
    }

    /// Writes `sequence` to `path` atomically.
    public static func write(_ sequence: PoseSequence, to path: String) throws {
        try AtomicFile.write(encode(sequence), to: path)
    }

    /// Reads the CSV file at `path`.
    public static func read(path: String, options: PoseFileOptions = PoseFileOptions()) throws -> PoseSequence {
        try read(PoseFileLoader.contents(of: path), name: path, options: options)
    }

    /// Parses CSV text. `name` is used in error messages (usually the path).
    public static func read(_ data: Data, name: String, options: PoseFileOptions = PoseFileOptions()) throws -> PoseSequence {
        try options.validate()
        guard let text = String(data: data, encoding: .utf8) else {
            throw GaitCoreError.malformedPoseFile(file: name, frame: nil, problem: "not UTF-8 text")
        }
        var lines = splitUTF8(Substring(text), at: "\n").map { $0.utf8.last == UInt8(ascii: "\r") ? $0.dropLast() : $0 }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }

        var metadata: [String: String] = [:]
        var lineIndex = 0
        while lineIndex < lines.count, lines[lineIndex].hasPrefix("#") || lines[lineIndex].allSatisfy(\.isWhitespace) {
            let body = lines[lineIndex].drop { $0 == "#" }
            if let colon = body.firstIndex(of: ":") {
                let key = body[..<colon].trimmingCharacters(in: .whitespaces)
                metadata[key] = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            lineIndex += 1
        }
        let reader = try MetadataReader(metadata: metadata, name: name)
        guard lineIndex < lines.count else {
            throw GaitCoreError.malformedPoseFile(file: name, frame: nil, problem: "no header line (expected \(header[0]),\(header[1]),…)")
        }
        try checkHeader(lines[lineIndex], line: lineIndex + 1, name: name)

        var frames: [PoseFrame] = []
        for (offset, line) in lines[(lineIndex + 1)...].enumerated() {
            let previousTime = frames.last?.time
            frames.append(try parseRow(line, frame: offset, line: lineIndex + 2 + offset, previousTime: previousTime, name: name))
        }
        guard !frames.isEmpty else {
            throw GaitCoreError.malformedPoseFile(file: name, frame: nil, problem: "the file holds no frames")
        }

        try options.checkAgainst(fps: reader.fps, width: reader.width, height: reader.height, path: name)
        guard let width = reader.width ?? options.width, let height = reader.height ?? options.height else {
            throw GaitCoreError.malformedPoseFile(
                file: name, frame: nil, problem: "no frame size: add '# width: W' and '# height: H' lines (pixels) or pass --width and --height")
        }
        let fps = reader.fps ?? options.fps ?? medianFrameRate(frames) ?? PoseFileOptions.defaultFPS
        return PoseSequence(
            nominalFPS: fps, width: width, height: height, source: reader.source ?? "CSV \(name)",
            runner: reader.runnerHeight.map { RunnerInfo(heightMeters: $0) }, frames: frames)
    }

    // MARK: - Private

    /// The typed metadata values, each checked.
    private struct MetadataReader {
        var fps: Double?
        var width: Int?
        var height: Int?
        var source: String?
        var runnerHeight: Double?

        init(metadata: [String: String], name: String) throws {
            func fail(_ problem: String) -> GaitCoreError { .malformedPoseFile(file: name, frame: nil, problem: problem) }
            if let format = metadata["format"], format != formatName {
                throw fail("'# format:' must be \(formatName) (found \(format))")
            }
            if let text = metadata["version"], text != "\(version)" {
                throw fail("unsupported version \(text); this tool reads version \(version)")
            }
            if let text = metadata["fps"] {
                guard let value = Double(text), value.isFinite, value > 0 else { throw fail("'# fps:' must be a positive number (found \(text))") }
                fps = value
            }
            for key in ["width", "height"] {
                guard let text = metadata[key] else { continue }
                guard let value = Int(text), value > 0 else { throw fail("'# \(key):' must be a positive whole number of pixels (found \(text))") }
                if key == "width" { width = value } else { height = value }
            }
            source = metadata["source"].map(unescape)
            if let text = metadata["runner_height_meters"] {
                guard let value = Double(text), value > 0.5, value < 2.5 else {
                    throw fail("'# runner_height_meters:' must be a height in metres between 0.5 and 2.5 (found \(text))")
                }
                runnerHeight = value
            }
        }
    }

    private static func checkHeader(_ line: Substring, line lineNumber: Int, name: String) throws {
        let columns = line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for (index, expected) in header.enumerated() where index >= columns.count || columns[index] != expected {
            let found = index < columns.count ? "'\(columns[index])'" : "nothing"
            throw GaitCoreError.malformedPoseFile(
                file: name, frame: nil, problem: "line \(lineNumber): header column \(index + 1) is \(found), expected '\(expected)' (see docs/formats.md)")
        }
        guard columns.count == header.count else {
            throw GaitCoreError.malformedPoseFile(
                file: name, frame: nil, problem: "line \(lineNumber): the header has \(columns.count) columns, expected \(header.count)")
        }
    }

    private static func parseRow(
        _ line: Substring, frame: Int, line lineNumber: Int, previousTime: Double?, name: String
    ) throws -> PoseFrame {
        func fail(_ problem: String) -> GaitCoreError {
            .malformedPoseFile(file: name, frame: frame, problem: "line \(lineNumber): \(problem)")
        }
        let cells = splitUTF8(line, at: ",").map(trimmingSpaces)
        guard cells.count == header.count else {
            throw fail("\(cells.count) cells, expected \(header.count) (t and 33 × x, y, z, v)")
        }
        guard let time = Double(cells[0]) else { throw fail("t '\(cells[0])' is not a number") }
        guard time.isFinite else { throw fail("t is not a finite number") }
        guard time >= 0 else { throw fail("t is negative (\(cells[0]) s)") }
        if let previousTime, time <= previousTime {
            throw fail("time \(cells[0]) s does not increase (previous frame at \(RuncoachPoseFormat.number(previousTime)) s)")
        }
        var landmarks = [Landmark?](repeating: nil, count: BlazePoseLandmark.count)
        var anyLandmark = false
        for point in BlazePoseLandmark.allCases {
            let first = 1 + 4 * point.rawValue
            let group = cells[first..<(first + 4)]
            if group.allSatisfy(\.isEmpty) { continue }
            guard !group.contains(where: \.isEmpty) else {
                throw fail("\(point.mediaPipeName): x, y, z and v must all be given or all be empty")
            }
            var values: [Double] = []
            for (offset, cell) in group.enumerated() {
                guard let value = Double(cell) else { throw fail("\(header[first + offset]) '\(cell)' is not a number") }
                guard value.isFinite else { throw fail("\(header[first + offset]) is not a finite number (NaN or infinity)") }
                values.append(value)
            }
            guard (0...1).contains(values[3]) else {
                throw fail("\(point.mediaPipeName)_v is \(cells[first + 3]), outside [0, 1]")
            }
            landmarks[point.rawValue] = Landmark(x: values[0], y: values[1], z: values[2], visibility: values[3])
            anyLandmark = true
        }
        return PoseFrame(time: time, landmarks: anyLandmark ? landmarks : nil)
    }

    /// Splits `text` at every `separator` byte, keeping empty pieces. Works on the UTF-8 bytes:
    /// splitting by `Character` costs several times more on large files.
    private static func splitUTF8(_ text: Substring, at separator: Unicode.Scalar) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: separator), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// `cell` without leading and trailing spaces and tabs.
    private static func trimmingSpaces(_ cell: Substring) -> Substring {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var bytes = cell.utf8[...]
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        return Substring(bytes)
    }

    /// Frames per second from the median interval between frames, or `nil` for a single frame.
    private static func medianFrameRate(_ frames: [PoseFrame]) -> Double? {
        let intervals = zip(frames, frames.dropFirst()).map { $1.time - $0.time }.sorted()
        guard !intervals.isEmpty else { return nil }
        return 1 / intervals[intervals.count / 2]
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }

    private static func unescape(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
