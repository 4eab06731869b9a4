import Foundation
import Yams

/// `pipeline.yaml`: what `runcoach pipeline` does and with which hyper-parameters (see
/// `docs/datasets.md`). Every key is optional; command-line options override the file.
public struct PipelineConfig: Codable, Equatable, Sendable {
    public struct Fetch: Codable, Equatable, Sendable {
        /// `WORKSPACE/PROJECT/VERSION` of a Roboflow dataset version.
        public var roboflow: String?
        public var format: String?
        /// API root (tests point it at a local server).
        public var apiURL: String?
    }

    public struct Split: Codable, Equatable, Sendable {
        public var seed: UInt64?
        public var train: Double?
        public var val: Double?
        public var test: Double?
        public var strata: [String]?
    }

    public struct Extract: Codable, Equatable, Sendable {
        public var jobs: Int?
        /// Augmentation names (see `ImageAugmentation`), applied to extra copies of training videos.
        public var augment: [String]?
        /// Augmented copies per training video.
        public var augmentCopies: Int?
        public var augmentSeed: UInt64?
        public var models: String?
    }

    public struct Train: Codable, Equatable, Sendable {
        public var epochs: Int?
        public var batchSize: Int?
        public var learningRate: Double?
        public var hidden: Int?
        public var layers: Int?
        public var stride: Int?
        public var patience: Int?
        public var seed: UInt64?
        public var threads: Int?
    }

    public struct Export: Codable, Equatable, Sendable {
        public var onnx: Bool?
    }

    /// Dataset folder, relative to the config file.
    public var dataset: String?
    public var fetch: Fetch?
    public var split: Split?
    public var extract: Extract?
    public var train: Train?
    public var export: Export?

    public init() {}

    /// Reads `path`, refusing unknown keys (a typo would otherwise be silently ignored).
    public static func load(path: String) throws -> PipelineConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError.fileNotFound(path: path) }
        let text = String(decoding: data, as: UTF8.self)
        let tree: Any?
        do {
            tree = try Yams.load(yaml: text)
        } catch {
            throw DataError.invalidConfig(path: path, problem: "not valid YAML (\(error))")
        }
        guard tree != nil else { return PipelineConfig() }
        guard let mapping = tree as? [String: Any] else {
            throw DataError.invalidConfig(path: path, problem: "the top level must be a mapping of sections (dataset, fetch, split, extract, train, export)")
        }
        try checkKeys(mapping, known: knownKeys, path: path, prefix: "")
        do {
            return try YAMLDecoder().decode(PipelineConfig.self, from: text)
        } catch let error as DecodingError {
            throw DataError.invalidConfig(path: path, problem: JSONProblem.describe(error))
        } catch {
            throw DataError.invalidConfig(path: path, problem: "\(error)")
        }
    }

    static let knownKeys: [String: Set<String>] = [
        "": ["dataset", "fetch", "split", "extract", "train", "export"],
        "fetch": ["roboflow", "format", "apiURL"],
        "split": ["seed", "train", "val", "test", "strata"],
        "extract": ["jobs", "augment", "augmentCopies", "augmentSeed", "models"],
        "train": ["epochs", "batchSize", "learningRate", "hidden", "layers", "stride", "patience", "seed", "threads"],
        "export": ["onnx"],
    ]

    static func checkKeys(_ mapping: [String: Any], known: [String: Set<String>], path: String, prefix: String) throws {
        let allowed = known[prefix] ?? []
        for (key, value) in mapping {
            guard allowed.contains(key) else {
                let section = prefix.isEmpty ? "the top level" : "section \(prefix)"
                throw DataError.invalidConfig(path: path, problem: "unknown key \"\(key)\" in \(section); known: \(allowed.sorted().joined(separator: ", "))")
            }
            if prefix.isEmpty, let nested = value as? [String: Any] {
                try checkKeys(nested, known: known, path: path, prefix: key)
            }
        }
    }

    /// The commented config `dataset init` writes.
    public static let template = """
        # runcoach pipeline config (docs/datasets.md). Every key is optional; command-line
        # options override these values. Run: runcoach pipeline --config pipeline.yaml
        dataset: .
        # fetch:                       # download a Roboflow export first (needs ROBOFLOW_API_KEY)
        #   roboflow: my-workspace/my-project/1
        #   format: coco
        split:
          seed: 7
          train: 0.7
          val: 0.2
          test: 0.1
          strata: [pace, cameraAngle, environment]
        extract:
          jobs: 2
          augment: []                  # e.g. [flip, brightness, contrast, blur, hueSaturation, gamma]
          augmentCopies: 0             # augmented copies of each training video
          augmentSeed: 1
        train:
          epochs: 30
          batchSize: 8
          learningRate: 0.001
          hidden: 256
          layers: 3
          stride: 10
          patience: 6
          seed: 1
          threads: 2
        export:
          onnx: true

        """
}
