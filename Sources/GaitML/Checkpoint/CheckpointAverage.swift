import Foundation

extension Checkpoint {
    /// The element-wise mean of the float32 weights of several checkpoints of one model
    /// configuration ("weight averaging": Izmailov et al. 2018, stochastic weight averaging;
    /// Wortsman et al. 2022, model soups). It suits checkpoints that lie close together in weight
    /// space, such as successive stages of `train --start-from`; averaging independently trained
    /// models gives nonsense, because their hidden units are not in the same order.
    ///
    /// The sums run in `Double`, so the result does not depend on the order of `paths`. The
    /// returned configuration is uncalibrated (temperatures 1, no issue thresholds): the members'
    /// calibration does not carry over to their average, so callers refit it on validation data.
    public static func average(paths: [String]) throws -> (model: GaitNet, config: CheckpointConfig) {
        guard paths.count >= 2 else {
            throw GaitMLError.unusableData("averaging needs at least two checkpoints, got \(paths.count)")
        }
        let (model, first) = try load(path: paths[0])
        var sums = model.namedWeights.mapValues { $0.scalars.map(Double.init) }
        var epochs = first.epoch
        for path in paths.dropFirst() {
            let (member, config) = try load(path: path)
            guard config.model == first.model, config.normalization == first.normalization else {
                throw GaitMLError.checkpointMismatch(
                    path: path, problem: "its model or feature recipe differs from \(paths[0])'s; only checkpoints of one configuration can be averaged")
            }
            for (name, tensor) in member.namedWeights {
                sums[name]!.withUnsafeMutableBufferPointer { sum in
                    for (index, value) in tensor.scalars.enumerated() { sum[index] += Double(value) }
                }
            }
            epochs = max(epochs, config.epoch)
        }
        let scale = 1 / Double(paths.count)
        let means = Dictionary(uniqueKeysWithValues: model.namedWeights.map { name, tensor in
            (name, Tensor(shape: tensor.shape, scalars: sums[name]!.map { Float($0 * scale) }))
        })
        try model.load(means, source: paths[0])
        var config = CheckpointConfig(model: first.model, normalization: first.normalization, epoch: epochs,
                                      notes: "average of " + paths.joined(separator: ", "))
        config.averagedFrom = paths
        return (model, config)
    }
}
