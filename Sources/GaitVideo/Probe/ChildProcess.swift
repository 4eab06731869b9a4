import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its standard output and error as pipes and its
/// standard input `/dev/null` or, on request, a pipe the parent writes.
///
/// Used instead of Foundation's `Process`, whose `waitUntilExit()` was seen to hang here after the
/// child had exited (swift-corelibs-foundation on Linux). The pipes are close-on-exec, so a child
/// started by another thread never inherits them and every reader sees its end of file.
final class ChildProcess: @unchecked Sendable {
    let processID: pid_t
    /// Read ends of the child's standard output and standard error.
    let standardOutput: Int32
    let standardError: Int32
    /// Write end of the child's standard input, or -1 when it reads `/dev/null`.
    private(set) var standardInput: Int32 = -1
    private let lock = NSLock()
    private var exitStatus: Int32?
    private static let spawnLock = NSLock()

    /// Starts `executable` with `arguments`; `inputPipe` gives it a standard input to write to.
    init(executable: URL, arguments: [String], inputPipe: Bool = false) throws {
        // Pipes are made close-on-exec under a lock that every spawn takes, so no child started
        // between `pipe` and `fcntl` can inherit them (Glibc does not export `pipe2` to Swift).
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw Self.failure(executable, "pipe") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw Self.failure(executable, "pipe")
        }
        var inPipe: [Int32] = [-1, -1]
        if inputPipe {
            guard pipe(&inPipe) == 0 else {
                for descriptor in outPipe + errPipe { close(descriptor) }
                throw Self.failure(executable, "pipe")
            }
        }
        for descriptor in outPipe + errPipe + inPipe where descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if inputPipe {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        if inputPipe { close(inPipe[0]) }
        guard status == 0 else {
            close(outPipe[0]); close(errPipe[0])
            if inputPipe { close(inPipe[1]) }
            throw Self.failure(executable, String(cString: strerror(status)))
        }
        processID = pid
        standardOutput = outPipe[0]
        standardError = errPipe[0]
        standardInput = inputPipe ? inPipe[1] : -1
    }

    deinit {
        close(standardOutput)
        close(standardError)
        closeInput()
    }

    /// Writes all of `bytes` to the child's standard input; false when the child stopped reading.
    func writeInput(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = write(standardInput, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Closes the child's standard input (end of file for the child).
    func closeInput() {
        if standardInput >= 0 {
            close(standardInput)
            standardInput = -1
        }
    }

    /// Waits for the child to end; its exit status, or 128 + the signal that ended it.
    @discardableResult
    func wait() -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
        let low = status & 0x7F
        let result = low == 0 ? (status >> 8) & 0xFF : 128 + low
        exitStatus = result
        return result
    }

    /// Stops the child at once (SIGKILL; harmless once it has ended). A gentler SIGTERM is not
    /// enough: ffmpeg blocked writing a full pipe restarts the write and never sees it.
    func terminate() {
        kill(processID, SIGKILL)
    }

    /// Everything the child writes on `descriptor` until it closes it.
    static func readToEnd(_ descriptor: Int32) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                data.append(contentsOf: chunk[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }

    private static func failure(_ executable: URL, _ reason: String) -> VideoError {
        .toolMissing(name: "\(executable.lastPathComponent) (cannot start: \(reason))")
    }
}
