import Foundation
import GaitCore
import Testing
@testable import GaitVideo

/// Tests that run MediaPipe itself (skipped where `scripts/setup.sh` has not installed the models;
/// never skipped on CI).
@Suite("Pose extraction with MediaPipe", .enabled(if: VideoTestSupport.modelsAvailable, "run scripts/setup.sh"))
struct PoseExtractionTests {
    static let runningClip = VideoTestSupport.sharedVideo("sports2d-demo3-running.mp4")

    @Test("a real running clip gives one runner per frame, at the video's own frame times")
    func realClip() throws {
        let extractor = VideoPoseExtractor(models: try VideoTestSupport.models())
        let poses = try extractor.extract(path: Self.runningClip)
        let decodedTimes = try VideoTestSupport.decodeAll(Self.runningClip).map(\.timeSeconds)
        #expect(poses.sequence.frames.map(\.time) == decodedTimes, "frame times are the decoded ones, exactly")
        #expect(poses.sequence.width == 480 && poses.sequence.height == 352)
        let found = poses.sequence.frames.compactMap(\.landmarks)
        // The runner crosses the frame and is in view in about 70% of this 1.6 s clip.
        #expect(found.count >= 30, "runner found in \(found.count) of 47 frames")
        for landmarks in found {
            let shoulder = try #require(landmarks[BlazePoseLandmark.leftShoulder.rawValue])
            let hip = try #require(landmarks[BlazePoseLandmark.leftHip.rawValue])
            let ankle = try #require(landmarks[BlazePoseLandmark.leftAnkle.rawValue])
            // Upright running: shoulders above hips above ankles (y grows downwards).
            #expect(shoulder.y < hip.y && hip.y < ankle.y)
        }
        #expect(poses.selection.chosenHeightFraction > 0.4, "the runner fills about half the frame height")
    }

    @Test("a clip with nobody in it ends in a clear 'no person' error")
    func noPerson() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pattern.mp4").path
        try VideoTestSupport.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=1", "-c:v", "mpeg4", path])
        let extractor = VideoPoseExtractor(models: try VideoTestSupport.models())
        #expect(throws: VideoError.noPerson(path: path, frameCount: 25)) { try extractor.extract(path: path) }
    }

    @Test("close() ends the landmarker at once: later frames are refused, a second close does nothing")
    func closeIsExplicit() throws {
        let landmarker = try MediaPipePoseLandmarker(models: try VideoTestSupport.models())
        let frame = RGBFrame(index: 0, timeSeconds: 0, width: 64, height: 64, pixels: [UInt8](repeating: 0, count: 64 * 64 * 3))
        #expect(try landmarker.estimate(frame, timestampMilliseconds: 0).isEmpty, "a black frame holds nobody")
        landmarker.close()
        landmarker.close()
        #expect(throws: VideoError.poseEstimationFailed(reason: "the landmarker is closed")) {
            try landmarker.estimate(frame, timestampMilliseconds: 40)
        }
    }

    @Test("Swift landmarks (2 threads) equal MediaPipe's Python tasks API (1 thread) on the same decoded frames (±1e-5)")
    func exactnessAgainstPython() throws {
        let python = VideoTestSupport.repositoryRoot.appendingPathComponent(".venv-mediapipe/bin/python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "run scripts/setup.sh (makes .venv-mediapipe)")
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = try VideoTestSupport.models()

        // Decode once; feed the same bytes and timestamps to both.
        let frames = try VideoTestSupport.decodeAll(Self.runningClip)
        let rawPath = directory.appendingPathComponent("frames.rgb").path
        _ = FileManager.default.createFile(atPath: rawPath, contents: nil)
        let raw = try FileHandle(forWritingTo: URL(fileURLWithPath: rawPath))
        var timestamps = VideoTimestamps()
        var milliseconds: [Int64] = []
        // Two threads here; MediaPipe's Python API runs one (its C API has no thread setting).
        let estimator = try MediaPipePoseLandmarker(models: models, options: .init(maxPoses: 2, inferenceThreads: 2))
        try #require(estimator.inferenceThreads == 2, "MediaPipeInferenceThreads could not set the count")
        var swiftPoses: [[DetectedPose]] = []
        for frame in frames {
            try raw.write(contentsOf: Data(frame.pixels))
            let timestamp = timestamps.milliseconds(forFrameAt: frame.timeSeconds)
            milliseconds.append(timestamp)
            swiftPoses.append(try estimator.estimate(frame, timestampMilliseconds: timestamp))
        }
        try raw.close()
        let spec: [String: Any] = [
            "bundle": models.bundlePath, "maxPoses": 2, "width": frames[0].width, "height": frames[0].height,
            "rawPath": rawPath, "timestampsMs": milliseconds,
        ]
        let specPath = directory.appendingPathComponent("spec.json").path
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        let outPath = directory.appendingPathComponent("python.json").path
        let script = VideoTestSupport.repositoryRoot.appendingPathComponent("scripts/video/mediapipe_reference.py").path
        let run = try VideoTestSupport.run(python, [script, "landmarks", specPath, outPath])
        try #require(run.status == 0, "python reference failed: \(run.stderr.suffix(2000))")

        struct Reference: Decodable { var frames: [[[[Double]]]] }
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: outPath)))
        #expect(reference.frames.count == swiftPoses.count)
        var compared = 0, largest = 0.0
        for (frameIndex, (swift, python)) in zip(swiftPoses, reference.frames).enumerated() {
            #expect(swift.count == python.count, "frame \(frameIndex): same number of people")
            for (pose, pythonPose) in zip(swift, python) {
                for (landmark, values) in zip(pose.landmarks, pythonPose) {
                    for (ours, theirs) in zip([landmark.x, landmark.y, landmark.z, landmark.visibility], values) {
                        largest = max(largest, abs(ours - theirs))
                        compared += 1
                    }
                }
            }
        }
        // Same library, same bytes, same timestamps: float32 values should agree exactly; 1e-5 is
        // the bound (Python's floats are the same float32 widened to double).
        #expect(largest <= 1e-5, "largest difference \(largest) over \(compared) values")
        #expect(compared > 30 * 33 * 4, "compared \(compared) values")
    }

    @Test("runcoach pose runs with no network at all (unshare -n) and writes the same poses")
    func noNetwork() throws {
        let unshare = "/usr/bin/unshare"
        try #require(FileManager.default.isExecutableFile(atPath: unshare))
        let probe = try VideoTestSupport.run(unshare, ["-n", "true"])
        try #require(probe.status == 0, "unshare -n is not permitted here: \(probe.stderr)")
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let executable = VideoTestSupport.runcoachExecutable.path
        let offline = directory.appendingPathComponent("offline.json").path
        let online = directory.appendingPathComponent("online.json").path
        let models = VideoTestSupport.modelDirectory
        let isolated = try VideoTestSupport.run(
            unshare, ["-n", executable, "pose", Self.runningClip, "--out", offline, "--models", models, "--no-progress"])
        #expect(isolated.status == 0, "\(isolated.stderr)")
        let normal = try VideoTestSupport.run(
            executable, ["pose", Self.runningClip, "--out", online, "--models", models, "--no-progress"])
        #expect(normal.status == 0, "\(normal.stderr)")
        // MediaPipe is deterministic on the CPU: the pose files are byte-identical.
        #expect(FileManager.default.contents(atPath: offline) == FileManager.default.contents(atPath: online))
    }

    @Test("--segments 2: every frame exactly once, in order; identical to one pass before the cut")
    func segmentedExtraction() throws {
        let walking = VideoTestSupport.sharedVideo("sports2d-demo4-walking.mp4")
        let models = try VideoTestSupport.models()
        let single = try VideoPoseExtractor(models: models, segments: 1).extract(path: walking)
        let split = try VideoPoseExtractor(models: models, segments: 2).extract(path: walking)
        #expect(split.sequence.frames.map(\.time) == single.sequence.frames.map(\.time))
        let info = single.info
        let cut = info.packetTimesSeconds[info.packetTimesSeconds.count / 2]
        // Before the cut both ran the same landmarker over the same frames: identical people.
        let before = single.sequence.frames.indices.filter { single.sequence.frames[$0].time < cut }
        #expect(before.count > 150, "about half of the 401 frames")
        for index in before { #expect(split.allPeople[index] == single.allPeople[index], "frame \(index)") }
    }
}

/// The real landmarker with its output shrunk towards the image centre: a runner far away. Used
/// because BlazePose's detector itself rarely finds people under ~25% of the frame height, so a
/// real video cannot reach the "too small" check.
final class ShrinkingEstimator: PoseEstimator {
    let inner: MediaPipePoseLandmarker
    let factor: Double

    init(_ inner: MediaPipePoseLandmarker, factor: Double) {
        self.inner = inner
        self.factor = factor
    }

    func estimate(_ frame: RGBFrame, timestampMilliseconds: Int64) throws -> [DetectedPose] {
        try inner.estimate(frame, timestampMilliseconds: timestampMilliseconds).map { pose in
            DetectedPose(landmarks: pose.landmarks.map {
                Landmark(x: 0.5 + ($0.x - 0.5) * factor, y: 0.5 + ($0.y - 0.5) * factor, z: $0.z, visibility: $0.visibility)
            })
        }
    }
}

@Suite("Runner too small", .enabled(if: VideoTestSupport.modelsAvailable, "run scripts/setup.sh"))
struct RunnerTooSmallTests {
    @Test("a runner under 15% of the frame height is refused with advice; at full size the clip passes")
    func tooSmall() throws {
        let path = VideoTestSupport.sharedVideo("sports2d-demo3-running.mp4")
        let models = try VideoTestSupport.models()
        let info = try VideoProbe.probe(path: path)
        let extractor = VideoPoseExtractor(models: models)
        // The runner fills ~54% of the height; a quarter of that is ~14%.
        let small = ShrinkingEstimator(try MediaPipePoseLandmarker(models: models), factor: 0.25)
        let error = #expect(throws: VideoError.self) { try extractor.extract(info: info, estimator: small) }
        #expect(error?.description.contains("too small") == true, "\(String(describing: error))")
        #expect(error?.description.contains("closer") == true)
        let full = ShrinkingEstimator(try MediaPipePoseLandmarker(models: models), factor: 1)
        #expect(try extractor.extract(info: info, estimator: full).selection.chosenHeightFraction > 0.4)
    }
}

@Suite("Batch jobs")
struct ParallelJobsTests {
    @Test("results come back in input order, failures stay with their input, at most `jobs` at once")
    func orderAndFailures() {
        final class Peak: @unchecked Sendable {
            let lock = NSLock()
            var running = 0, peak = 0
            func enter() { lock.lock(); running += 1; peak = max(peak, running); lock.unlock() }
            func leave() { lock.lock(); running -= 1; lock.unlock() }
        }
        let peak = Peak()
        let results = ParallelJobs.run(count: 9, jobs: 3) { index -> Int in
            peak.enter()
            defer { peak.leave() }
            Thread.sleep(forTimeInterval: 0.02)
            if index == 4 { throw TestFailure("job 4") }
            return index * index
        }
        #expect(results.count == 9)
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let value): #expect(index != 4 && value == index * index)
            case .failure(let error): #expect(index == 4 && "\(error)" == "job 4")
            }
        }
        #expect(peak.peak <= 3)
    }
}
