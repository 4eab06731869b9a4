import Foundation
import GaitCore
import GaitML
import SwiftProtobuf

/// Writes a GaitNet as an ONNX model (protobuf, via swift-protobuf's generated `onnx.proto` types).
///
/// The graph takes `pose_sequence` `[batch, T, 132]` (normalised features, dynamic batch) and gives
/// `phase_logits` `[batch, T, 4]`, `form_score` `[batch]` (points), `issue_logits` `[batch, 3]` and
/// `confidence` `[batch]` (probability). `docs/onnx.md` documents the graph, the metadata and the
/// int8 scheme.
public enum ONNXExporter {
    /// ONNX Runtime's operator domain (its `DynamicQuantizeLSTM`, used by int8 models).
    static let microsoftDomain = "com.microsoft"

    /// The serialized model.
    public static func export(model: GaitNet, config: CheckpointConfig, options: ONNXExportOptions = ONNXExportOptions()) throws -> Data {
        guard ONNXExportOptions.supportedOpsets.contains(options.opset) else {
            throw GaitONNXError.unsupportedOpset(options.opset)
        }
        var graphBuilder = GaitNetGraph(model: model, config: config, options: options)
        var proto = Onnx_ModelProto()
        proto.irVersion = Int64(options.irVersion)
        var standard = Onnx_OperatorSetIdProto()
        standard.domain = ""
        standard.version = Int64(options.opset)
        proto.opsetImport = [standard]
        if options.precision == .int8 {
            var microsoft = Onnx_OperatorSetIdProto()
            microsoft.domain = microsoftDomain
            microsoft.version = 1
            proto.opsetImport.append(microsoft)
        }
        proto.producerName = "runcoach"
        proto.producerVersion = options.producerVersion
        proto.docString = "GaitNet gait model (Endurance Run Coach): BiLSTM + self-attention over \(model.configuration.frameCount)-frame "
            + "BlazePose windows; per-frame phase logits, form score, issue logits, confidence. See metadata_props."
        proto.graph = graphBuilder.build()
        proto.metadataProps = ModelMetadata(model: model, config: config, options: options).entries.map { key, value in
            var entry = Onnx_StringStringEntryProto()
            entry.key = key
            entry.value = value
            return entry
        }
        return try proto.serializedBytes()
    }

    /// Exports to the file `path`, written whole or not at all.
    public static func write(model: GaitNet, config: CheckpointConfig, options: ONNXExportOptions = ONNXExportOptions(), to path: String) throws {
        try AtomicFile.write(export(model: model, config: config, options: options), to: path)
    }
}
