import ArgumentParser
import Foundation
import GaitCore
import GaitML
import GaitONNX

/// `runcoach bench onnx`: GaitNet inference in Swift (float32 and int8) and in ONNX Runtime (the
/// exported float32 and int8 models), same weights, threads and inputs, in one run.
struct BenchONNXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onnx",
        abstract: "Inference latency (batch 1) and throughput (batch 64): Swift float32/int8 vs ONNX Runtime float32/int8.",
        discussion: "ONNX Runtime runs through --python (scripts/setup.d/35-onnx.sh makes .venv-onnx); see BENCHMARKS.md.")

    @Option(help: "Checkpoint to time (default: the default-size GaitNet with random weights).") var model: String?
    @Option(help: "Threads for every engine.") var threads = 2
    @Option(help: "Seconds to measure each case (after one warm-up run).") var seconds = 5.0
    @Option(help: "Python with onnx and onnxruntime; \"none\" to time Swift only.") var python = ".venv-onnx/bin/python"

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        if python != "none" && !FileManager.default.isExecutableFile(atPath: python) {
            throw ValidationError("\(python) is not an executable Python; run scripts/setup.d/35-onnx.sh or pass --python none")
        }
    }

    func run() throws {
        Engine.configure(threads: threads)
        let (network, config) = try loadModel()
        let quantized = QuantizedGaitNet(quantizing: network)
        var generator = SeededGenerator(seed: 5)
        let inputs = [1, 64].map { batch in
            Tensor(shape: [batch, config.model.frameCount, config.model.inputSize],
                   scalars: (0..<batch * config.model.frameCount * config.model.inputSize).map { _ in Float.random(in: -1...1, using: &generator) })
        }
        var rows: [(String, [Double])] = []  // case → [b1 ms, b64 seq/s]
        for (name, body) in [("Swift GaitML float32", { (x: Tensor) in _ = network(x) }), ("Swift GaitML int8", { (x: Tensor) in _ = quantized(x) })] {
            let single = Self.typicalSeconds(seconds: seconds) { body(inputs[0]) }
            let batch = Self.typicalSeconds(seconds: seconds) { body(inputs[1]) }
            rows.append((name, [single * 1000, 64 / batch]))
            Console.progress("bench: \(name): \(String(format: "%.2f", single * 1000)) ms, \(String(format: "%.0f", 64 / batch)) seq/s")
        }
        var versions = ""
        if python != "none" {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-onnx-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let runtime = ONNXRuntime(python: python, threads: threads)
            for precision in ONNXExportOptions.Precision.allCases {
                let path = folder + "/gait_model_\(precision.rawValue).onnx"
                try ONNXExporter.write(model: network, config: config, options: ONNXExportOptions(precision: precision), to: path)
                let (timings, runtimeVersions) = try runtime.benchmark(modelPath: path, inputs: inputs, seconds: seconds)
                versions = runtimeVersions
                let name = "ONNX Runtime \(precision.rawValue)"
                rows.append((name, [timings[0].typicalMilliseconds, timings[1].sequencesPerSecond]))
                Console.progress("bench: \(name): \(String(format: "%.2f", timings[0].typicalMilliseconds)) ms, \(String(format: "%.0f", timings[1].sequencesPerSecond)) seq/s")
            }
        }
        print("GaitNet \(network.parameterCount) parameters, \(config.model.frameCount) × \(config.model.inputSize) input, \(threads) threads, 10th percentile of per-call times\(versions.isEmpty ? "" : ", " + versions)")
        print("| engine | batch 1 latency (ms) | batch 64 throughput (seq/s) |")
        print("|---|---|---|")
        for (name, values) in rows { print(String(format: "| %@ | %.2f | %.0f |", name, values[0], values[1])) }
    }

    private func loadModel() throws -> (GaitNet, CheckpointConfig) {
        if let model { return try Checkpoint.load(path: model) }
        var generator = SeededGenerator(seed: 3)
        let network = GaitNet(configuration: .standard, using: &generator)
        return (network, CheckpointConfig(model: .standard, normalization: FeatureNormalization(), epoch: 0, notes: "random weights (bench)"))
    }

    /// Seconds per call of `body`: after one warm-up call, the 10th percentile of the calls made in
    /// `seconds` (at least 5). `runcoach bench model` and both reference scripts use the same
    /// statistic: on a machine shared with other work, a low percentile is what the engine does with
    /// the cores when it has them.
    static func typicalSeconds(seconds: Double, _ body: () -> Void) -> Double {
        body()
        var durations: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        var now = start
        repeat {
            let before = DispatchTime.now().uptimeNanoseconds
            body()
            now = DispatchTime.now().uptimeNanoseconds
            durations.append(Double(now - before) / 1e9)
        } while Double(now - start) / 1e9 < seconds || durations.count < 5
        durations.sort()
        return durations[durations.count / 10]
    }
}
