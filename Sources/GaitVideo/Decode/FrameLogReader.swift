import Foundation

/// Reads ffmpeg's stderr on a background thread: the `showinfo` filter's line for each frame
/// (its presentation time) and every other line, kept as diagnostics.
final class FrameLogReader: @unchecked Sendable {
    private let condition = NSCondition()
    private var times: [Double] = []
    private var otherLines: [String] = []
    private var ended = false
    private static let maximumKeptLines = 200

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in run(handle) }
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

    private func run(_ handle: FileHandle) {
        var pending = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
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
        if line.contains("Parsed_showinfo"), let time = Self.presentationTime(in: line) {
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

    /// `pts_time` of a showinfo frame line (`... n:  12 pts: 6144 pts_time:0.4 ...`).
    static func presentationTime(in line: String) -> Double? {
        guard let range = line.range(of: "pts_time:") else { return nil }
        let value = line[range.upperBound...].prefix { !$0.isWhitespace }
        return Double(value)
    }
}
