import Foundation
import GaitML

extension GaitNetOutput {
    /// The outputs of an exported GaitNet run in ONNX Runtime, as `GaitNetOutput`. The graph's
    /// `confidence` is σ(logit / T); the logit is recovered as T · log(p / (1 − p)).
    public init(onnxOutputs outputs: [String: Tensor], confidenceTemperature: Double) throws {
        func output(_ name: String) throws -> Tensor {
            guard let tensor = outputs[name] else { throw GaitONNXError.runtimeFailed("the model has no output \(name)") }
            return tensor
        }
        let confidence = try output("confidence")
        let temperature = Float(confidenceTemperature)
        self.init(phaseLogits: try output("phase_logits"), formScore: try output("form_score"), issueLogits: try output("issue_logits"),
                  confidenceLogit: Tensor(shape: confidence.shape, scalars: confidence.scalars.map { p in
                      let clamped = min(max(p, Float.leastNormalMagnitude), 1 - Float.ulpOfOne)
                      return temperature * log(clamped / (1 - clamped))
                  }))
    }
}
