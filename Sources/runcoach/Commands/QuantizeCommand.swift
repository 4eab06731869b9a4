import ArgumentParser
import Foundation
import GaitCore
import GaitML

/// `runcoach quantize`: an int8 checkpoint for the Swift analyzer (`analyze --model`), with its
/// size and accuracy change on held-out simulated runners.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Make an int8 checkpoint (about 4× smaller) from a float32 one, for runcoach analyze --model.",
        discussion: "LSTM and attention weights become int8 with one scale per output row; activations are quantized at run time (docs/onnx.md).")

    @Option(help: "Float32 checkpoint folder (e.g. runs/best).") var model: String
    @Option(help: "Output checkpoint folder.") var out: String
    @OptionGroup var heldOut: HeldOutRunnerOptions
    @Option(help: "Threads.") var threads = 2

    func validate() throws {
        let standardized = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        guard standardized(out) != standardized(model) else {
            throw ValidationError("--out must differ from --model: the int8 checkpoint would replace the float32 one")
        }
    }

    func run() throws {
        Engine.configure(threads: threads)
        let (network, config) = try Checkpoint.load(path: model)
        let quantized = QuantizedGaitNet(quantizing: network)
        try QuantizedCheckpoint.save(model: quantized, config: config, to: out)
        let (before, after) = (Self.fileSize(QuantizedCheckpoint.weightsFile(ofCheckpoint: model)), Self.fileSize(QuantizedCheckpoint.weightsFile(ofCheckpoint: out)))
        print(String(format: "wrote %@: weights %@ (float32 %@, %.2f× smaller)", out, Self.megabytes(after), Self.megabytes(before),
                     Double(before) / Double(max(after, 1))))
        guard heldOut.validationRunners > 0 else { return }
        let (input, targets) = try heldOut.windows(frameCount: config.model.frameCount, normalization: config.normalization)
        Console.progress("running \(input.shape[0]) windows in float32 and int8")
        let comparison = PredictionComparison(reference: network(input), candidate: quantized(input), targets: targets)
        print("int8 against float32 on held-out simulated runners:")
        print(comparison.summary(reference: "float32", candidate: "int8"))
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.2f MB", Double(bytes) / 1_000_000) }
}
