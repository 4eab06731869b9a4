import Foundation
import GaitCore
@testable import GaitML
import Testing

/// The fit of the model's shares in the analyzer's fusion (`FusionWeights.fit`), on outputs whose
/// best share is known.
@Suite("fusion shares")
struct FusionWeightsTests {
    /// 200 recordings, 40 with the issue: `reliable` ranks them right at 0.5, `noise` is uniform.
    static func rows(modelReliable: Bool) -> [(truth: Bool, model: Double, rules: Double?)] {
        var generator = SeededGenerator(seed: 21)
        return (0..<200).map { index in
            let truth = index % 5 == 0
            let reliable = truth ? Double.random(in: 0.6...0.9, using: &generator) : Double.random(in: 0.1...0.4, using: &generator)
            let noise = Double.random(in: 0...1, using: &generator)
            return (truth, modelReliable ? reliable : noise, modelReliable ? noise : reliable)
        }
    }

    @Test("an issue's share goes to the source that separates the recordings (F1 1 at 0.5), whichever it is")
    func issueShareFollowsTheReliableSource() {
        #expect(FusionWeights.issueShare(Self.rows(modelReliable: true)) >= 0.8)
        #expect(FusionWeights.issueShare(Self.rows(modelReliable: false)) <= 0.2)
        // Among the shares with F1 1 the lower Brier score wins: all model when the rules are noise.
        #expect(FusionWeights.issueShare(Self.rows(modelReliable: true).map { ($0.truth, $0.truth ? 1 : 0, $0.rules) }) == 1)
        // A recording the rules cannot rate (it takes the model alone) does not move the share.
        let unrated = Self.rows(modelReliable: false) + [(true, 0.9, nil)]
        #expect(FusionWeights.issueShare(unrated) <= 0.2)
        // No positive: 0.5.
        #expect(FusionWeights.issueShare([(false, 0.2, 0.7), (false, 0.9, 0.1)]) == 0.5)
    }

    @Test("the score's share minimises the fused score's mean absolute error")
    func scoreShare() {
        var generator = SeededGenerator(seed: 22)
        let truths = (0..<100).map { _ in Double.random(in: 2...9, using: &generator) }
        let noisy = truths.map { $0 + Double.random(in: -2...2, using: &generator) }
        #expect(FusionWeights.scoreShare(zip(truths, noisy).map { ($0, $0, $1) }) == 1)
        #expect(FusionWeights.scoreShare(zip(truths, noisy).map { ($0, $1, $0) }) == 0)
        // Model 1 point low and rules 1 point high everywhere: the half-and-half mean is exact.
        #expect(FusionWeights.scoreShare(truths.map { ($0, $0 - 1, $0 + 1) }) == 0.5)
    }

    @Test("a checkpoint keeps its fusion shares; one saved without them loads with none")
    func checkpointRoundTrip() throws {
        var generator = SeededGenerator(seed: 23)
        let network = GaitNet(configuration: GaitNetConfiguration(hiddenSize: 8, layerCount: 1, headCount: 2),
                              using: &generator)
        var config = CheckpointConfig(model: network.configuration, normalization: FeatureNormalization(), epoch: 0, notes: "test")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fusion-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Checkpoint.save(model: network, config: config, to: folder)
        #expect(try Checkpoint.load(path: folder).config.fusionWeights == nil)
        config.fusionWeights = FusionWeights(formScore: 0.4, issues: [0.95, 0.3, 0.6], recordings: 12)
        try Checkpoint.save(model: network, config: config, to: folder)
        #expect(try Checkpoint.load(path: folder).config.fusionWeights == config.fusionWeights)
    }
}
