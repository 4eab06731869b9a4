import Foundation

/// Where a dataset keeps its files, all under one folder (see `docs/datasets.md`):
///
/// ```
/// DATASET/
///   dataset.json        manifest (runcoach-dataset v1)
///   pipeline.yaml       pipeline config (written by `dataset init`)
///   videos/             video files copied in by `dataset add` (or referenced where they are)
///   annotations/        exports from CVAT / Label Studio, and pre-labels for them
///   labels/             one runcoach-labels file per annotated video (ID.labels.json)
///   poses/              one runcoach-pose file per video (ID.pose.json), written by extraction
///   cache/poses/        content-addressed pose cache (SHA-256 of video + settings)
///   reports/            validation report (JSON + HTML)
///   build/              training folders per split, checkpoints, evaluation
/// ```
public struct DatasetLayout: Sendable, Equatable {
    public static let manifestFileName = "dataset.json"

    /// The dataset folder (without a trailing slash).
    public let root: String

    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public var manifestPath: String { path("dataset.json") }
    public var pipelineConfigPath: String { path("pipeline.yaml") }
    public var videosFolder: String { path("videos") }
    public var annotationsFolder: String { path("annotations") }
    public var labelsFolder: String { path("labels") }
    public var posesFolder: String { path("poses") }
    public var poseCacheFolder: String { path("cache/poses") }
    public var reportsFolder: String { path("reports") }
    public var buildFolder: String { path("build") }

    /// `relative` resolved against the dataset folder (absolute paths unchanged).
    public func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : root + "/" + relative
    }

    /// The pose file of video `id` (written by extraction).
    public func posePath(id: String) -> String { path("poses/\(id).pose.json") }

    /// The label file of video `id`.
    public func labelPath(id: String) -> String { path("labels/\(id).labels.json") }

    /// `absolute` expressed relative to the dataset folder when it lies inside or near it
    /// (`../` steps allowed), so the dataset can be moved with what it references.
    public func relativePath(to absolute: String) -> String {
        RelativePath.from(directory: URL(fileURLWithPath: root).standardizedFileURL.path,
                          to: URL(fileURLWithPath: absolute).standardizedFileURL.path)
    }
}

/// Relative paths between absolute paths.
enum RelativePath {
    /// The path of `target` seen from `directory` (both absolute, standardised).
    static func from(directory: String, to target: String) -> String {
        let base = directory.split(separator: "/").map(String.init)
        let goal = target.split(separator: "/").map(String.init)
        var common = 0
        while common < base.count, common < goal.count, base[common] == goal[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        let parts = ups + goal[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
