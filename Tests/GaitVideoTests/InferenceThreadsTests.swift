import Foundation
import GaitCore
import Testing
@testable import GaitVideo

/// MediaPipe's thread count, set in this process's copy of the library (`MediaPipeInferenceThreads`).
/// That the landmarks do not depend on it is `PoseExtractionTests.exactnessAgainstPython` (2 threads
/// here against 1 in MediaPipe's Python API).
@Suite("MediaPipe inference threads", .enabled(if: VideoTestSupport.modelsAvailable, "run scripts/setup.sh"))
struct InferenceThreadsTests {
    @Test("each landmarker is created with its own thread count; the library file is not touched")
    func countPerLandmarker() throws {
        let models = try VideoTestSupport.models()
        let runtime = try MediaPipeRuntime.shared(path: models.runtimeLibraryPath)
        let two = try MediaPipePoseLandmarker(models: models, options: .init(inferenceThreads: 2))
        defer { two.close() }
        let one = try MediaPipePoseLandmarker(models: models, options: .init(inferenceThreads: 1))
        defer { one.close() }
        #expect(two.inferenceThreads == 2 && one.inferenceThreads == 1)
        // The library's own function, called: what the LiteRT runner reads when a landmarker is
        // made. Under the creation lock, as other tests may be creating landmarkers meanwhile.
        runtime.creationLock.lock()
        defer { runtime.creationLock.unlock() }
        for threads in [3, 1] {
            #expect(MediaPipeInferenceThreads.set(threads, in: runtime) == threads)
            #expect(MediaPipeInferenceThreads.current(in: runtime) == threads)
        }
        // The change lives in this process's memory only: the file is still the pinned one.
        let hash = try VideoTestSupport.run("/usr/bin/sha256sum", [models.runtimeLibraryPath])
        #expect(hash.stdout.hasPrefix(Self.pinnedRuntimeSHA256), "scripts/setup.d/30-video.sh pins this checksum")
    }

    @Test("the default shares this machine's cores among the landmarkers that run at once, 1-4 each")
    func defaultCount() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(MediaPipePoseLandmarker.Options().inferenceThreads == min(4, cores))
        #expect(MediaPipePoseLandmarker.Options(landmarkersAtOnce: 2).inferenceThreads == min(4, max(1, cores / 2)))
        #expect(MediaPipePoseLandmarker.Options(landmarkersAtOnce: 64).inferenceThreads == 1)
        #expect(MediaPipePoseLandmarker.Options(inferenceThreads: 3, landmarkersAtOnce: 8).inferenceThreads == 3)
    }

    static let pinnedRuntimeSHA256 = "7ce8b23159d3fd4e8b727e35afbfb35f3d45d6bde1ec11cc01c316b3bf469f63"
}
