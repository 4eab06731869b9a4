import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps MediaPipe's internal log lines (LiteRT `INFO:`/`WARNING:` lines, absl `I0000`/`W0000`
/// lines: model loading chatter, one-time performance hints) off the user's terminal.
///
/// MediaPipe writes them straight to file descriptor 2 and offers no documented switch, so while
/// at least one caller holds the filter, descriptor 2 is a pipe; a thread forwards every other
/// line (and MediaPipe's error lines, `E…`/`F…`/`ERROR:`) to the real stderr. MediaPipe logs only
/// while a landmarker is created or closed and on its first frames, so callers hold the filter
/// only then. Reference-counted: parallel videos share one redirection.
enum MediaPipeLogFilter {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var holders = 0
    nonisolated(unsafe) private static var savedStderr: Int32 = -1
    nonisolated(unsafe) private static var forwarder: DispatchSemaphore?

    /// Runs `body` with the filter held.
    static func filtering<T>(_ body: () throws -> T) rethrows -> T {
        acquire()
        defer { release() }
        return try body()
    }

    /// Starts filtering (or joins the filtering in progress).
    static func acquire() {
        lock.lock()
        defer { lock.unlock() }
        holders += 1
        guard holders == 1 else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        let saved = dup(2)
        guard saved >= 0, dup2(ends[1], 2) >= 0 else {
            close(ends[0]); close(ends[1])
            if saved >= 0 { close(saved) }
            return
        }
        close(ends[1])
        savedStderr = saved
        let done = DispatchSemaphore(value: 0)
        forwarder = done
        let readEnd = ends[0]
        Thread.detachNewThread {
            forward(from: readEnd, to: saved)
            close(readEnd)
            done.signal()
        }
    }

    /// Stops filtering once the last holder releases, after forwarding everything written.
    static func release() {
        lock.lock()
        defer { lock.unlock() }
        holders -= 1
        guard holders == 0, savedStderr >= 0, let done = forwarder else { return }
        dup2(savedStderr, 2)  // closes the pipe's last write end: the forwarder sees its end
        done.wait()
        close(savedStderr)
        savedStderr = -1
        forwarder = nil
    }

    /// True for MediaPipe's informational and warning lines.
    static func isNoise(_ line: Substring) -> Bool {
        if line.hasPrefix("INFO: ") || line.hasPrefix("WARNING: [") { return true }
        if line.hasPrefix("WARNING: Logging before InitGoogle") { return true }
        if let first = line.first, first == "I" || first == "W", line.dropFirst().prefix(4).allSatisfy(\.isNumber),
            line.count > 5
        {
            return true
        }
        return false
    }

    private static func forward(from source: Int32, to destination: Int32) {
        var pending = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        func emit(_ bytes: ArraySlice<UInt8>) {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(destination, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending += chunk[0..<count]
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[0...newline]
                let text = String(decoding: line.dropLast(), as: UTF8.self)
                if !isNoise(text[...]) { emit(line) }
                pending.removeSubrange(0...newline)
            }
            // A progress line rewrites itself with "\r" and never ends: pass it on at once.
            if let first = pending.first, first == UInt8(ascii: "\r") || first == 0x1B {
                emit(pending[...])
                pending.removeAll()
            }
        }
        if !pending.isEmpty, !isNoise(String(decoding: pending, as: UTF8.self)[...]) { emit(pending[...]) }
    }
}
