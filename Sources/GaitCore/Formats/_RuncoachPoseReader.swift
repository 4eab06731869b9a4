/// Reads a `runcoach-pose` v1 document with `_JSONScanner`, validating as it goes, so that every
/// problem is reported with the frame (and landmark) it is in.
struct _RuncoachPoseReader {
    var scanner: _JSONScanner
    let name: String
    /// The frame being read, for messages.
    private var frameIndex: Int?
    /// Whether the top-level object has been read to its closing brace.
    private var documentEnded = false

    init(scanner: _JSONScanner, name: String) {
        self.scanner = scanner
        self.name = name
    }

    /// The error for `problem`; any problem met where a started document runs out of bytes is
    /// reported as the file being cut short, which is what it is.
    private func fail(_ problem: String, frame: Int? = nil) -> GaitCoreError {
        var rest = scanner
        let cutShort = !documentEnded && scanner.offset > 0 && rest.isAtEnd
        return .malformedPoseFile(file: name, frame: frame,
                                  problem: cutShort ? "not valid JSON: the file ends inside the document (truncated?)" : problem)
    }

    mutating func read() throws -> PoseSequence {
        do {
            return try readDocument()
        } catch let error as _JSONScanner.SyntaxError {
            let location = "line \(scanner.line(of: error.offset))"
            throw fail("not valid JSON (\(location): \(error.message))", frame: frameIndex)
        }
    }

    private mutating func readDocument() throws -> PoseSequence {
        var format: String?, version: Double?, landmarkSet: String?, fps: Double?
        var width: Double?, height: Double?, source: String?, runnerHeight: Double?
        var frames: [PoseFrame]?
        guard !scanner.isAtEnd else { throw fail("not valid JSON (the document is empty)") }
        try scanner.expect(UInt8(ascii: "{"), "a JSON object")
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.string()
                try scanner.expect(UInt8(ascii: ":"), "':'")
                switch key {
                case "format": format = try text(key)
                case "version": version = try number(key)
                case "landmarkSet": landmarkSet = try text(key)
                case "fps": fps = try number(key)
                case "width": width = try number(key)
                case "height": height = try number(key)
                case "source": source = try text(key)
                case "runner": runnerHeight = try runner()
                case "frames": frames = try readFrames()
                default: try scanner.skipValue()  // unknown keys are ignored, as the format says
                }
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
        }
        guard scanner.isAtEnd else { throw _JSONScanner.SyntaxError(offset: scanner.offset, message: "unexpected text after the document") }
        documentEnded = true

        guard format == RuncoachPoseFormat.formatName else {
            throw fail("\"format\" must be \"\(RuncoachPoseFormat.formatName)\" (found \(format.map { "\"\($0)\"" } ?? "nothing"))")
        }
        guard version == Double(RuncoachPoseFormat.version) else {
            throw fail("unsupported version \(version.map { RuncoachPoseFormat.number($0) } ?? "(missing)"); this tool reads version \(RuncoachPoseFormat.version)")
        }
        guard landmarkSet == "blazepose33" else {
            throw fail("\"landmarkSet\" must be \"blazepose33\" (found \(landmarkSet ?? "nothing"))")
        }
        guard let fps, fps.isFinite, fps > 0 else { throw fail("\"fps\" must be a positive number") }
        guard let width, let height, width > 0, height > 0, width == width.rounded(), height == height.rounded(), width < 1e6, height < 1e6 else {
            throw fail("\"width\" and \"height\" must be positive integers (pixels)")
        }
        guard let frames else { throw fail("\"frames\" is missing") }
        guard !frames.isEmpty else { throw fail("the file holds no frames") }
        if let runnerHeight, !(runnerHeight > 0.5 && runnerHeight < 2.5) {
            throw fail("runner.heightMeters must be a height in metres between 0.5 and 2.5 (found \(runnerHeight))")
        }
        return PoseSequence(
            nominalFPS: fps, width: Int(width), height: Int(height), source: source ?? "",
            runner: runnerHeight.map { RunnerInfo(heightMeters: $0) } ?? nil, frames: frames)
    }

    private mutating func text(_ key: String) throws -> String? {
        if scanner.consumeNull() { return nil }
        guard scanner.peek() == UInt8(ascii: "\"") else { throw fail("\"\(key)\" must be a string", frame: frameIndex) }
        return try scanner.string()
    }

    private mutating func number(_ key: String) throws -> Double? {
        if scanner.consumeNull() { return nil }
        guard let next = scanner.peek(), next != UInt8(ascii: "\""), next != UInt8(ascii: "{"), next != UInt8(ascii: "[") else {
            throw fail("\"\(key)\" must be a number", frame: frameIndex)
        }
        return try scanner.number()
    }

    /// The `runner` object; only `heightMeters` is read.
    private mutating func runner() throws -> Double? {
        if scanner.consumeNull() { return nil }
        guard scanner.peek() == UInt8(ascii: "{") else { throw fail("\"runner\" must be an object") }
        try scanner.expect(UInt8(ascii: "{"), "'{'")
        var height: Double?
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.string()
                try scanner.expect(UInt8(ascii: ":"), "':'")
                if key == "heightMeters" { height = try number("runner.heightMeters") } else { try scanner.skipValue() }
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
        }
        return height
    }

    private mutating func readFrames() throws -> [PoseFrame] {
        guard scanner.peek() == UInt8(ascii: "[") else { throw fail("\"frames\" must be an array") }
        try scanner.expect(UInt8(ascii: "["), "'['")
        var frames: [PoseFrame] = []
        if scanner.consume(UInt8(ascii: "]")) { return frames }
        var previousTime = -Double.infinity
        repeat {
            frameIndex = frames.count
            let frame = try readFrame(index: frames.count)
            guard frame.time > previousTime else {
                throw fail("time \(frame.time) s does not increase (previous frame at \(previousTime) s)", frame: frames.count)
            }
            previousTime = frame.time
            frames.append(frame)
        } while scanner.consume(UInt8(ascii: ","))
        try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
        frameIndex = nil
        return frames
    }

    private mutating func readFrame(index: Int) throws -> PoseFrame {
        guard scanner.peek() == UInt8(ascii: "{") else { throw fail("a frame must be an object {\"t\": …, \"landmarks\": …}", frame: index) }
        try scanner.expect(UInt8(ascii: "{"), "'{'")
        var time: Double?
        var landmarks: [Landmark?]?
        var sawLandmarks = false
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.string()
                try scanner.expect(UInt8(ascii: ":"), "':'")
                switch key {
                case "t": time = try number("t")
                case "landmarks":
                    sawLandmarks = true
                    landmarks = try readLandmarks(frame: index)
                default: try scanner.skipValue()
                }
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
        }
        guard let time else { throw fail("\"t\" (seconds) is missing", frame: index) }
        guard time.isFinite else { throw fail("\"t\" is not a finite number", frame: index) }
        guard sawLandmarks else { throw fail("\"landmarks\" is missing (write null for a frame with no person)", frame: index) }
        return PoseFrame(time: time, landmarks: landmarks)
    }

    private mutating func readLandmarks(frame: Int) throws -> [Landmark?]? {
        if scanner.consumeNull() { return nil }
        guard scanner.peek() == UInt8(ascii: "[") else { throw fail("\"landmarks\" must be an array of 33 landmarks or null", frame: frame) }
        try scanner.expect(UInt8(ascii: "["), "'['")
        var landmarks: [Landmark?] = []
        landmarks.reserveCapacity(BlazePoseLandmark.count)
        if !scanner.consume(UInt8(ascii: "]")) {
            repeat {
                let pointIndex = landmarks.count
                // Named only when a message needs it: building the name costs more than the parse.
                var pointName: String { BlazePoseLandmark(rawValue: pointIndex)?.mediaPipeName ?? "extra" }
                if scanner.consumeNull() {
                    landmarks.append(nil)
                    continue
                }
                guard scanner.peek() == UInt8(ascii: "[") else {
                    throw fail("landmark \(pointIndex) (\(pointName)) must be [x, y, z, visibility] or null", frame: frame)
                }
                try scanner.expect(UInt8(ascii: "["), "'['")
                var values: [Double] = []
                values.reserveCapacity(4)
                if !scanner.consume(UInt8(ascii: "]")) {
                    repeat { values.append(try scanner.number()) } while scanner.consume(UInt8(ascii: ","))
                    try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
                }
                guard values.count == 4 else {
                    throw fail("landmark \(pointIndex) (\(pointName)) must be [x, y, z, visibility], found \(values.count) numbers", frame: frame)
                }
                let landmark = Landmark(x: values[0], y: values[1], z: values[2], visibility: values[3])
                guard landmark.isFinite else {
                    throw fail("landmark \(pointIndex) (\(pointName)) holds a non-finite number (NaN or infinity)", frame: frame)
                }
                guard (0...1).contains(landmark.visibility) else {
                    throw fail("landmark \(pointIndex) (\(pointName)) has visibility \(landmark.visibility), outside [0, 1]", frame: frame)
                }
                landmarks.append(landmark)
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
        }
        guard landmarks.count == BlazePoseLandmark.count else {
            throw fail("expected \(BlazePoseLandmark.count) landmarks, found \(landmarks.count)", frame: frame)
        }
        return landmarks
    }
}
