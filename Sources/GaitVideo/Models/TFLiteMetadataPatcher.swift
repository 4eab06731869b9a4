/// Adds TFLite metadata (the `TFLITE_METADATA` flatbuffer) describing an image input's
/// normalisation to a `.tflite` model, without re-serialising the model.
///
/// MediaPipe's Tasks graph refuses a float32 image input that has no `NormalizationOptions`
/// metadata. The legacy BlazePose landmark model has none, so this writes a new root `Model` table
/// *in front of* the untouched original bytes: FlatBuffer offsets are relative and point forward,
/// so the new root can reuse every original object. The new `buffers` and `metadata` vectors list
/// the original entries plus one new buffer holding the metadata flatbuffer (schema
/// `metadata_schema.fbs`, identifier `M001`). The front part is padded to 16 bytes so the original
/// tensors keep their alignment.
public enum TFLiteMetadataPatcher {
    /// How raw image values map to the model's input: `(value - mean) / std`, and the range that
    /// results.
    public struct ImageNormalization: Sendable, Equatable {
        public var mean: Float
        public var std: Float
        public var normalizedMin: Float
        public var normalizedMax: Float

        public init(mean: Float, std: Float, normalizedMin: Float, normalizedMax: Float) {
            self.mean = mean
            self.std = std
            self.normalizedMin = normalizedMin
            self.normalizedMax = normalizedMax
        }
    }

    /// The metadata name MediaPipe looks for.
    static let metadataName = "TFLITE_METADATA"

    // Field ids from tflite `schema.fbs` (Model, Buffer, Metadata, SubGraph).
    private enum ModelField {
        static let version = 0, operatorCodes = 1, subgraphs = 2, description = 3, buffers = 4
        static let metadataBuffer = 5, metadata = 6, signatureDefs = 7
    }

    /// Returns `model` with metadata for one RGB image input normalised by `normalization` and one
    /// plain feature entry per output of the first subgraph. `name` is used in error messages.
    public static func addingImageMetadata(
        to model: [UInt8], name: String, modelName: String, normalization: ImageNormalization
    ) throws -> [UInt8] {
        let reader = FlatBufferReader(bytes: model, name: name)
        guard model.count >= 8, try reader.fileIdentifier() == "TFL3" else {
            throw VideoError.malformedModel(name: name, problem: "missing the TFL3 file identifier")
        }
        let root = try reader.rootTable()

        let metadataEntries = try reader.referencedObject(table: root, id: ModelField.metadata)
            .map { try reader.tableVector($0) } ?? []
        for entry in metadataEntries {
            if let namePosition = try reader.referencedObject(table: entry, id: 0),
                try reader.string(at: namePosition) == metadataName
            {
                throw VideoError.malformedModel(name: name, problem: "it already carries \(metadataName)")
            }
        }
        guard let buffersVector = try reader.referencedObject(table: root, id: ModelField.buffers) else {
            throw VideoError.malformedModel(name: name, problem: "no buffers")
        }
        let buffers = try reader.tableVector(buffersVector)
        for buffer in buffers where try reader.uint64Field(table: buffer, id: 1) != 0 {
            throw VideoError.malformedModel(
                name: name, problem: "tensor data stored outside the flatbuffer (models over 2 GB) is not supported")
        }
        guard let subgraphsVector = try reader.referencedObject(table: root, id: ModelField.subgraphs),
            let firstSubgraph = try reader.tableVector(subgraphsVector).first,
            let outputsVector = try reader.referencedObject(table: firstSubgraph, id: 2)
        else {
            throw VideoError.malformedModel(name: name, problem: "no subgraph outputs")
        }
        let outputCount = try reader.vectorCount(outputsVector)

        let metadata = FlatBufferForwardWriter.serialize(
            root: modelMetadata(modelName: modelName, normalization: normalization, outputCount: outputCount),
            identifier: "M001")

        var rootFields: [Int: FlatField] = [
            ModelField.version: .uint32(try reader.uint32Field(table: root, id: ModelField.version))
        ]
        for id in [ModelField.operatorCodes, ModelField.subgraphs, ModelField.description,
                   ModelField.metadataBuffer, ModelField.signatureDefs] {
            if let position = try reader.referencedObject(table: root, id: id) {
                rootFields[id] = .offset(.appended(position: position))
            }
        }
        let newBuffer = FlatObject.table([0: .offset(.bytes(metadata, alignment: 16))])
        rootFields[ModelField.buffers] = .offset(.objectVector(buffers.map { .appended(position: $0) } + [newBuffer]))
        let newEntry = FlatObject.table([0: .offset(.string(metadataName)), 1: .uint32(UInt32(buffers.count))])
        rootFields[ModelField.metadata] = .offset(
            .objectVector(metadataEntries.map { .appended(position: $0) } + [newEntry]))

        let front = FlatBufferForwardWriter.serialize(root: .table(rootFields), identifier: "TFL3", padTo: 16)
        return front + model
    }

    /// The `ModelMetadata` table: one subgraph, one RGB image input with normalisation and stats,
    /// `outputCount` outputs described as plain features.
    private static func modelMetadata(
        modelName: String, normalization: ImageNormalization, outputCount: Int
    ) -> FlatObject {
        // Union type codes from metadata_schema.fbs.
        let featurePropertiesType: UInt8 = 1, imagePropertiesType: UInt8 = 2, normalizationOptionsType: UInt8 = 1
        let rgbColorSpace: UInt8 = 1
        let imageInput = FlatObject.table([
            0: .offset(.string("image")),
            3: .offset(.table([  // content
                0: .uint8(imagePropertiesType),
                1: .offset(.table([0: .uint8(rgbColorSpace)])),
            ])),
            4: .offset(.objectVector([  // process_units
                .table([
                    0: .uint8(normalizationOptionsType),
                    1: .offset(.table([
                        0: .offset(.floats([normalization.mean])),
                        1: .offset(.floats([normalization.std])),
                    ])),
                ])
            ])),
            5: .offset(.table([  // stats
                0: .offset(.floats([normalization.normalizedMax])),
                1: .offset(.floats([normalization.normalizedMin])),
            ])),
        ])
        let featureOutput = FlatObject.table([
            3: .offset(.table([0: .uint8(featurePropertiesType), 1: .offset(.table([:]))]))
        ])
        let subgraph = FlatObject.table([
            2: .offset(.objectVector([imageInput])),
            3: .offset(.objectVector(Array(repeating: featureOutput, count: outputCount))),
        ])
        return .table([
            0: .offset(.string(modelName)),
            3: .offset(.objectVector([subgraph])),
            7: .offset(.string("1.0.0")),
        ])
    }
}
