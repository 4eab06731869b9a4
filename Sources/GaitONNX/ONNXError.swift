import GaitCore

/// What can go wrong exporting or running an ONNX model, in words a person can act on.
public enum GaitONNXError: UserFacingError, Equatable {
    case unsupportedOpset(Int)
    /// The Python that should run ONNX Runtime is missing.
    case runtimeUnavailable(python: String)
    /// ONNX Runtime (or onnx.checker) refused the model or failed; `message` is its own.
    case runtimeFailed(String)
    case malformedArray(path: String, problem: String)

    public var isUsageError: Bool {
        switch self {
        case .unsupportedOpset, .runtimeUnavailable: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .unsupportedOpset(let opset):
            return "opset \(opset) is not supported: choose one of \(ONNXExportOptions.supportedOpsets.lowerBound)-\(ONNXExportOptions.supportedOpsets.upperBound)"
        case .runtimeUnavailable(let python):
            return "\(python) is not an executable Python with onnx and onnxruntime; run scripts/setup.d/35-onnx.sh (it creates .venv-onnx) or pass --python"
        case .runtimeFailed(let message):
            return "ONNX Runtime check failed: \(message)"
        case .malformedArray(let path, let problem):
            return "\(path): not a float32 .npy array: \(problem)"
        }
    }
}
