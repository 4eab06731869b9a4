import Foundation
import GaitCore

/// Progress of a video's pose extraction, reported after every frame.
public struct ExtractionProgress: Sendable {
    public var framesDone: Int
    /// Frames the probe expects (packet count); 0 when unknown.
    public var framesExpected: Int
    public var elapsedSeconds: Double

    /// Frames per second so far.
    public var framesPerSecond: Double { elapsedSeconds > 0 ? Double(framesDone) / elapsedSeconds : 0 }

    /// Estimated seconds left, or `nil` when unknown.
    public var remainingSeconds: Double? {
        guard framesExpected > framesDone, framesPerSecond > 0 else { return framesExpected > 0 ? 0 : nil }
        return Double(framesExpected - framesDone) / framesPerSecond
    }
}

/// The poses of one video: the runner's `PoseSequence` (frame times are the video's own; limb
/// labels made consistent by `LimbIdentityTracker`) plus what the extraction learned on the way.
public struct VideoPoses: Sendable {
    public var info: VideoInfo
    public var sequence: PoseSequence
    public var selection: RunnerSelection
    /// Frames in which the estimator's left/right leg labels were exchanged back (see
    /// `LimbIdentityTracker`).
    public var legSwapsCorrected: Int
    /// Every person found in every frame (before the runner was chosen).
    public var allPeople: [[DetectedPose]]
}

/// Video → runner's `PoseSequence`: decoding on one thread overlaps pose estimation on another,
/// through a queue of at most `queueCapacity` frames (so memory stays bounded for any video length:
/// about `queueCapacity` + 2 frames of `width × height × 3` bytes per segment, plus 33 landmarks per
/// person per frame).
///
/// The landmarker runs its models on `options.inferenceThreads` threads (the same landmarks for any
/// count). With `segments` > 1 a long video is cut into that many consecutive time spans, each
/// decoded and estimated by its own landmarker at the same time, sharing those threads. Each span
/// is in video mode; tracking (and MediaPipe's landmark smoothing) restarts at a span's first frame
/// exactly as at the start of a video, so the landmarks of the first few frames after a cut differ
/// slightly from a single pass.
public struct VideoPoseExtractor: Sendable {
    public var models: ModelSet
    public var options: MediaPipePoseLandmarker.Options
    /// Decoded frames that may wait for the estimator, per segment.
    public var queueCapacity = 4
    /// Time spans estimated in parallel (1 = one pass over the whole video).
    public var segments = 1
    /// Videos with fewer frames per segment than this are estimated in one pass.
    public static let minimumSegmentFrames = 150

    public init(models: ModelSet, options: MediaPipePoseLandmarker.Options = .init(), segments: Int = 1) {
        self.models = models
        self.options = options
        self.segments = max(1, segments)
    }

    /// Extracts the runner's poses from the video at `path`. `progress` is called after each frame
    /// (from any thread, one call at a time).
    public func extract(path: String, progress: @escaping @Sendable (ExtractionProgress) -> Void = { _ in }) throws -> VideoPoses {
        // The landmarker loads (0.2 s: dlopen, model parsing) while ffprobe reads the file.
        var options = self.options
        options.inferenceThreads = max(1, options.inferenceThreads / segments)
        let landmarker = Background { [models, options] () throws -> MediaPipePoseLandmarker in
            try MediaPipePoseLandmarker(models: models, options: options)
        }
        // Whatever happens, the landmarker is closed before this returns or throws: until then stderr
        // may run through MediaPipeLogFilter, and the caller's message must not be written into it.
        defer { (try? landmarker.value())?.close() }
        // One pass: ffmpeg starts decoding while ffprobe runs (each spends 0.1 s starting up).
        let started = segments == 1 && FileManager.default.fileExists(atPath: path) ? try? FFmpegDecode(path: path) : nil
        let info = try VideoProbe.probe(path: path)
        let count = min(segments, max(1, info.frameCount / Self.minimumSegmentFrames))
        guard count > 1 else {
            return try extract(info: info, estimator: try landmarker.value(), started: started, progress: progress)
        }
        _ = try landmarker.value()  // a model set that cannot load fails here, before any span starts
        // Cut at packet times so that each span holds about the same number of frames.
        let cuts = (1..<count).map { info.packetTimesSeconds[$0 * info.packetTimesSeconds.count / count] }
        let bounds = zip([nil] + cuts.map(Optional.some), cuts.map(Optional.some) + [nil])
        let counter = ProgressCounter(expected: info.frameCount, report: progress)
        let results = ParallelJobs.run(count: count, jobs: count) { [models, options, queueCapacity] index in
            let (first, end) = Array(bounds)[index]
            // The first span takes the landmarker loaded above; each other span loads its own.
            let estimator = index == 0 ? try landmarker.value() : try MediaPipePoseLandmarker(models: models, options: options)
            defer { estimator.close() }
            return try Self.estimate(
                decoder: try VideoDecoder(info: info, firstFrameTimeSeconds: first, endTimeSeconds: end),
                estimator: estimator, queueCapacity: queueCapacity, progress: { counter.add() })
        }
        var people: [[DetectedPose]] = [], times: [Double] = []
        for result in results {
            let (segmentPeople, segmentTimes) = try result.get()
            people += segmentPeople
            times += segmentTimes
        }
        return try assemble(info: info, people: people, times: times)
    }

    /// Extracts poses from the probed video `info` with `estimator`, in one pass (decoded by
    /// `started` when ffmpeg was started on the file before the probe).
    public func extract(
        info: VideoInfo, estimator: PoseEstimator, started: FFmpegDecode? = nil,
        progress: (ExtractionProgress) -> Void = { _ in }
    ) throws -> VideoPoses {
        let start = Date()
        var done = 0
        let decoder = try started.map { VideoDecoder(info: info, started: $0) } ?? VideoDecoder(info: info)
        let (people, times) = try Self.estimate(
            decoder: decoder, estimator: estimator, queueCapacity: queueCapacity,
            progress: {
                done += 1
                progress(ExtractionProgress(
                    framesDone: done, framesExpected: info.frameCount, elapsedSeconds: Date().timeIntervalSince(start)))
            })
        return try assemble(info: info, people: people, times: times)
    }

    /// Decodes `decoder`'s frames on a second thread and estimates them on this one; every person
    /// found per frame, and the frame times.
    private static func estimate(
        decoder: VideoDecoder, estimator: PoseEstimator, queueCapacity: Int, progress: () -> Void
    ) throws -> ([[DetectedPose]], [Double]) {
        let queue = BoundedQueue<RGBFrame>(capacity: queueCapacity)
        let producer = Thread { Self.decode(decoder, into: queue) }
        producer.start()
        defer {
            queue.close()
            decoder.cancel()
        }
        var timestamps = VideoTimestamps()
        var people: [[DetectedPose]] = []
        var times: [Double] = []
        while let frame = try queue.pop() {
            people.append(try estimator.estimate(frame, timestampMilliseconds: timestamps.milliseconds(forFrameAt: frame.timeSeconds)))
            times.append(frame.timeSeconds)
            progress()
        }
        return (people, times)
    }

    /// The runner's sequence from every person found per frame: runner selection, limb labels,
    /// and the checks that the video can be analysed at all.
    private func assemble(info: VideoInfo, people: [[DetectedPose]], times: [Double]) throws -> VideoPoses {
        guard !people.isEmpty else { throw VideoError.noFrames(path: info.path) }
        let framesWithPeople = people.filter { !$0.isEmpty }.count
        guard framesWithPeople > 0 else { throw VideoError.noPerson(path: info.path, frameCount: people.count) }

        let aspect = Double(info.displayWidth) / Double(info.displayHeight)
        let (selected, selection) = RunnerSelector().select(people, aspect: aspect)
        let (runner, legSwaps) = LimbIdentityTracker().track(selected, times: times, aspect: aspect)
        guard selection.chosenHeightFraction >= VideoError.minimumRunnerHeightFraction else {
            throw VideoError.runnerTooSmall(path: info.path, heightFraction: selection.chosenHeightFraction)
        }
        let frames = zip(times, runner).map { time, pose in
            PoseFrame(time: time, landmarks: pose.map { $0.landmarks.map(Optional.some) })
        }
        let sequence = PoseSequence(
            nominalFPS: info.nominalFPS, width: info.displayWidth, height: info.displayHeight,
            source: "\((info.path as NSString).lastPathComponent) (MediaPipe BlazePose full, runcoach)", frames: frames)
        return VideoPoses(info: info, sequence: sequence, selection: selection, legSwapsCorrected: legSwaps, allPeople: people)
    }

    private static func decode(_ decoder: VideoDecoder, into queue: BoundedQueue<RGBFrame>) {
        do {
            while let frame = try decoder.nextFrame() {
                guard queue.push(frame) else { return }
            }
            queue.close()
        } catch {
            queue.close(error: error)
        }
    }
}

/// Frames done over parallel segments, reported as one progress.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let expected: Int
    private let start = Date()
    private let report: @Sendable (ExtractionProgress) -> Void

    init(expected: Int, report: @escaping @Sendable (ExtractionProgress) -> Void) {
        self.expected = expected
        self.report = report
    }

    func add() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        report(ExtractionProgress(framesDone: done, framesExpected: expected, elapsedSeconds: Date().timeIntervalSince(start)))
    }
}
