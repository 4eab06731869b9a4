import Foundation
import GaitVideo

/// Measures videos with ffprobe (through `GaitVideo.VideoProbe`).
public enum VideoFactsProbe {
    /// Frame rate, display size, duration and frame count of the video at `path`.
    public static func facts(path: String) throws -> VideoFacts {
        let info = try VideoProbe.probe(path: path)
        return VideoFacts(fps: info.nominalFPS, width: info.displayWidth, height: info.displayHeight,
                          durationSeconds: info.durationSeconds, frameCount: info.frameCount)
    }

    /// The time of every frame (the video's packet presentation times, in order), seconds.
    public static func clock(path: String) throws -> FrameClock {
        FrameClock(times: try VideoProbe.probe(path: path).packetTimesSeconds)
    }
}
