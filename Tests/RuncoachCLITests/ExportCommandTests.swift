import Foundation
import Testing

/// `runcoach export onnx`, `runcoach quantize` and `runcoach analyze --model` with an int8
/// checkpoint, as a person runs them.
@Suite("export onnx and quantize commands", .serialized)
struct ExportCommandTests {
    static let python = CLI.repositoryRoot.appendingPathComponent(".venv-onnx/bin/python").path

    /// A tiny GaitNet trained for one epoch (what the commands do with it does not depend on its size).
    static let checkpoint = Result { () throws -> String in
        let folder = try CLI.temporaryFolder()
        let run = try CLI.runcoach(["train", "--synthetic", "4", "--synthetic-seconds", "2", "--epochs", "1", "--hidden", "8",
                                    "--layers", "1", "--folds", "2", "--out", folder + "/run"])
        guard run.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return folder + "/run/best"
    }

    @Test("export onnx writes float32 and int8 models, checks them in ONNX Runtime and prints size and accuracy change")
    func exportWritesAndChecks() throws {
        let model = try Self.checkpoint.get()
        let folder = try CLI.temporaryFolder()
        let plain = try CLI.runcoach(["export", "onnx", "--model", model, "--out", folder + "/gait_model.onnx",
                                      "--validation-runners", "2", "--python", Self.python])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("wrote \(folder)/gait_model.onnx") && plain.stdout.contains("float32, ai.onnx opset 17"))
        #expect(plain.stdout.contains("onnx.checker passed"))
        #expect(plain.stdout.contains("phase argmax agreement of ONNX float32 with Swift float32: 100.00 %"))
        let quantized = try CLI.runcoach(["export", "onnx", "--model", model, "--out", folder + "/int8.onnx", "--quantize", "int8",
                                          "--opset", "19", "--validation-runners", "2", "--python", Self.python])
        #expect(quantized.status == 0, "\(quantized.stderr)")
        #expect(quantized.stdout.contains("(int8, weights stored as uint8, ai.onnx opset 19"))
        #expect(quantized.stdout.contains("int8 is") && quantized.stdout.contains("smaller"))
        #expect(quantized.stdout.contains("form-score MAE: Swift float32"))
        #expect(quantized.stderr.contains("held-out runners"))  // progress on stderr
    }

    @Test("export onnx refuses a wrong opset, --int8-weights without int8, a missing checkpoint and an int8 checkpoint with a message and no file")
    func exportRefusesBadInput() throws {
        let model = try Self.checkpoint.get()
        let folder = try CLI.temporaryFolder()
        let opset = try CLI.runcoach(["export", "onnx", "--model", model, "--out", folder + "/a.onnx", "--opset", "12"])
        #expect(opset.status == 2 && opset.stderr.contains("--opset must be 14-21"))
        let storage = try CLI.runcoach(["export", "onnx", "--model", model, "--out", folder + "/a.onnx", "--int8-weights", "int8"])
        #expect(storage.status == 2 && storage.stderr.contains("--int8-weights applies to --quantize int8 only"))
        let missing = try CLI.runcoach(["export", "onnx", "--model", folder + "/nothing", "--out", folder + "/b.onnx"])
        #expect(missing.status == 2 && missing.stderr.contains("nothing/config.json"))
        let quantize = try CLI.runcoach(["quantize", "--model", model, "--out", folder + "/int8", "--validation-runners", "0"])
        #expect(quantize.status == 0, "\(quantize.stderr)")
        let fromInt8 = try CLI.runcoach(["export", "onnx", "--model", folder + "/int8", "--out", folder + "/c.onnx"])
        #expect(fromInt8.status == 1 && fromInt8.stderr.contains("inference only"))
        let overwrite = try CLI.runcoach(["quantize", "--model", model, "--out", model + "/"])
        #expect(overwrite.status == 2 && overwrite.stderr.contains("--out must differ from --model"))
        #expect(FileManager.default.fileExists(atPath: model + "/weights.safetensors"))
        for name in ["a.onnx", "b.onnx", "c.onnx"] {
            #expect(!FileManager.default.fileExists(atPath: folder + "/" + name), "\(name) was written")
        }
    }

    @Test("quantize writes an int8 checkpoint that analyze --model runs, and prints its size and accuracy change")
    func quantizeThenAnalyze() throws {
        let model = try Self.checkpoint.get()
        let folder = try CLI.temporaryFolder()
        let quantize = try CLI.runcoach(["quantize", "--model", model, "--out", folder + "/int8", "--validation-runners", "2"])
        #expect(quantize.status == 0, "\(quantize.stderr)")
        #expect(quantize.stdout.contains("wrote \(folder)/int8: weights") && quantize.stdout.contains("phase argmax agreement"))
        _ = try CLI.runcoach(["simulate", "--out", folder + "/run.json", "--duration", "6", "--seed", "3"])
        let analyze = try CLI.runcoach(["analyze", folder + "/run.json", "--model", folder + "/int8", "--json", folder + "/report.json", "--quiet"])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        let report = try String(contentsOfFile: folder + "/report.json", encoding: .utf8)
        #expect(report.contains("GaitNet int8 (1 epoch, "))  // one epoch, in the singular
    }
}
