import Foundation
import GaitCore
import GaitVideo

/// The video side of `runcoach analyze`: recognises video inputs and turns them into pose
/// sequences (with a progress line), then enriches the report with what the video said.
enum VideoAnalysis {
    /// File extensions read as videos (anything else is a pose file).
    static let videoExtensions: Set<String> = ["mp4", "mov", "m4v", "avi", "mkv", "webm", "mts", "m2ts", "3gp", "mpg", "mpeg"]

    /// True when `path` names a video rather than a pose file: by extension, or by content for a
    /// file without a known extension.
    static func isVideo(_ path: String) -> Bool {
        let pathExtension = (path as NSString).pathExtension.lowercased()
        if videoExtensions.contains(pathExtension) { return true }
        return pathExtension.isEmpty && VideoProbe.looksLikeVideoContainer(path)
    }

    /// Extracts the runner's poses from `path`, reporting progress under `name`.
    static func extract(_ path: String, options: VideoOptions, progress: ProgressLine) throws -> VideoPoses {
        let extractor = try options.extractor()
        let name = (path as NSString).lastPathComponent
        return try extractor.extract(path: path) { progress.update(name, $0) }
    }
}
