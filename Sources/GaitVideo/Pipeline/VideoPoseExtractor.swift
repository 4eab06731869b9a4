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

/// Video → runner's `PoseSequence`: decoding on one thread overlaps pose estimation on the caller's
/// thread, through a queue of at most `queueCapacity` frames (so memory stays bounded for any
/// video length: about `queueCapacity` + 2 frames of `width × height × 3` bytes, plus 33 landmarks
/// per person per frame).
public struct VideoPoseExtractor: Sendable {
    public var models: ModelSet
    public var options: MediaPipePoseLandmarker.Options
    /// Decoded frames that may wait for the estimator.
    public var queueCapacity = 4

    public init(models: ModelSet, options: MediaPipePoseLandmarker.Options = .init()) {
        self.models = models
        self.options = options
    }

    /// Extracts the runner's poses from the video at `path`. `progress` is called after each frame.
    public func extract(path: String, progress: (ExtractionProgress) -> Void = { _ in }) throws -> VideoPoses {
        let info = try VideoProbe.probe(path: path)
        let estimator = try MediaPipePoseLandmarker(models: models, options: options)
        return try extract(info: info, estimator: estimator, progress: progress)
    }

    /// Extracts poses from the probed video `info` with `estimator`.
    public func extract(
        info: VideoInfo, estimator: PoseEstimator, progress: (ExtractionProgress) -> Void = { _ in }
    ) throws -> VideoPoses {
        let decoder = try VideoDecoder(info: info)
        let queue = BoundedQueue<RGBFrame>(capacity: queueCapacity)
        let producer = Thread { Self.decode(decoder, into: queue) }
        producer.start()
        defer {
            queue.close()
            decoder.cancel()
        }

        let start = Date()
        var timestamps = VideoTimestamps()
        var people: [[DetectedPose]] = []
        var times: [Double] = []
        while let frame = try queue.pop() {
            let poses = try estimator.estimate(frame, timestampMilliseconds: timestamps.milliseconds(forFrameAt: frame.timeSeconds))
            people.append(poses)
            times.append(frame.timeSeconds)
            progress(ExtractionProgress(
                framesDone: people.count, framesExpected: info.frameCount, elapsedSeconds: Date().timeIntervalSince(start)))
        }
        guard !people.isEmpty else { throw VideoError.noFrames(path: info.path) }
        let framesWithPeople = people.filter { !$0.isEmpty }.count
        guard framesWithPeople > 0 else { throw VideoError.noPerson(path: info.path, frameCount: people.count) }

        let aspect = Double(info.displayWidth) / Double(info.displayHeight)
        let (selected, selection) = RunnerSelector().select(people, aspect: aspect)
        let (runner, legSwaps) = LimbIdentityTracker().track(selected, aspect: aspect)
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
