import GaitCore
import Foundation

/// Times GaitNet (default size) training steps and inference on random inputs.
public struct ModelBenchmark {
    /// Seconds to measure each case after one warm-up run.
    public var seconds: Double
    public var configuration: GaitNetConfiguration

    public init(seconds: Double = 5, configuration: GaitNetConfiguration = .standard) {
        self.seconds = seconds
        self.configuration = configuration
    }

    /// Training sequences per second: forward, loss, backward and an Adam update per batch.
    public func trainingSequencesPerSecond(batch: Int) -> Double {
        var generator = SeededGenerator(seed: 1)
        let model = GaitNet(configuration: configuration, using: &generator)
        let optimizer = Adam(parameters: model.parameters)
        let input = randomInput(batch: batch, using: &generator)
        let targets = randomTargets(batch: batch, using: &generator)
        let loss = GaitLoss()
        let runs = measure {
            model.zeroGradients()
            let (output, tape) = model.forward(input, using: &generator)
            let gradient = loss.evaluate(output, targets: targets).gradient
            model.backward(gradient, tape: tape)
            optimizer.update()
        }
        return Double(batch) / runs.typicalSeconds
    }

    /// Median latency of one window (batch 1), in milliseconds.
    public func inferenceLatencyMilliseconds() -> Double {
        var generator = SeededGenerator(seed: 2)
        let model = GaitNet(configuration: configuration, using: &generator)
        let input = randomInput(batch: 1, using: &generator)
        return measure { _ = model(input) }.typicalSeconds * 1000
    }

    /// Inference sequences per second at `batch`.
    public func inferenceSequencesPerSecond(batch: Int) -> Double {
        var generator = SeededGenerator(seed: 3)
        let model = GaitNet(configuration: configuration, using: &generator)
        let input = randomInput(batch: batch, using: &generator)
        return Double(batch) / measure { _ = model(input) }.typicalSeconds
    }

    private func randomInput(batch: Int, using generator: inout SeededGenerator) -> Tensor {
        let count = batch * configuration.frameCount * configuration.inputSize
        return Tensor(shape: [batch, configuration.frameCount, configuration.inputSize],
                      scalars: (0..<count).map { _ in generator.uniformFloat(-1, 1) })
    }

    private func randomTargets(batch: Int, using generator: inout SeededGenerator) -> GaitTargets {
        GaitTargets(phases: (0..<batch * configuration.frameCount).map { _ in Int.random(in: 0..<4, using: &generator) },
                    formScores: (0..<batch).map { _ in generator.uniformFloat(0, 10) },
                    issues: (0..<batch * 3).map { _ in Bool.random(using: &generator) ? 1 : 0 })
    }

    /// Per-iteration time: the 10th percentile of all iterations (the reference script uses the same
    /// statistic). The machine is shared with other developers' builds; a low percentile reports what
    /// each engine does when it has the cores, where a mean mostly measures the neighbours.
    private struct Timing { var typicalSeconds: Double }

    /// Runs `body` once to warm up, then repeatedly for `seconds` (at least 5 times).
    private func measure(_ body: () -> Void) -> Timing {
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
        return Timing(typicalSeconds: durations[durations.count / 10])
    }
}
