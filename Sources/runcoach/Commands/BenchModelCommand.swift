import ArgumentParser
import Foundation
import GaitML

/// `runcoach bench model`: GaitNet training and inference in Swift, then PyTorch and ONNX Runtime
/// on the same model, threads and shapes (`scripts/bench/reference.py`), and a table of ratios.
struct BenchModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "GaitNet training sequences/s and inference latency/throughput vs PyTorch and ONNX Runtime.",
        discussion: "The reference needs a Python with torch, onnx and onnxruntime (see BENCHMARKS.md).")

    @Option(help: "Threads for every engine.")
    var threads = 2

    @Option(help: "Training batch sizes, comma-separated.")
    var trainBatches = "8,16,64"

    @Option(help: "Seconds to measure each case (after one warm-up run).")
    var seconds = 5.0

    @Option(help: "Python that has torch, onnx and onnxruntime; \"none\" to time Swift only.")
    var python = ".venv-bench/bin/python"

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        guard !batches.isEmpty, batches.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--train-batches must list positive batch sizes, e.g. 8,16,64")
        }
        if python != "none" && !FileManager.default.isExecutableFile(atPath: python) {
            throw ValidationError("\(python) is not an executable Python; create the venv (see BENCHMARKS.md) or pass --python none")
        }
    }

    private var batches: [Int] { trainBatches.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        Engine.configure(threads: threads)
        let benchmark = ModelBenchmark(seconds: seconds)
        var swift: [String: Double] = [:]
        for batch in batches {
            swift["train_batch_\(batch)_seq_per_s"] = benchmark.trainingSequencesPerSecond(batch: batch)
            progress("swift train batch \(batch): \(format(swift["train_batch_\(batch)_seq_per_s"]!)) seq/s")
        }
        swift["infer_batch_1_ms"] = benchmark.inferenceLatencyMilliseconds()
        swift["infer_batch_64_seq_per_s"] = benchmark.inferenceSequencesPerSecond(batch: 64)
        progress("swift infer \(format(swift["infer_batch_1_ms"]!)) ms, \(format(swift["infer_batch_64_seq_per_s"]!)) seq/s")
        var pytorch: [String: Double] = [:], onnxRuntime: [String: Double] = [:]
        if python != "none" {
            let reference = try runReference()
            pytorch = (reference["pytorch"] as? [String: Double]) ?? [:]
            onnxRuntime = ((reference["onnxruntime"] as? [String: Any]) ?? [:]).compactMapValues { $0 as? Double }
            if let error = (reference["onnxruntime"] as? [String: Any])?["error"] as? String {
                progress("ONNX Runtime reference failed: \(error)")
            }
        }
        print("GaitNet default size (5.0 M parameters, 30 × 132 input), float32, \(threads) threads, BLAS kernels \(Engine.blasKernels), \(ProcessInfo.processInfo.hostName)")
        print("| case | Swift GaitML | PyTorch | Swift/PyTorch | ONNX Runtime | Swift/ORT |")
        print("|---|---|---|---|---|---|")
        for batch in batches {
            let key = "train_batch_\(batch)_seq_per_s"
            print(row("training, batch \(batch) (seq/s)", key, swift, pytorch, nil, higherIsBetter: true))
        }
        print(row("inference, batch 1 latency (ms)", "infer_batch_1_ms", swift, pytorch, onnxRuntime, higherIsBetter: false))
        print(row("inference, batch 64 (seq/s)", "infer_batch_64_seq_per_s", swift, pytorch, onnxRuntime, higherIsBetter: true))
    }

    /// One table row; the ratios are "times faster" (>1 means Swift is faster).
    private func row(_ label: String, _ key: String, _ swift: [String: Double], _ pytorch: [String: Double],
                     _ onnx: [String: Double]?, higherIsBetter: Bool) -> String {
        func ratio(_ reference: Double?) -> String {
            guard let reference, let mine = swift[key] else { return "–" }
            return String(format: "%.2f×", higherIsBetter ? mine / reference : reference / mine)
        }
        let onnxValue = onnx?[key]
        return "| \(label) | \(swift[key].map(format) ?? "–") | \(pytorch[key].map(format) ?? "–") | \(ratio(pytorch[key])) | "
            + "\(onnxValue.map(format) ?? "–") | \(onnx == nil ? "–" : ratio(onnxValue)) |"
    }

    private func runReference() throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["scripts/bench/reference.py", "--threads", "\(threads)", "--seconds", "\(seconds)",
                             "--train-batches", batches.map(String.init).joined(separator: ",")]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw CLIExit.impossible("the reference benchmark (scripts/bench/reference.py) failed; run it by hand to see why")
        }
        return json
    }

    private func format(_ value: Double) -> String { String(format: value < 20 ? "%.2f" : "%.1f", value) }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
    }
}
