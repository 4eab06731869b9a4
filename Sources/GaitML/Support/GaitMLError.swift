import GaitCore

/// Everything that can go wrong in GaitML, in words a person can act on.
public enum GaitMLError: UserFacingError, Equatable {
    case unreadableFile(path: String)
    case malformedCheckpoint(path: String, problem: String)
    /// The weights do not fit the model (missing, unexpected or wrongly shaped tensors).
    case checkpointMismatch(path: String, problem: String)
    case writeFailed(path: String)
    /// The training or evaluation data cannot be used.
    case unusableData(String)
    /// The loss became NaN or infinite in epoch `epoch` (1-based): in training batch `batch` of
    /// `batches`, or in validation when `batch` is nil.
    case trainingDiverged(epoch: Int, batch: Int?, batches: Int, learningRate: Double)

    public var isUsageError: Bool {
        if case .unreadableFile = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unreadableFile(let path):
            return "\(path): cannot read the file (does it exist?)"
        case .malformedCheckpoint(let path, let problem):
            return "\(path): not a valid safetensors checkpoint: \(problem)"
        case .writeFailed(let path):
            return "\(path): cannot write the file (is the folder writable and the disk not full?)"
        case .unusableData(let problem):
            return problem
        case .trainingDiverged(let epoch, let batch, let batches, let learningRate):
            let place = batch.map { "training batch \($0) of \(batches)" } ?? "validation"
            return "training diverged in epoch \(epoch): the loss became NaN or infinite in \(place) "
                + "(learning rate \(String(format: "%.2e", learningRate))). The checkpoints of earlier epochs are kept; "
                + "train again with a lower --lr, or check the training data"
        case .checkpointMismatch(let path, let problem):
            return "\(path): the weights do not fit this model: \(problem); check that config.json belongs to these weights"
        }
    }
}
