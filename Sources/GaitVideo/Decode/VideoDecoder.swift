import Foundation

/// Decodes a video into packed RGB frames through an `ffmpeg` raw-video pipe, with each frame's
/// own presentation time.
///
/// ffmpeg applies the container's rotation (so portrait phone videos come out upright), passes
/// every decoded frame through exactly once (`-fps_mode passthrough`: no frame is duplicated or
/// dropped to force a constant rate), and reports each frame's timestamp on stderr through the
/// `showinfo` filter, which a background thread reads. Memory stays at one frame in flight plus the
/// pipe buffer, whatever the video's length.
///
/// `nextFrame()` must be called from one thread at a time; `cancel()` may be called from any
/// thread (it only signals ffmpeg), hence the unchecked `Sendable`.
public final class VideoDecoder: @unchecked Sendable {
    public let info: VideoInfo
    /// Bytes per decoded frame: display width × display height × 3.
    public let frameByteCount: Int
    private let decode: FFmpegDecode
    private var process: ChildProcess { decode.process }
    private var log: FrameLogReader { decode.log }
    private var nextIndex = 0
    private var deliveredCount = 0
    private var finished = false

    /// First frame time delivered (seconds on the container's clock); earlier frames are dropped.
    public let firstFrameTimeSeconds: Double?
    /// Frames at or after this time are not delivered (the decoder stops there).
    public let endTimeSeconds: Double?

    /// Starts decoding the probed video `info`, optionally only the frames from
    /// `firstFrameTimeSeconds` (inclusive) to `endTimeSeconds` (exclusive), on the container's clock.
    /// Times are the container's own (`-copyts`), as ffprobe reports them.
    public convenience init(info: VideoInfo, firstFrameTimeSeconds: Double? = nil, endTimeSeconds: Double? = nil) throws {
        // Seek a second early (ffmpeg's -ss counts from the stream start; frames before the
        // requested one are decoded and dropped here, so the cut is exact whatever the rounding).
        let seek = firstFrameTimeSeconds.map { max(0, $0 - info.startTimeSeconds - 1) } ?? 0
        try self.init(
            info: info, started: FFmpegDecode(path: info.path, seekSeconds: seek),
            firstFrameTimeSeconds: firstFrameTimeSeconds, endTimeSeconds: endTimeSeconds)
    }

    /// Decodes the whole probed video `info` with the ffmpeg run `started` for its file before the
    /// probe was in.
    public convenience init(info: VideoInfo, started: FFmpegDecode) {
        self.init(info: info, started: started, firstFrameTimeSeconds: nil, endTimeSeconds: nil)
    }

    private init(info: VideoInfo, started: FFmpegDecode, firstFrameTimeSeconds: Double?, endTimeSeconds: Double?) {
        self.info = info
        self.firstFrameTimeSeconds = firstFrameTimeSeconds
        self.endTimeSeconds = endTimeSeconds
        frameByteCount = info.displayWidth * info.displayHeight * 3
        decode = started
    }

    /// The next frame, or `nil` after the last one. Throws `VideoError.corruptVideo` when ffmpeg
    /// fails or the video ends before all its packets decoded.
    public func nextFrame() throws -> RGBFrame? {
        while true {
            guard let frame = try nextDecodedFrame() else { return nil }
            if let first = firstFrameTimeSeconds, frame.timeSeconds < first - 1e-9 { continue }
            if let end = endTimeSeconds, frame.timeSeconds >= end - 1e-9 {
                finished = true
                cancel()
                return nil
            }
            var delivered = frame
            delivered.index = deliveredCount
            deliveredCount += 1
            return delivered
        }
    }

    private func nextDecodedFrame() throws -> RGBFrame? {
        guard !finished else { return nil }
        // Filled straight from the pipe (no zeroing first: 2.7 MB per 720p frame); only the bytes
        // read count as initialised, and a short frame is dropped below.
        var received = 0
        let descriptor = process.standardOutput
        let pixels = [UInt8](unsafeUninitializedCapacity: frameByteCount) { buffer, initialized in
            received = Self.readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = received
        }
        if received < frameByteCount {
            finished = true
            try finish(partialFrameBytes: received)
            return nil
        }
        guard let time = log.timestamp(ofFrame: nextIndex) else {
            finished = true
            throw VideoError.corruptVideo(path: info.path, detail: "ffmpeg gave no timestamp for frame \(nextIndex)")
        }
        defer { nextIndex += 1 }
        return RGBFrame(
            index: nextIndex, timeSeconds: time, width: info.displayWidth, height: info.displayHeight, pixels: pixels)
    }

    /// Stops decoding early (the rest of the video is not needed).
    public func cancel() {
        process.terminate()
    }

    private func finish(partialFrameBytes: Int) throws {
        let status = process.wait()
        let diagnostics = log.diagnostics()
        if status != 0 {
            throw VideoError.corruptVideo(path: info.path, detail: diagnostics.last ?? "ffmpeg exited with status \(status)")
        }
        if partialFrameBytes > 0 {
            throw VideoError.corruptVideo(path: info.path, detail: "the last frame is incomplete")
        }
        if nextIndex == 0 { throw VideoError.noFrames(path: info.path) }
        // A truncated file decodes what it holds, then ffmpeg reports the damage but exits 0.
        if let damage = diagnostics.first(where: Self.isDamageReport) {
            throw VideoError.corruptVideo(path: info.path, detail: damage)
        }
    }

    /// True for the ffmpeg messages that mean the file is truncated or its data damaged.
    static func isDamageReport(_ line: String) -> Bool {
        ["partial file", "Invalid NAL unit", "error while decoding", "corrupt", "Invalid data found",
         "moov atom not found", "Packet corrupt", "missing picture"].contains { line.contains($0) }
    }

    /// Reads until `buffer` is full or the pipe ends; returns the bytes read.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var total = 0
        while total < buffer.count {
            let count = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if count > 0 {
                total += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return total
    }
}

/// One ffmpeg run decoding a video file to raw RGB on its standard output, with the frame log on
/// its standard error being read. It may start before the video is probed: ffmpeg's own start-up
/// (about 0.1 s) then overlaps ffprobe's, and its first frames wait in the pipe. Ended (terminated
/// and reaped) when the last reference goes.
public final class FFmpegDecode: @unchecked Sendable {
    let process: ChildProcess
    let log: FrameLogReader

    /// Starts decoding `path` from `seekSeconds` after the stream start.
    public init(path: String, seekSeconds: Double = 0) throws {
        let seekArguments = seekSeconds > 0 ? ["-ss", String(format: "%.6f", seekSeconds)] : []
        process = try ChildProcess(executable: try ExternalTool.locate("ffmpeg"), arguments: [
            "-nostdin", "-hide_banner", "-nostats", "-v", "info", "-copyts"] + seekArguments + ["-i", path,
            "-map", "0:v:0", "-an", "-sn", "-dn",
            "-vf", "showinfo=checksum=0", "-fps_mode", "passthrough",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
        ])
        log = FrameLogReader(process.standardError)
    }

    deinit {
        process.terminate()
        process.wait()
    }
}
