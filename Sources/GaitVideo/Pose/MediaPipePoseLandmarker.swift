import Foundation
import GaitCore

/// BlazePose through MediaPipe's PoseLandmarker task in video mode (tracking between frames),
/// on the CPU.
///
/// The runtime is loaded from the model set with `dlopen`; creating a landmarker takes ~0.1 s.
/// Not thread-safe: one landmarker serves one video, one frame at a time.
public final class MediaPipePoseLandmarker: PoseEstimator {
    /// The landmarker's settings (MediaPipe's defaults).
    public struct Options: Sendable, Equatable {
        /// How many people MediaPipe may report per frame. With 1, MediaPipe tracks the most
        /// confident person and re-detects only when it loses them; with more, the detector runs on
        /// every frame in which fewer people are tracked (≈ 30% slower at 720p), and the runner is
        /// chosen among everyone found.
        public var maxPoses: Int = 1
        public var minPoseDetectionConfidence: Float = 0.5
        public var minPosePresenceConfidence: Float = 0.5
        public var minTrackingConfidence: Float = 0.5
        /// Threads the models run on (MediaPipe's C API alone would use 1; see
        /// `MediaPipeInferenceThreads`). The landmarks are the same for any count.
        public var inferenceThreads: Int

        /// `inferenceThreads` defaults to this machine's cores shared among `landmarkersAtOnce`
        /// landmarkers running at the same time (1 to 4 each).
        public init(maxPoses: Int = 1, inferenceThreads: Int? = nil, landmarkersAtOnce: Int = 1) {
            self.maxPoses = maxPoses
            self.inferenceThreads = inferenceThreads
                ?? MediaPipeInferenceThreads.recommended(landmarkersAtOnce: landmarkersAtOnce)
        }
    }

    public let options: Options
    /// Threads this landmarker's models actually run on: `options.inferenceThreads`, or 1 where
    /// the library's thread count cannot be set.
    public private(set) var inferenceThreads = 1
    private let runtime: MediaPipeRuntime
    private var landmarker: UnsafeMutableRawPointer?
    private let result = UnsafeMutableRawPointer.allocate(
        byteCount: MediaPipeRuntime.Layout.resultSize, alignment: 8)
    private var lastTimestampMilliseconds = Int64.min
    /// MediaPipe logs one-time hints until the first person is tracked; the log filter is held
    /// from creation until then.
    private var filteringFirstFrames = false
    private var framesWithPeopleWhileFiltering = 0

    /// Creates a landmarker from the verified model set `models`.
    public init(models: ModelSet, options: Options = Options()) throws {
        self.options = options
        runtime = try MediaPipeRuntime.shared(path: models.runtimeLibraryPath)
        result.initializeMemory(as: UInt8.self, repeating: 0, count: MediaPipeRuntime.Layout.resultSize)
        let optionsBytes = UnsafeMutableRawPointer.allocate(
            byteCount: MediaPipeRuntime.Layout.poseLandmarkerOptionsSize, alignment: 8)
        defer { optionsBytes.deallocate() }
        optionsBytes.initializeMemory(
            as: UInt8.self, repeating: 0, count: MediaPipeRuntime.Layout.poseLandmarkerOptionsSize)
        var handle: UnsafeMutableRawPointer?
        var message: UnsafeMutablePointer<CChar>?
        let status = models.bundlePath.withCString { path -> Int32 in
            // MpBaseOptions (80 bytes): buffer ptr @0, buffer count u32 @8, path @16, fd @24,
            // delegate @28, host environment @32, host system @36, five C strings @40..@72.
            optionsBytes.storeBytes(of: UnsafeRawPointer(path), toByteOffset: 16, as: UnsafeRawPointer.self)
            optionsBytes.storeBytes(of: -1, toByteOffset: 24, as: Int32.self)  // no file descriptor
            optionsBytes.storeBytes(of: 1, toByteOffset: 28, as: Int32.self)  // delegate: CPU
            // MpPoseLandmarkerOptions (112 bytes): base options, running mode @80 (2 = video),
            // num poses @84, three confidences @88/@92/@96, segmentation masks @100, callback @104.
            optionsBytes.storeBytes(of: 2, toByteOffset: 80, as: Int32.self)
            optionsBytes.storeBytes(of: Int32(options.maxPoses), toByteOffset: 84, as: Int32.self)
            optionsBytes.storeBytes(of: options.minPoseDetectionConfidence, toByteOffset: 88, as: Float.self)
            optionsBytes.storeBytes(of: options.minPosePresenceConfidence, toByteOffset: 92, as: Float.self)
            optionsBytes.storeBytes(of: options.minTrackingConfidence, toByteOffset: 96, as: Float.self)
            runtime.creationLock.lock()
            defer { runtime.creationLock.unlock() }
            inferenceThreads = MediaPipeInferenceThreads.set(options.inferenceThreads, in: runtime)
            return MediaPipeLogFilter.filtering { runtime.create(optionsBytes, &handle, &message) }
        }
        guard status == 0, let handle else {
            result.deallocate()
            throw VideoError.poseEstimationFailed(
                reason: "cannot create the pose landmarker from \(models.bundlePath): "
                    + runtime.takeMessage(message, status: status))
        }
        landmarker = handle
        MediaPipeLogFilter.acquire()
        filteringFirstFrames = true
    }

    deinit {
        close()
        result.deallocate()
    }

    /// Closes the landmarker and stops filtering MediaPipe's log, at once rather than whenever the
    /// last reference goes (which a thread may delay): a message written to stderr after `close()`
    /// reaches the terminal. Later `estimate` calls throw; calling `close()` again does nothing.
    public func close() {
        if let landmarker {
            var message: UnsafeMutablePointer<CChar>?
            let status = MediaPipeLogFilter.filtering { runtime.close(landmarker, &message) }
            if status != 0, let message { runtime.errorFree(message) }
            self.landmarker = nil
        }
        if filteringFirstFrames {
            MediaPipeLogFilter.release()
            filteringFirstFrames = false
        }
    }

    public func estimate(_ frame: RGBFrame, timestampMilliseconds: Int64) throws -> [DetectedPose] {
        guard let landmarker else { throw VideoError.poseEstimationFailed(reason: "the landmarker is closed") }
        guard timestampMilliseconds > lastTimestampMilliseconds else {
            throw VideoError.poseEstimationFailed(
                reason: "frame timestamps must increase (\(timestampMilliseconds) ms after \(lastTimestampMilliseconds) ms)")
        }
        lastTimestampMilliseconds = timestampMilliseconds
        var image: UnsafeMutableRawPointer?
        var message: UnsafeMutablePointer<CChar>?
        let created = frame.pixels.withUnsafeBufferPointer { pixels in
            runtime.imageCreate(
                MediaPipeRuntime.imageFormatSRGB, Int32(frame.width), Int32(frame.height), pixels.baseAddress!,
                Int32(pixels.count), &image, &message)
        }
        guard created == 0, let image else {
            throw VideoError.poseEstimationFailed(
                reason: "frame \(frame.index): " + runtime.takeMessage(message, status: created))
        }
        defer { runtime.imageFree(image) }
        let status = runtime.detectForVideo(landmarker, image, nil, timestampMilliseconds, result, &message)
        guard status == 0 else {
            throw VideoError.poseEstimationFailed(
                reason: "frame \(frame.index): " + runtime.takeMessage(message, status: status))
        }
        defer { runtime.closeResult(result) }
        let poses = readPoses()
        if filteringFirstFrames && !poses.isEmpty {
            framesWithPeopleWhileFiltering += 1
            // The landmark projection warns on the first tracked frame; one more frame to be safe.
            if framesWithPeopleWhileFiltering >= 2 {
                MediaPipeLogFilter.release()
                filteringFirstFrames = false
            }
        }
        return poses
    }

    /// Copies the normalised landmarks out of MediaPipe's result struct.
    private func readPoses() -> [DetectedPose] {
        // MpPoseLandmarkerResult: masks {ptr @0, u32 @8}, landmarks {ptr @16, u32 @24}, world {ptr @32, u32 @40}.
        let poseCount = Int(result.load(fromByteOffset: 24, as: UInt32.self))
        guard poseCount > 0, let lists = result.load(fromByteOffset: 16, as: UnsafeRawPointer?.self) else {
            return []
        }
        var poses: [DetectedPose] = []
        for poseIndex in 0..<poseCount {
            let list = lists + poseIndex * MediaPipeRuntime.Layout.landmarkListSize
            let count = Int(list.load(fromByteOffset: 8, as: UInt32.self))
            guard count == BlazePoseLandmark.count, let points = list.load(as: UnsafeRawPointer?.self) else {
                continue
            }
            var landmarks: [Landmark] = []
            landmarks.reserveCapacity(count)
            for pointIndex in 0..<count {
                // MpNormalizedLandmark: x @0, y @4, z @8, has_visibility @12, visibility @16, ...
                let point = points + pointIndex * MediaPipeRuntime.Layout.landmarkSize
                let hasVisibility = point.load(fromByteOffset: 12, as: Bool.self)
                landmarks.append(
                    Landmark(
                        x: Double(point.load(fromByteOffset: 0, as: Float.self)),
                        y: Double(point.load(fromByteOffset: 4, as: Float.self)),
                        z: Double(point.load(fromByteOffset: 8, as: Float.self)),
                        visibility: hasVisibility
                            ? Double(min(max(point.load(fromByteOffset: 16, as: Float.self), 0), 1)) : 1))
            }
            poses.append(DetectedPose(landmarks: landmarks))
        }
        return poses
    }
}

extension MediaPipeRuntime {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: MediaPipeRuntime] = [:]

    /// The runtime at `path`, loaded once per process.
    static func shared(path: String) throws -> MediaPipeRuntime {
        lock.lock()
        defer { lock.unlock() }
        if let runtime = loaded[path] { return runtime }
        let runtime = try MediaPipeRuntime(path: path)
        loaded[path] = runtime
        return runtime
    }
}
