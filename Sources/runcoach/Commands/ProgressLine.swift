import Foundation
import GaitVideo

/// A progress line on stderr (frames, frames/s, ETA), rewritten in place at most a few times a
/// second; several videos in parallel share it.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [String: ExtractionProgress] = [:]
    private var lastDraw = Date.distantPast
    private let enabled: Bool

    init(enabled: Bool = true) {
        self.enabled = enabled
    }

    /// Records the progress of the video `name` and redraws when due.
    func update(_ name: String, _ progress: ExtractionProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        states[name] = progress
        let now = Date()
        let complete = progress.framesExpected > 0 && progress.framesDone >= progress.framesExpected
        guard now.timeIntervalSince(lastDraw) >= 0.25 || complete else { return }
        lastDraw = now
        let text = states.keys.sorted().map { key -> String in
            let state = states[key]!
            let total = state.framesExpected > 0 ? "/\(state.framesExpected)" : ""
            let eta = state.remainingSeconds.map { String(format: ", ETA %.0f s", $0) } ?? ""
            return "\(key): frame \(state.framesDone)\(total), \(String(format: "%.1f", state.framesPerSecond)) fps\(eta)"
        }.joined(separator: " | ")
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    /// Ends the line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if !states.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        states = [:]
    }
}
