import Foundation

/// Runs `Fixtures/roboflow/stub_server.py` (Roboflow's export API contract, on 127.0.0.1 only)
/// for one test. Python's http.server keeps the stand-in out of the Swift build and independent
/// of the client it tests; the real service is not reachable from here.
final class RoboflowStubServer {
    let process = Process()
    let port: Int
    let logPath: String

    init(key: String, generatingPolls: Int = 0, dropAfterBytes: Int = 0, badMD5: Bool = false) throws {
        logPath = try TestFiles.temporaryFolder("stublog") + "/requests.jsonl"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", TestFiles.fixture("roboflow/stub_server.py"), "--export-dir", TestFiles.fixture("roboflow/export"),
                         "--key", key, "--generating-polls", "\(generatingPolls)", "--drop-after", "\(dropAfterBytes)", "--log", logPath]
        if badMD5 { arguments.append("--bad-md5") }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The server prints "PORT n" once it listens; read up to the first newline.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let text = String(data: line, encoding: .utf8), text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the stub server did not start"])
        }
        self.port = port
    }

    var apiURL: String { "http://127.0.0.1:\(port)" }

    /// The requests the server saw: path and Range header.
    var requests: [(path: String, range: String?)] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return (object["path"] as? String ?? "", object["range"] as? String)
        }
    }

    deinit {
        // SIGKILL: the test runner's blocked-signal mask is inherited by children, so SIGTERM may
        // not arrive (the server also unblocks it and watches its parent, belt and braces).
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
