import GaitCore
import Foundation
import Testing
@testable import GaitML
import GaitSim

@Suite("GaitNet")
struct GaitNetTests {
    static func smallModel(dropout: Float = 0.3) -> GaitNet {
        var generator = SeededGenerator(seed: 21)
        return GaitNet(configuration: GaitNetConfiguration(frameCount: 6, inputSize: 10, hiddenSize: 16, layerCount: 2,
                                                           dropout: dropout, headCount: 8), using: &generator)
    }

    @Test("A window gives the same outputs alone (batch 1, matrix-vector path) as inside a batch")
    func batchIndependence() {
        let model = Self.smallModel()
        var generator = SeededGenerator(seed: 22)
        let batch = GradientChecking.randomTensor([3, 6, 10], using: &generator)
        let alone = Tensor(shape: [1, 6, 10], scalars: Array(batch.scalars[60..<120]))
        let (all, single) = (model(batch), model(alone))
        // Same arithmetic except the summation order inside BLAS (gemv vs gemm): float32 rounding,
        // ≈ 1e-7 relative per operation, far below 1e-5; mixing up windows changes values by ~1e-1.
        let phases = Array(all.phaseLogits.scalars[24..<48])
        #expect(zip(phases, single.phaseLogits.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(abs(all.formScore.scalars[1] - single.formScore.scalars[0]) < 1e-4)  // points, 10× the logit scale
        #expect(zip(all.issueLogits.scalars[3..<6], single.issueLogits.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(abs(all.confidenceLogit.scalars[1] - single.confidenceLogit.scalars[0]) < 1e-5)
    }

    @Test("Inference uses no dropout: it equals a training pass of the same model built without dropout")
    func inferenceHasNoDropout() throws {
        let withDropout = Self.smallModel(dropout: 0.3)
        let without = Self.smallModel(dropout: 0)
        var generator = SeededGenerator(seed: 23)
        let x = GradientChecking.randomTensor([2, 6, 10], using: &generator)
        let training = without.forward(x, using: &generator).output
        let inference = withDropout(x)
        #expect(training.phaseLogits == inference.phaseLogits)  // identical arithmetic: exact
        #expect(withDropout.forward(x, using: &generator).output.phaseLogits != inference.phaseLogits)
    }

    @Test("Parameter names follow PyTorch's state_dict")
    func parameterNames() {
        let names = Self.smallModel().parameters.map(\.name)
        #expect(names.prefix(8) == ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                                    "lstm.weight_ih_l0_reverse", "lstm.weight_hh_l0_reverse", "lstm.bias_ih_l0_reverse",
                                    "lstm.bias_hh_l0_reverse"])
        #expect(names.suffix(12) == ["attention.in_proj_weight", "attention.in_proj_bias", "attention.out_proj.weight",
                                     "attention.out_proj.bias", "phase_head.weight", "phase_head.bias", "score_head.weight",
                                     "score_head.bias", "issue_head.weight", "issue_head.bias", "confidence_head.weight",
                                     "confidence_head.bias"])
        #expect(Set(names).count == names.count)
    }

    @Test("Loading weights rejects missing, unexpected and wrongly shaped tensors with a message")
    func loadingChecks() throws {
        let model = Self.smallModel()
        var weights = model.namedWeights
        weights["lstm.weight_hh_l1"] = nil
        #expect(throws: GaitMLError.self) { try model.load(weights, source: "w.safetensors") }
        weights = model.namedWeights
        weights["extra"] = Tensor(shape: [1])
        #expect(throws: GaitMLError.self) { try model.load(weights, source: "w.safetensors") }
        weights = model.namedWeights
        weights["phase_head.bias"] = Tensor(shape: [5])
        do {
            try model.load(weights, source: "w.safetensors")
            Issue.record("a wrongly shaped tensor was accepted")
        } catch {
            #expect("\(error)".contains("phase_head.bias has shape [5], the model needs [4]"))
        }
    }

    @Test("Safetensors round trip keeps names, shapes, values and metadata; truncated files are rejected")
    func safetensorsRoundTrip() throws {
        let model = Self.smallModel()
        let contents = SafeTensors.Contents(tensors: model.namedWeights, metadata: ["format": "gaitnet"])
        let data = try SafeTensors.encode(contents)
        let decoded = try SafeTensors.decode(data, name: "memory")
        #expect(decoded.tensors == contents.tensors)
        #expect(decoded.metadata == ["format": "gaitnet"])
        #expect(throws: GaitMLError.self) { try SafeTensors.decode(data.prefix(data.count - 4), name: "cut") }
        #expect(throws: GaitMLError.self) { try SafeTensors.decode(Data([1, 2, 3]), name: "tiny") }
    }

    @Test("Weights holding NaN or infinity are rejected with the tensor named, not carried into a report")
    func nonFiniteWeightsAreRejected() throws {
        var weights = Self.smallModel().namedWeights
        var bias = weights["issue_head.bias"]!
        bias.scalars[1] = .nan
        bias.scalars[2] = .infinity
        weights["issue_head.bias"] = bias
        let data = try SafeTensors.encode(SafeTensors.Contents(tensors: weights, metadata: [:]))
        do {
            _ = try SafeTensors.decode(data, name: "diverged.safetensors")
            Issue.record("a checkpoint with NaN weights was accepted")
        } catch {
            #expect("\(error)".contains("issue_head.bias: 2 of its 3 values are NaN or infinite"))
        }
    }
}

@Suite("GaitNet as the analyzer's model")
struct GaitNetModelTests {
    @Test("Every frame of a clip gets phase probabilities summing to 1; score, issues and confidence in range")
    func predictsWholeSequence() throws {
        let sequence = try TestData.runners(1, seconds: 2.5)[0].poses
        let model = Self.tinyModel()
        let prediction = try model.predict(sequence)
        #expect(prediction.phaseProbabilities.count == sequence.frames.count)
        #expect(prediction.phaseProbabilities.allSatisfy { $0.count == 4 && abs($0.reduce(0, +) - 1) < 1e-9 })
        #expect((0...10).contains(prediction.formScore) && (0...1).contains(prediction.confidence))
        #expect(prediction.issueProbabilities.count == 3 && prediction.issueProbabilities.values.allSatisfy { (0...1).contains($0) })
        // A clip shorter than one window is refused with the reason.
        var short = sequence
        short.frames = Array(short.frames.prefix(20))
        #expect(throws: GaitMLError.self) { try model.predict(short) }
    }

    /// An untrained tiny GaitNet (seed 3) at the default 60 fps.
    static func tinyModel() -> GaitNetModel {
        var generator = SeededGenerator(seed: 3)
        let network = GaitNet(configuration: TestData.tinyModel, using: &generator)
        return GaitNetModel(network: network, config: CheckpointConfig(model: TestData.tinyModel, normalization: FeatureNormalization(), epoch: 0))
    }

    @Test("Between the model's 60 fps frames, phase probabilities are interpolated in time, not copied from the nearest")
    func interpolatesBetweenModelFrames() throws {
        var parameters = SimulationParameters()
        parameters.durationSeconds = 2.5
        parameters.framesPerSecond = 120
        let sequence = try RunnerSimulator(parameters: parameters).simulate(seed: 5).poses
        let prediction = try Self.tinyModel().predict(sequence)
        // At 120 fps every other frame lies on the model's grid and the ones between sit halfway:
        // their probabilities are the mean of their neighbours' (to float64 rounding of the times).
        for frame in Swift.stride(from: 1, to: sequence.frames.count - 1, by: 2) {
            for k in 0..<4 {
                let mean = (prediction.phaseProbabilities[frame - 1][k] + prediction.phaseProbabilities[frame + 1][k]) / 2
                #expect(abs(prediction.phaseProbabilities[frame][k] - mean) < 1e-9)
            }
        }
        #expect(GaitNetModel.bracket([0, 0.1, 0.2], at: 0.05) == (0, 0.5))
        #expect(GaitNetModel.bracket([0, 0.1, 0.2], at: 0.1) == (1, 0))
        #expect(GaitNetModel.bracket([0, 0.1, 0.2], at: -1) == (0, 0))
        #expect(GaitNetModel.bracket([0, 0.1, 0.2], at: 0.3) == (2, 0))
    }
}

@Suite("GaitNet in the analyzer")
struct GaitNetAnalyzerTests {
    @Test("A checkpoint loaded from disk takes part in the analysis: the report names it and explains the fusion")
    func analyzerFusesTheModel() throws {
        var generator = SeededGenerator(seed: 4)
        let network = GaitNet(configuration: TestData.tinyModel, using: &generator)
        let folder = TestData.temporaryDirectory() + "/checkpoint"
        try Checkpoint.save(model: network, config: CheckpointConfig(model: TestData.tinyModel, normalization: FeatureNormalization(), epoch: 3),
                            to: folder)
        let sequence = try TestData.runners(1, seconds: 4)[0].poses
        let model = try GaitNetModel(checkpoint: folder)
        let report = try GaitAnalyzer(options: AnalysisOptions(model: model)).analyze(sequence)
        let contribution = try #require(report.model)
        #expect(contribution.name.contains("GaitNet (3 epochs"))
        #expect(!contribution.fusion.isEmpty)
        #expect(report.confidence?.model != nil)
    }
}
