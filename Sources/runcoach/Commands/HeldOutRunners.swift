import Foundation
import GaitCore
import GaitML
import ArgumentParser

/// Validation windows from simulated runners that training never sees by default (their seed
/// differs from `train --data-seed`'s default 1000): how export and quantize measure accuracy.
struct HeldOutRunnerOptions: ParsableArguments {
    @Option(help: "Held-out simulated runners for the accuracy check (0 skips it).")
    var validationRunners = 12

    @Option(help: "Seed of the held-out runners.")
    var validationSeed: UInt64 = 9001

    func validate() throws {
        guard (0...500).contains(validationRunners) else { throw ValidationError("--validation-runners must be 0-500") }
    }

    /// Every 30-frame window (every 30 frames) of the held-out runners, as one batch with labels.
    func windows(frameCount: Int, normalization: FeatureNormalization) throws -> (input: Tensor, targets: GaitTargets) {
        let count = validationRunners
        let sequences = try SyntheticRunners.make(count: count, seed: validationSeed, seconds: 8) { done in
            if done % 4 == 0 || done == count { Console.progress("simulated \(done)/\(count) held-out runners (seed \(validationSeed))") }
        }
        let dataset = WindowDataset(sequences, frameCount: frameCount, stride: frameCount, normalization: normalization)
        var unused = SeededGenerator(seed: 0)
        return dataset.batch(0..<dataset.windows.count, using: &unused)
    }
}
