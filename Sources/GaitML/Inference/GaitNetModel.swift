import Foundation
import GaitCore

/// A trained GaitNet as the analyzer's `GaitModel`: slides 30-frame windows over a whole pose
/// sequence and merges their predictions.
///
/// The sequence is resampled to the checkpoint's frame rate; windows start every `stride` frames
/// (the last one flush with the end), so every frame is covered. A frame's phase probabilities are
/// the weighted mean of the temperature-scaled softmax of every window covering it, interpolated
/// linearly in time between the two resampled frames around it: a boundary between phases then
/// falls where the probabilities cross, not on the model's grid (at 60 fps, the nearest grid frame
/// alone moved each boundary by up to 8.3 ms). The weight is a Hann window over the window's
/// frames, sin²(π (t + ½) / T): a frame counts most from the windows it sits in the middle of,
/// where the model sees the whole stance around it, and least from those it ends (with stride
/// T/2 the weights of the two covering windows sum to 1). The score, issue probabilities and confidence
/// are plain means over the windows that see the runner in at least half their frames (as in
/// training; all windows when none does); each issue's mean is then shifted so that the
/// checkpoint's fitted operating point is 0.5 (`IssueThresholds`).
///
/// Inference only reads the weights, so one instance may serve concurrent calls (hence
/// `@unchecked Sendable`); do not train the wrapped model while it is in use.
public final class GaitNetModel: GaitModel, @unchecked Sendable {
    /// The float32 network; nil when the model runs int8 weights (`quantizedNetwork`).
    public let network: GaitNet?
    /// The int8 network of an int8 checkpoint (`QuantizedCheckpoint`); nil for float32.
    public let quantizedNetwork: QuantizedGaitNet?
    public let config: CheckpointConfig
    /// Frames between window starts at the model's frame rate.
    public let stride: Int

    public init(network: GaitNet, config: CheckpointConfig, stride: Int = 10) {
        precondition(stride >= 1, "stride must be positive")
        self.network = network
        self.quantizedNetwork = nil
        self.config = config
        self.stride = stride
    }

    /// The int8 network `quantized` (same windows and merging as float32).
    public init(quantized: QuantizedGaitNet, config: CheckpointConfig, stride: Int = 10) {
        precondition(stride >= 1, "stride must be positive")
        self.network = nil
        self.quantizedNetwork = quantized
        self.config = config
        self.stride = stride
    }

    /// Loads the checkpoint folder `path`: float32, or int8 when its config says so.
    public convenience init(checkpoint path: String) throws {
        if try QuantizedCheckpoint.isQuantized(path: path) {
            let (quantized, config) = try QuantizedCheckpoint.load(path: path)
            self.init(quantized: quantized, config: config)
        } else {
            let (network, config) = try Checkpoint.load(path: path)
            self.init(network: network, config: config)
        }
    }

    public func predict(_ sequence: PoseSequence) throws -> GaitModelPrediction {
        let frameCount = config.model.frameCount
        let (frames, _) = PoseResampling.resample(sequence, rate: config.normalization.frameRate)
        guard frames.count >= frameCount else {
            throw GaitMLError.unusableData(String(format: "the clip is %.2f s long; the model needs at least %.2f s (%d frames at %g fps)",
                                                  sequence.durationSeconds, Double(frameCount - 1) / config.normalization.frameRate,
                                                  frameCount, config.normalization.frameRate))
        }
        var starts = Array(Swift.stride(from: 0, through: frames.count - frameCount, by: stride))
        if starts.last! != frames.count - frameCount { starts.append(frames.count - frameCount) }
        let output = outputs(frames: frames, starts: starts, width: sequence.width, height: sequence.height)
        let classes = GaitNetConfiguration.phaseClassCount
        var sums = Array(repeating: [Double](repeating: 0, count: classes), count: frames.count)
        var coverage = [Double](repeating: 0, count: frames.count)
        let weights = (0..<frameCount).map { t in pow(sin(Double.pi * (Double(t) + 0.5) / Double(frameCount)), 2) }
        for (window, start) in starts.enumerated() {
            for t in 0..<frameCount {
                let row = (window * frameCount + t) * classes
                let logits = (0..<classes).map { Double(output.phaseLogits[row + $0]) / config.phaseTemperature }
                let maximum = logits.max()!
                let exponentials = logits.map { exp($0 - maximum) }
                let total = exponentials.reduce(0, +)
                for k in 0..<classes { sums[start + t][k] += weights[t] * exponentials[k] / total }
                coverage[start + t] += weights[t]
            }
        }
        let merged = sums.indices.map { index in sums[index].map { $0 / coverage[index] } }
        let resampledTimes = frames.map(\.time)
        let phaseProbabilities = sequence.frames.map { frame -> [Double] in
            let (index, weight) = Self.bracket(resampledTimes, at: frame.time)
            guard weight > 0 else { return merged[index] }
            return zip(merged[index], merged[index + 1]).map { $0 + ($1 - $0) * weight }
        }
        let seen = starts.indices.filter { window in
            2 * frames[starts[window]..<starts[window] + frameCount].filter { $0.landmarks != nil }.count >= frameCount
        }
        let rated = seen.isEmpty ? Array(starts.indices) : seen
        func mean(_ value: (Int) -> Double) -> Double { rated.reduce(0) { $0 + value($1) } / Double(rated.count) }
        let issueKinds = IssueKind.allCases
        var issueProbabilities: [IssueKind: Double] = [:]
        for kind in issueKinds {
            let probability = mean { Double(sigmoid(output.issueLogits[$0 * issueKinds.count + kind.classIndex])) }
            issueProbabilities[kind] = IssueThresholds.shift(probability, threshold: config.issueThresholds?[kind.classIndex] ?? 0.5)
        }
        let confidence = mean { 1 / (1 + exp(-Double(output.confidenceLogits[$0]) / config.confidenceTemperature)) }
        return GaitModelPrediction(
            name: network.map { "GaitNet (\(config.trainingSummary), \($0.parameterCount) parameters)" }
                ?? "GaitNet int8 (\(config.trainingSummary), \(quantizedNetwork!.parameterCount) parameters)",
            phaseProbabilities: phaseProbabilities,
            formScore: mean { Double(output.formScores[$0]) },
            issueProbabilities: issueProbabilities, confidence: confidence, fusionWeights: config.fusionWeights)
    }

    /// The network's outputs for the windows starting at `starts`, run `batchSize` windows at a
    /// time so that memory stays bounded for a long recording.
    private func outputs(frames: [PoseFrame], starts: [Int], width: Int, height: Int, batchSize: Int = 64)
        -> (phaseLogits: [Float], formScores: [Float], issueLogits: [Float], confidenceLogits: [Float]) {
        let frameCount = config.model.frameCount
        var result: (phaseLogits: [Float], formScores: [Float], issueLogits: [Float], confidenceLogits: [Float]) = ([], [], [], [])
        for first in Swift.stride(from: 0, to: starts.count, by: batchSize) {
            let batch = starts[first..<min(first + batchSize, starts.count)]
            var features: [Float] = []
            for start in batch {
                features += config.normalization.features(of: frames[start..<start + frameCount], width: width, height: height)
            }
            let input = Tensor(shape: [batch.count, frameCount, FeatureNormalization.featureCount], scalars: features)
            let output = network.map { $0(input) } ?? quantizedNetwork!(input)
            result.phaseLogits += output.phaseLogits.scalars
            result.formScores += output.formScore.scalars
            result.issueLogits += output.issueLogits.scalars
            result.confidenceLogits += output.confidenceLogit.scalars
        }
        return result
    }

    /// Where `t` falls among `times` (increasing): the index of the last time at or before `t` and
    /// the share (0-1) of the way to the next one; `(0, 0)` before the first time, `(last, 0)` from
    /// the last on.
    static func bracket(_ times: [Double], at t: Double) -> (index: Int, weight: Double) {
        guard let first = times.first, t > first else { return (0, 0) }
        guard let last = times.last, t < last else { return (times.count - 1, 0) }
        let high = times.partitioningIndex { $0 > t }  // 1...count − 1: t lies inside the times
        let low = high - 1
        return (low, (t - times[low]) / (times[high] - times[low]))
    }
}
