import ArgumentParser
import Foundation
import GaitCore
import GaitML
import GaitONNX

/// `runcoach export onnx`: a float32 checkpoint as an ONNX model, float32 or int8, checked in ONNX
/// Runtime on held-out simulated runners.
struct ExportONNXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onnx",
        abstract: "Write a GaitNet checkpoint as ONNX (optionally with int8 weights) and check it in ONNX Runtime.",
        discussion: """
            The model reads pose_sequence [batch, 30, 132] and gives phase_logits, form_score, issue_logits and \
            confidence; metadata_props carry the feature normalisation, class names and model version \
            (docs/onnx.md). After writing, the file goes through onnx.checker and ONNX Runtime (--python) on \
            held-out simulated runners: the command prints its size and its accuracy against the Swift float32 model.
            """)

    enum Quantization: String, ExpressibleByArgument, CaseIterable { case int8 }

    @Option(help: "Float32 checkpoint folder (e.g. runs/best).") var model: String
    @Option(help: "The .onnx file to write.") var out = "gait_model.onnx"
    @Option(help: "ai.onnx opset, \(ONNXExportOptions.supportedOpsets.lowerBound)-\(ONNXExportOptions.supportedOpsets.upperBound).")
    var opset = ONNXExportOptions.defaultOpset
    @Option(help: "Quantize the LSTM and attention weights: int8.") var quantize: Quantization?
    @Option(name: .customLong("int8-weights"),
            help: "How --quantize int8 stores the weights: uint8 (around 128; exact in ONNX Runtime on every CPU) or int8 (faster on CPUs with AVX-512 VNNI, wrong on x86 CPUs without it).")
    var int8Weights: ONNXExportOptions.Int8WeightStorage = .uint8
    @OptionGroup var heldOut: HeldOutRunnerOptions
    @Option(help: "Python with onnx and onnxruntime (scripts/setup.d/35-onnx.sh makes .venv-onnx).") var python = ".venv-onnx/bin/python"
    @Option(help: "Threads (Swift and ONNX Runtime).") var threads = 2

    func validate() throws {
        guard ONNXExportOptions.supportedOpsets.contains(opset) else {
            throw ValidationError("--opset must be \(ONNXExportOptions.supportedOpsets.lowerBound)-\(ONNXExportOptions.supportedOpsets.upperBound)")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if int8Weights != .uint8 && quantize != .int8 {
            throw ValidationError("--int8-weights applies to --quantize int8 only")
        }
    }

    func run() throws {
        Engine.configure(threads: threads)
        let (network, config) = try Checkpoint.load(path: model)
        let precision: ONNXExportOptions.Precision = quantize == .int8 ? .int8 : .float32
        let options = ONNXExportOptions(opset: opset, precision: precision, int8Weights: int8Weights, producerVersion: Runcoach.version)
        Console.progress("exporting \(model) as \(precision.rawValue) ONNX (opset \(opset))")
        let data = try ONNXExporter.export(model: network, config: config, options: options)
        try AtomicFile.write(data, to: out)
        let storage = precision == .int8 ? ", weights stored as \(int8Weights.rawValue)" : ""
        print("wrote \(out): \(Self.megabytes(data.count)) (\(precision.rawValue)\(storage), ai.onnx opset \(opset), input pose_sequence [batch, \(config.model.frameCount), \(config.model.inputSize)])")
        if precision == .int8 {
            let float32Size = try ONNXExporter.export(model: network, config: config, options: ONNXExportOptions(opset: opset)).count
            print(String(format: "float32 export would be %@: int8 is %.2f× smaller", Self.megabytes(float32Size), Double(float32Size) / Double(data.count)))
        }
        guard heldOut.validationRunners > 0 else { return }
        let runtime = ONNXRuntime(python: python, threads: threads)
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Console.progress("accuracy not checked: \(GaitONNXError.runtimeUnavailable(python: python).description)")
            return
        }
        let (input, targets) = try heldOut.windows(frameCount: config.model.frameCount, normalization: config.normalization)
        Console.progress("running \(input.shape[0]) windows in Swift (float32) and in ONNX Runtime")
        let swift = network(input)
        let result = try runtime.run(modelPath: out, input: input, check: true)
        let onnx = try GaitNetOutput(onnxOutputs: result.outputs, confidenceTemperature: config.confidenceTemperature)
        print("\(result.versions): onnx.checker \(result.checkerPassed ? "passed" : "not run"), ONNX Runtime ran the model")
        let differences = [("phase_logits", swift.phaseLogits, onnx.phaseLogits), ("form_score", swift.formScore, onnx.formScore),
                           ("issue_logits", swift.issueLogits, onnx.issueLogits), ("confidence", swift.confidence, onnx.confidence)]
            .map { name, a, b in "\(name) \(String(format: "%.2g", zip(a.scalars, b.scalars).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }))" }
        print("largest |ONNX Runtime − Swift float32|: " + differences.joined(separator: ", "))
        print("the ONNX model (\(precision.rawValue), in ONNX Runtime) against the Swift float32 model on held-out simulated runners:")
        print(PredictionComparison(reference: swift, candidate: onnx, targets: targets)
            .summary(reference: "Swift float32", candidate: "ONNX \(precision.rawValue)"))
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.2f MB", Double(bytes) / 1_000_000) }
}

extension ONNXExportOptions.Int8WeightStorage: ExpressibleByArgument {}
