import Foundation
import GaitML

/// ONNX Runtime (and `onnx.checker`) reached through their Python API: `scripts/onnx/ort_run.py`
/// run by a Python that has `onnx`, `onnxruntime` and `numpy` (`scripts/setup.d/35-onnx.sh` makes
/// `.venv-onnx`). Tensors travel as `.npy` files in a temporary folder.
///
/// This is how the project checks its exported models and compares speeds; the analyzer itself
/// never needs Python.
public struct ONNXRuntime: Sendable {
    /// The Python executable.
    public var python: String
    /// `ort_run.py`.
    public var script: String
    /// Threads ONNX Runtime may use within an operator.
    public var threads: Int

    public init(python: String = ".venv-onnx/bin/python", script: String = "scripts/onnx/ort_run.py", threads: Int = 2) {
        self.python = python
        self.script = script
        self.threads = threads
    }

    /// What one run gives back.
    public struct Result: Sendable {
        /// Outputs by name (`phase_logits`, `form_score`, `issue_logits`, `confidence`).
        public var outputs: [String: Tensor]
        /// The model's `metadata_props`.
        public var metadata: [String: String]
        /// Whether `onnx.checker.check_model(full_check=True)` ran and passed (it throws otherwise).
        public var checkerPassed: Bool
        /// "onnx X, onnxruntime Y".
        public var versions: String
    }

    /// Runs the model at `modelPath` on `input` `[batch, T, F]`; with `check`, `onnx.checker` first.
    public func run(modelPath: String, input: Tensor, check: Bool = false) throws -> Result {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inputPath = folder + "/input.npy"
        try NumpyArray.write(input, to: inputPath)
        var arguments = ["--model", modelPath, "--input", inputPath, "--out", folder + "/outputs", "--threads", "\(threads)"]
        if check { arguments.append("--check") }
        let report = try invoke(arguments)
        var outputs: [String: Tensor] = [:]
        for name in (report["outputs"] as? [String]) ?? [] {
            outputs[name] = try NumpyArray.read(path: folder + "/outputs/\(name).npy")
        }
        return Result(outputs: outputs, metadata: (report["metadata"] as? [String: String]) ?? [:],
                      checkerPassed: report["checker"] as? String == "passed", versions: Self.versions(report))
    }

    /// One timing of `session.run`: the 10th percentile of the per-call times (`ort_run.py`).
    public struct Timing: Sendable {
        public var batch: Int
        public var typicalMilliseconds: Double
        /// batch / typical seconds per call.
        public var sequencesPerSecond: Double
    }

    /// Times the model at `modelPath` on each of `inputs` for `seconds` each (after a warm-up run).
    public func benchmark(modelPath: String, inputs: [Tensor], seconds: Double) throws -> (timings: [Timing], versions: String) {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var arguments = ["--model", modelPath, "--threads", "\(threads)", "--benchmark", "\(seconds)"]
        for (index, input) in inputs.enumerated() {
            let path = folder + "/input\(index).npy"
            try NumpyArray.write(input, to: path)
            arguments += ["--input", path]
        }
        let report = try invoke(arguments)
        let timings = ((report["timings"] as? [[String: Any]]) ?? []).map {
            Timing(batch: ($0["batch"] as? Int) ?? 0, typicalMilliseconds: ($0["p10_ms"] as? Double) ?? .nan,
                   sequencesPerSecond: ($0["sequences_per_s"] as? Double) ?? .nan)
        }
        return (timings, Self.versions(report))
    }

    /// Runs the script; returns its JSON report or throws with its error line.
    private func invoke(_ arguments: [String]) throws -> [String: Any] {
        guard FileManager.default.isExecutableFile(atPath: python) else { throw GaitONNXError.runtimeUnavailable(python: python) }
        guard FileManager.default.fileExists(atPath: script) else {
            throw GaitONNXError.runtimeFailed("\(script) not found (run from the repository root, or pass its path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes to the end before waiting, so a chatty process cannot block on a full pipe.
        let errorData = ErrorCollector(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errorData.wait(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let reason = stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw GaitONNXError.runtimeFailed(reason)
        }
        guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let report = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw GaitONNXError.runtimeFailed("\(script) printed no JSON report")
        }
        return report
    }

    private static func versions(_ report: [String: Any]) -> String {
        "onnx \(report["onnx"] as? String ?? "?"), onnxruntime \(report["onnxruntime"] as? String ?? "?")"
    }

    private static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gaitonnx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Reads a pipe to its end on another thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
