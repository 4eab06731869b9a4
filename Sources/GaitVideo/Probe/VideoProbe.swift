import Foundation

/// Reads a video's properties with one `ffprobe` run (JSON): the stream header and the packet
/// timestamps (demuxing only, no decoding), which reveal a variable frame rate.
public enum VideoProbe {
    /// Probes the video at `path`, or throws a `VideoError` that says why it cannot be used.
    public static func probe(path: String) throws -> VideoInfo {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VideoError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw VideoError.notAVideo(path: path, detail: "it is a folder") }
        let byteCount = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        guard byteCount != 0 else { throw VideoError.noFrames(path: path) }

        // One process for header and packets: each ffprobe start costs 0.1-0.3 s of library loading.
        let header = try ExternalTool.run(
            "ffprobe",
            ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", "-select_streams", "v:0",
             "-show_entries", "packet=pts_time", path])
        let headerError = String(decoding: header.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard header.status == 0 else {
            throw failure(path: path, detail: headerError.isEmpty ? "ffprobe failed" : lastLine(headerError))
        }
        let json = try JSONDecoder().decode(ProbeOutput.self, from: header.stdout)
        guard let stream = json.streams?.first else {
            throw VideoError.notAVideo(path: path, detail: "no video stream")
        }
        guard let width = stream.width, let height = stream.height, width > 0, height > 0 else {
            throw VideoError.corruptVideo(path: path, detail: "the video stream has no readable frame size")
        }
        let container = json.format?.format_name ?? ""
        if container.hasPrefix("image2") || container.hasSuffix("_pipe") {
            throw VideoError.notAVideo(path: path, detail: "a still image")
        }

        let times = (json.packets ?? []).compactMap { $0.pts_time.flatMap(Double.init) }.sorted()
        let intervals = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        let median = intervals.isEmpty ? 0 : intervals[intervals.count / 2]
        let variable = median > 0 && intervals.contains { abs($0 - median) > 0.1 * median }

        let nominal = rate(stream.avg_frame_rate) ?? rate(stream.r_frame_rate) ?? (median > 0 ? 1 / median : 0)
        let duration = Double(stream.duration ?? "") ?? Double(json.format?.duration ?? "") ?? 0
        return VideoInfo(
            path: path, codec: stream.codec_name ?? "unknown", codedWidth: width, codedHeight: height,
            rotationDegrees: rotation(of: stream), nominalFPS: nominal,
            frameCount: times.isEmpty ? Int(stream.nb_frames ?? "") ?? 0 : times.count,
            durationSeconds: duration, medianFrameIntervalSeconds: median, isVariableFrameRate: variable,
            startTimeSeconds: Double(stream.start_time ?? "") ?? 0, packetTimesSeconds: times)
    }

    /// Clockwise display rotation in {0, 90, 180, 270}. The display matrix's `rotation` is
    /// counter-clockwise; the legacy `rotate` tag is clockwise.
    static func rotation(of stream: ProbeOutput.Stream) -> Int {
        var degrees = 0.0
        if let sideRotation = stream.side_data_list?.compactMap(\.rotation).first {
            degrees = -sideRotation
        } else if let tag = stream.tags?["rotate"], let value = Double(tag) {
            degrees = value
        }
        let quarterTurns = Int((degrees / 90).rounded())
        return ((quarterTurns % 4 + 4) % 4) * 90
    }

    /// A video container that cannot be read is corrupt; anything else is not a video.
    private static func failure(path: String, detail: String) -> VideoError {
        looksLikeVideoContainer(path) ? .corruptVideo(path: path, detail: detail) : .notAVideo(path: path, detail: detail)
    }

    /// True when the file starts like an MP4/MOV (`ftyp`, `moov`, `mdat`, `wide`), Matroska/WebM or
    /// AVI container; false for anything unreadable, a folder included.
    public static func looksLikeVideoContainer(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        // `read(upToCount:)` throws where `readData(ofLength:)` would trap (a folder opens but cannot be read).
        guard let data = try? handle.read(upToCount: 12) else { return false }
        let head = [UInt8](data)
        guard head.count >= 12 else { return false }
        let boxType = String(decoding: head[4..<8], as: UTF8.self)
        if ["ftyp", "moov", "mdat", "wide", "free"].contains(boxType) { return true }
        if head[0..<4] == [0x1A, 0x45, 0xDF, 0xA3] { return true }
        return String(decoding: head[0..<4], as: UTF8.self) == "RIFF" && String(decoding: head[8..<12], as: UTF8.self) == "AVI "
    }

    private static func rate(_ text: String?) -> Double? {
        guard let parts = text?.split(separator: "/"), parts.count == 2,
            let numerator = Double(parts[0]), let denominator = Double(parts[1]), denominator > 0, numerator > 0
        else { return nil }
        return numerator / denominator
    }

    private static func lastLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).last.map(String.init) ?? text
    }

    /// The parts of ffprobe's JSON this probe reads.
    struct ProbeOutput: Decodable {
        struct SideData: Decodable { var rotation: Double? }
        struct Stream: Decodable {
            var codec_name: String?
            var width: Int?
            var height: Int?
            var r_frame_rate: String?
            var avg_frame_rate: String?
            var duration: String?
            var start_time: String?
            var nb_frames: String?
            var tags: [String: String]?
            var side_data_list: [SideData]?
        }
        struct Format: Decodable {
            var format_name: String?
            var duration: String?
        }
        struct Packet: Decodable { var pts_time: String? }
        var streams: [Stream]?
        var format: Format?
        var packets: [Packet]?
    }
}
