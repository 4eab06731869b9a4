/// What an annotation importer found for one video.
public struct AnnotationImport: Sendable {
    public var annotation: VideoAnnotation
    /// The task the labels came from (CVAT task id, Label Studio task id).
    public var task: String?
    /// The video the tool says it annotated (its file name), when the export records it.
    public var videoName: String?
    /// Suspicious things that did not stop the import (skipped phases, ignored tracks...).
    public var warnings: [String]
}
