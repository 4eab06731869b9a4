import Foundation
import GaitCore
import Testing
@testable import GaitML

/// GaitML's int8 inference: the weight format, the kernels, the model and its checkpoints.
@Suite("int8 quantization")
struct QuantizationTests {
    static func randomTensor(_ shape: [Int], bound: Float = 1, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -bound...bound, using: &generator) })
    }

    @Test("Int8Matrix: every entry within half a step of its row scale; the row's largest entry maps to ±127; zero rows stay zero")
    func matrixQuantization() {
        var tensor = Self.randomTensor([5, 40], bound: 3, seed: 1)
        tensor.withUnsafeMutablePointer { for column in 0..<40 { $0[2 * 40 + column] = 0 } }
        let matrix = Int8Matrix(quantizing: tensor)
        let restored = matrix.dequantized()
        for row in 0..<5 {
            let entries = tensor.scalars[row * 40 ..< (row + 1) * 40]
            let scale = matrix.scales[row]
            // Round to nearest: error ≤ scale / 2, plus float32 rounding of the product (1e-6 relative).
            for column in 0..<40 {
                let error = abs(restored.scalars[row * 40 + column] - tensor.scalars[row * 40 + column])
                #expect(error <= scale / 2 * (1 + 1e-5), "row \(row) column \(column): error \(error), scale \(scale)")
            }
            if entries.allSatisfy({ $0 == 0 }) {
                #expect(scale == 1 && matrix.values[row * 40 ..< (row + 1) * 40].allSatisfy { $0 == 0 })
            } else {
                #expect(matrix.values[row * 40 ..< (row + 1) * 40].map { abs(Int($0)) }.max() == 127)
            }
        }
    }

    @Test("every path of the int8 product (VNNI, AVX2, integer loop, BLAS) gives the same bits", arguments: [131, 1024])
    func productPathsAgree(inner: Int) {
        // 9 rows: two tiles of 4 rows and one of 1 in the packed kernels; 37 outputs: two 16-column
        // blocks and a partial third (VNNI), four 8-column blocks and a partial fifth (AVX2). Inner
        // sizes 131 (odd: the last pair and group of four are partly empty) and 1024 (near the BLAS
        // path's exactness limit), with extreme values (±127) to make the sums large.
        let (rows, outputs) = (9, 37)
        var generator = SeededGenerator(seed: 4)
        let a = (0..<rows * inner).map { _ in Int8.random(in: -127...127, using: &generator) }
        let aScales = (0..<rows).map { _ in Float.random(in: 0.001...0.1, using: &generator) }
        var values = (0..<outputs * inner).map { _ in Int8.random(in: -127...127, using: &generator) }
        for k in 0..<inner { values[k] = 127; values[inner + k] = -127 }
        let weights = Int8Matrix(rows: outputs, columns: inner, values: values,
                                 scales: (0..<outputs).map { _ in Float.random(in: 0.001...0.1, using: &generator) })
        func product(_ path: Int8Kernels.Path, threads: Int = 1) -> [Float] {
            // The packed kernels take the weights packed for them.
            let weights = path == .vnni || path == .avx2
                ? Int8Matrix(rows: outputs, columns: inner, values: weights.values, scales: weights.scales, packing: path) : weights
            var c = [Float](repeating: 0.5, count: rows * outputs)
            a.withUnsafeBufferPointer { ap in
                aScales.withUnsafeBufferPointer { sp in
                    Int8Kernels.accumulateProduct(rows: rows, a: ap.baseAddress!, aScales: sp.baseAddress!, weights: weights,
                                                  into: &c, ldc: outputs, threads: threads, path: path)
                }
            }
            return c
        }
        let loop = product(.integerLoop)
        // Bit-identical: every path sums the same integers exactly and rescales in the same order.
        #expect(product(.blas) == loop)
        // Two threads split the outputs (at 1024 inputs the product is large enough to be split).
        #expect(product(.integerLoop, threads: 2) == loop)
        for (kernel, present) in [(Int8Kernels.Path.vnni, Int8Kernels.hasVNNI), (.avx2, Int8Kernels.hasAVX2)] where present {
            #expect(product(kernel) == loop, "\(kernel)")
            #expect(product(kernel, threads: 2) == loop, "\(kernel), two threads")
        }
        // And the sum is the true integer product (row 0 against the all-127 weight row).
        let expected = Float(a[0..<inner].reduce(0) { $0 + Int($1) * 127 }) * aScales[0] * weights.scales[0] + 0.5
        #expect(loop[0] == expected)
    }

    @Test("QuantizedGaitNet stays close to GaitNet: outputs within 2% of each output's range on random weights")
    func modelCloseToFloat() {
        var generator = SeededGenerator(seed: 8)
        let model = GaitNet(configuration: GaitNetConfiguration(hiddenSize: 32, layerCount: 2, dropout: 0, headCount: 8), using: &generator)
        let quantized = QuantizedGaitNet(quantizing: model)
        // Batch 12 runs every product through the BLAS path, batch 1 through the int8 loop.
        for batch in [1, 12] {
            let input = Self.randomTensor([batch, 30, 132], seed: UInt64(batch))
            let (a, b) = (model(input), quantized(input))
            for (name, x, y) in [("phase", a.phaseLogits, b.phaseLogits), ("score", a.formScore, b.formScore),
                                 ("issues", a.issueLogits, b.issueLogits), ("confidence", a.confidenceLogit, b.confidenceLogit)] {
                let range = max(x.scalars.max()! - x.scalars.min()!, 0.1)
                let error = zip(x.scalars, y.scalars).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
                // int8 steps are 1/254 of each row's range (weights and activations): a few steps of
                // error accumulate through 2 LSTM layers and attention. 2% of the range leaves room
                // for that and still catches a wrong scale or gate (errors of the order of the range).
                #expect(error <= 0.02 * range, "\(name), batch \(batch): error \(error), range \(range)")
            }
        }
    }

    @Test("int8 checkpoints: about 4× smaller, load to the same outputs, run in GaitNetModel; the float32 loader refuses them")
    func checkpointRoundTrip() throws {
        var generator = SeededGenerator(seed: 2)
        let model = GaitNet(configuration: .standard, using: &generator)
        let config = CheckpointConfig(model: .standard, normalization: FeatureNormalization(), epoch: 3, notes: "test")
        let folder = TestData.temporaryDirectory()
        try Checkpoint.save(model: model, config: config, to: folder + "/float")
        let quantized = QuantizedGaitNet(quantizing: model)
        try QuantizedCheckpoint.save(model: quantized, config: config, to: folder + "/int8")
        func size(_ path: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int }
        let ratio = Double(try size(folder + "/float/weights.safetensors")) / Double(try size(folder + "/int8/weights.safetensors"))
        // int8 values (1 byte) plus per-row scales, float32 biases and heads: 3.9× for the default model.
        #expect(ratio > 3.8 && ratio < 4, "size ratio \(ratio)")
        #expect(try QuantizedCheckpoint.isQuantized(path: folder + "/int8"))
        #expect(try !QuantizedCheckpoint.isQuantized(path: folder + "/float"))
        let (loaded, loadedConfig) = try QuantizedCheckpoint.load(path: folder + "/int8")
        #expect(loadedConfig.quantization == QuantizedCheckpoint.scheme && loadedConfig.epoch == 3)
        #expect(loaded.parameterCount == model.parameterCount)
        let input = Self.randomTensor([2, 30, 132], seed: 6)
        // Same weights, same arithmetic: identical outputs.
        #expect(loaded(input).phaseLogits == quantized(input).phaseLogits)
        #expect(loaded(input).formScore == quantized(input).formScore)
        let gaitModel = try GaitNetModel(checkpoint: folder + "/int8")
        #expect(gaitModel.quantizedNetwork != nil && gaitModel.network == nil)
        #expect(throws: GaitMLError.self) { try Checkpoint.load(path: folder + "/int8") }
        do {
            _ = try Checkpoint.load(path: folder + "/int8")
        } catch {
            #expect("\(error)".contains("inference only"))
        }
    }

    @Test("an int8 checkpoint with a missing scale or tensor is refused with the tensor's name")
    func damagedCheckpoint() throws {
        var generator = SeededGenerator(seed: 3)
        let model = GaitNet(configuration: TestData.tinyModel, using: &generator)
        let folder = TestData.temporaryDirectory() + "/int8"
        try QuantizedCheckpoint.save(model: QuantizedGaitNet(quantizing: model),
                                     config: CheckpointConfig(model: TestData.tinyModel, normalization: FeatureNormalization(), epoch: 1), to: folder)
        let original = try SafeTensors.read(path: folder + "/weights.safetensors")
        var contents = original
        contents.tensors["lstm.weight_hh_l0.scale"] = nil
        try SafeTensors.write(contents, to: folder + "/weights.safetensors")
        #expect(throws: GaitMLError.self) { try QuantizedCheckpoint.load(path: folder) }
        do {
            _ = try QuantizedCheckpoint.load(path: folder)
        } catch {
            #expect("\(error)".contains("lstm.weight_hh_l0.scale"))
        }
        contents = original
        contents.int8Tensors["attention.in_proj_weight"] = nil
        try SafeTensors.write(contents, to: folder + "/weights.safetensors")
        do {
            _ = try QuantizedCheckpoint.load(path: folder)
            Issue.record("a checkpoint without attention.in_proj_weight loaded")
        } catch {
            #expect("\(error)".contains("attention.in_proj_weight"))
        }
    }
}
