import Foundation
import GaitCore

/// A trained GaitNet as the analyzer's `GaitModel`: slides 30-frame windows over a whole pose
/// sequence and merges their predictions.
///
/// The sequence is resampled to the checkpoint's frame rate; windows start every `stride` frames
/// (the last one flush with the end), so every frame is covered. A frame's phase probabilities are
/// the mean of the temperature-scaled softmax of every window covering it, taken at the resampled
/// frame nearest in time; the score, issue probabilities and confidence are means over windows.
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

    public init(network: GaitNet, config: CheckpointConfig, stride: Int = 15) {
        precondition(stride >= 1, "stride must be positive")
        self.network = network
        self.quantizedNetwork = nil
        self.config = config
        self.stride = stride
    }

    /// The int8 network `quantized` (same windows and merging as float32).
    public init(quantized: QuantizedGaitNet, config: CheckpointConfig, stride: Int = 15) {
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
        var features: [Float] = []
        for start in starts {
            features += config.normalization.features(of: frames[start..<start + frameCount], width: sequence.width, height: sequence.height)
        }
        let input = Tensor(shape: [starts.count, frameCount, FeatureNormalization.featureCount], scalars: features)
        let output = network.map { $0(input) } ?? quantizedNetwork!(input)
        let classes = GaitNetConfiguration.phaseClassCount
        var sums = Array(repeating: [Double](repeating: 0, count: classes), count: frames.count)
        var coverage = [Int](repeating: 0, count: frames.count)
        for (window, start) in starts.enumerated() {
            for t in 0..<frameCount {
                let row = (window * frameCount + t) * classes
                let logits = (0..<classes).map { Double(output.phaseLogits.scalars[row + $0]) / config.phaseTemperature }
                let maximum = logits.max()!
                let exponentials = logits.map { exp($0 - maximum) }
                let total = exponentials.reduce(0, +)
                for k in 0..<classes { sums[start + t][k] += exponentials[k] / total }
                coverage[start + t] += 1
            }
        }
        let resampledTimes = frames.map(\.time)
        let phaseProbabilities = sequence.frames.map { frame -> [Double] in
            let index = Self.nearest(resampledTimes, to: frame.time)
            return sums[index].map { $0 / Double(coverage[index]) }
        }
        let windows = Double(starts.count)
        let issueKinds = IssueKind.allCases
        var issueProbabilities: [IssueKind: Double] = [:]
        for kind in issueKinds {
            issueProbabilities[kind] = Swift.stride(from: kind.classIndex, to: output.issueLogits.count, by: issueKinds.count)
                .reduce(0) { $0 + Double(sigmoid(output.issueLogits.scalars[$1])) } / windows
        }
        let confidence = output.confidenceLogit.scalars.reduce(0) { $0 + 1 / (1 + exp(-Double($1) / config.confidenceTemperature)) } / windows
        return GaitModelPrediction(
            name: network.map { "GaitNet (\(config.epoch) epochs, \($0.parameterCount) parameters)" }
                ?? "GaitNet int8 (\(config.epoch) epochs, \(quantizedNetwork!.parameterCount) parameters)",
            phaseProbabilities: phaseProbabilities,
            formScore: output.formScore.scalars.reduce(0) { $0 + Double($1) } / windows,
            issueProbabilities: issueProbabilities, confidence: confidence)
    }

    /// Index of the time in `times` (increasing) closest to `t`.
    static func nearest(_ times: [Double], to t: Double) -> Int {
        var low = 0, high = times.count - 1
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < t { low = middle + 1 } else { high = middle }
        }
        if low > 0 && abs(times[low - 1] - t) <= abs(times[low] - t) { return low - 1 }
        return low
    }
}
