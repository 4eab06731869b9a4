import Foundation

/// Reads ffmpeg's stderr on a background thread: the `showinfo` filter's line for each frame
/// (its presentation time) and every other line, kept as diagnostics.
final class FrameLogReader: @unchecked Sendable {
    private let condition = NSCondition()
    private var times: [Double] = []
    private var otherLines: [String] = []
    private var ended = false
    /// The filter's input time base (seconds per `pts` unit), from its "config in time_base" line.
    private var timeBase: Double?
    private static let maximumKeptLines = 200

    /// Starts reading `descriptor` (ffmpeg's stderr; the caller keeps it open until the end).
    init(_ descriptor: Int32) {
        Thread.detachNewThread { [self] in run(descriptor) }
    }

    /// The presentation time (seconds) of frame `index`, waiting for ffmpeg to report it; `nil`
    /// when ffmpeg ended without reporting it.
    func timestamp(ofFrame index: Int) -> Double? {
        condition.lock()
        defer { condition.unlock() }
        while times.count <= index && !ended { condition.wait() }
        return index < times.count ? times[index] : nil
    }

    /// The lines that were not frame reports, once ffmpeg has closed its stderr.
    func diagnostics() -> [String] {
        condition.lock()
        defer { condition.unlock() }
        while !ended { condition.wait() }
        return otherLines
    }

    private func run(_ descriptor: Int32) {
        var pending = Data()
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: chunk[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                record(line)
            }
        }
        if !pending.isEmpty { record(String(decoding: pending, as: UTF8.self)) }
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    private func record(_ line: String) {
        condition.lock()
        defer { condition.unlock() }
        if line.contains("Parsed_showinfo"), line.contains("config in time_base:") {
            timeBase = Self.timeBase(in: line)
        } else if line.contains("Parsed_showinfo"), let time = Self.presentationTime(in: line, timeBase: timeBase) {
            times.append(time)
            condition.broadcast()
        } else if line.contains("Parsed_showinfo") {
            // showinfo's second line per frame (colour info etc.): nothing to keep.
        } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            // Keep the first lines (stream set-up) and the latest ones; a long damaged video can
            // print one line per frame.
            if otherLines.count >= Self.maximumKeptLines { otherLines.remove(at: Self.maximumKeptLines / 2) }
            otherLines.append(line)
        }
    }

    /// The presentation time in seconds of a showinfo frame line
    /// (`... n:  12 pts:   6144 pts_time:0.48 ...`): the integer `pts` times `timeBase` when known
    /// (`pts_time` is printed with only 6 significant digits, 10 ms steps after 1000 s), else
    /// `pts_time`.
    static func presentationTime(in line: String, timeBase: Double?) -> Double? {
        if let timeBase, let pts = field("pts:", in: line).flatMap({ Int64($0) }) {
            return Double(pts) * timeBase
        }
        return field("pts_time:", in: line).flatMap { Double($0) }
    }

    /// The time base of a showinfo "config in time_base: 1/12800, ..." line, seconds per unit.
    static func timeBase(in line: String) -> Double? {
        guard let text = field("time_base:", in: line)?.trimmingCharacters(in: CharacterSet(charactersIn: ",")) else {
            return nil
        }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let numerator = Double(parts[0]), let denominator = Double(parts[1]),
            numerator > 0, denominator > 0
        else { return nil }
        return numerator / denominator
    }

    /// The token after `key` (skipping spaces) in `line`.
    private static func field(_ key: String, in line: String) -> String? {
        guard let range = line.range(of: " " + key) ?? line.range(of: key) else { return nil }
        let rest = line[range.upperBound...].drop { $0 == " " }
        let token = rest.prefix { !$0.isWhitespace }
        return token.isEmpty ? nil : String(token)
    }
}
