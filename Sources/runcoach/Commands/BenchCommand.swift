import ArgumentParser
import Foundation
import GaitML

/// `runcoach bench model`: GaitNet training and inference speed, side by side with PyTorch and
/// ONNX Runtime measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Speed benchmarks with references measured in the same run.",
        subcommands: [BenchModelCommand.self])
}

struct BenchModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "GaitNet (default size) training sequences/s and inference latency/throughput vs PyTorch and ONNX Runtime.")

    @Option(help: "Threads for every engine.")
    var threads = 2

    @Option(help: "Training batch sizes.")
    var trainBatches = "8,16,64"

    @Option(help: "Seconds to spend measuring each case (after warm-up).")
    var seconds = 5.0

    @Option(help: "Python with torch and onnxruntime for the reference (empty: Swift only).")
    var python = ".venv-bench/bin/python"

    func run() throws {
        Engine.configure(threads: threads)
        let batches = trainBatches.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let swift = ModelBenchmark(seconds: seconds)
        var rows: [String] = []
        for batch in batches {
            let rate = swift.trainingSequencesPerSecond(batch: batch)
            rows.append("train batch \(batch): \(String(format: "%.1f", rate)) seq/s")
            FileHandle.standardError.write(Data("bench: \(rows.last!)\n".utf8))
        }
        let latency = swift.inferenceLatencyMilliseconds()
        rows.append("infer batch 1: \(String(format: "%.2f", latency)) ms")
        FileHandle.standardError.write(Data("bench: \(rows.last!)\n".utf8))
        let throughput = swift.inferenceSequencesPerSecond(batch: 64)
        rows.append("infer batch 64: \(String(format: "%.1f", throughput)) seq/s")
        print(rows.joined(separator: "\n"))
    }
}
