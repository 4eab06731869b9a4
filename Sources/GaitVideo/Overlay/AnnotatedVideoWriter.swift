import Foundation
import GaitCore

/// Writes the video with the analysis drawn in (see `GaitOverlay`): the source is decoded again
/// (one frame in memory at a time), each frame drawn on in Swift, and the frames encoded by ffmpeg
/// (H.264, yuv420p, MP4) into a temporary file that is renamed into place when complete.
///
/// Frames are written at the video's median frame rate; for a variable-frame-rate source the
/// output plays each frame for the median interval (the report keeps the true times).
public struct AnnotatedVideoWriter {
    public let poses: VideoPoses
    public let report: GaitReport

    public init(poses: VideoPoses, report: GaitReport) {
        self.poses = poses
        self.report = report
    }

    /// Writes the annotated video to `path` (an .mp4).
    public func write(to path: String) throws {
        let info = poses.info
        let overlay = GaitOverlay(sequence: poses.sequence, report: report)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).mp4"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let rate = info.medianFrameIntervalSeconds > 0 ? 1 / info.medianFrameIntervalSeconds : info.nominalFPS
        let encoder = try ChildProcess(
            executable: try ExternalTool.locate("ffmpeg"),
            arguments: [
                "-nostdin", "-hide_banner", "-v", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(info.displayWidth)x\(info.displayHeight)",
                "-r", String(format: "%.6f", rate), "-i", "-",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-movflags", "+faststart", "-f", "mp4", temporary,
            ],
            inputPipe: true)
        let encoderLog = Background(reading: encoder.standardError)
        _ = Background(reading: encoder.standardOutput)

        let decoder = try VideoDecoder(info: info)
        var index = 0
        var writeFailed = false
        while let frame = try decoder.nextFrame() {
            let pixels = overlay.draw(frame, index: index)
            if !pixels.withUnsafeBytes({ encoder.writeInput($0) }) {
                writeFailed = true
                decoder.cancel()
                break
            }
            index += 1
        }
        encoder.closeInput()
        let status = encoder.wait()
        let log = String(decoding: encoderLog.value(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0, !writeFailed else {
            throw VideoError.writeFailed(path: path, reason: "ffmpeg could not encode the video" + (log.isEmpty ? "" : ": \(log)"))
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw VideoError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
