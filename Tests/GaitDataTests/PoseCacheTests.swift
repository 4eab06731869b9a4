import Foundation
import GaitCore
import Testing
@testable import GaitData

/// The content-addressed pose cache.
@Suite struct PoseCacheTests {
    static var sequence: PoseSequence {
        PoseSequence(nominalFPS: 30, width: 640, height: 480, source: "test",
                     frames: [PoseFrame(time: 0, landmarks: Array(repeating: Landmark(x: 0.25, y: 0.5), count: 33)), PoseFrame(time: 1.0 / 30, landmarks: nil)])
    }

    @Test func entriesRoundTripAndLeaveNoPartialFile() throws {
        let cache = PoseCache(folder: try TestFiles.temporaryFolder())
        try cache.store(Self.sequence, key: "abc")
        #expect(cache.contains("abc"))
        #expect(try cache.read("abc") == Self.sequence)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder) == ["abc.pose.json"])
    }

    @Test func partialFilesOfDeadProcessesAreRemovedAndLiveOnesKept() throws {
        let cache = PoseCache(folder: try TestFiles.temporaryFolder())
        // PID 2^22 + 1 is above Linux's pid_max default (4194304), so no process has it.
        FileManager.default.createFile(atPath: cache.folder + "/dead.pose.json.partial-4194305", contents: Data("{".utf8))
        FileManager.default.createFile(atPath: cache.folder + "/live.pose.json.partial-\(getpid())", contents: Data("{".utf8))
        #expect(cache.removeStalePartials() == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder) == ["live.pose.json.partial-\(getpid())"])
        #expect(!cache.contains("dead"))
    }

    @Test func theKeyChangesWithEveryInputThatChangesThePoses() {
        let base = PoseCacheKey(video: "v1", estimator: "m1", augmentation: nil)
        var flipped = AugmentationRecipe()
        flipped.flip = true
        let keys = [base, PoseCacheKey(video: "v2", estimator: "m1", augmentation: nil), PoseCacheKey(video: "v1", estimator: "m2", augmentation: nil),
                    PoseCacheKey(video: "v1", estimator: "m1", augmentation: flipped)].map(\.digest)
        #expect(Set(keys).count == 4)
        #expect(base.digest == PoseCacheKey(video: "v1", estimator: "m1", augmentation: nil).digest)
        #expect(base.digest.count == 64)
    }

    @Test func aSecondExtractionOnTheSameDatasetIsRefused() throws {
        let path = try TestFiles.temporaryFolder() + "/.lock"
        let first = try ExclusiveLock(path: path)
        #expect(throws: DataError.self) { _ = try ExclusiveLock(path: path) }
        first.release()
        try ExclusiveLock(path: path).release()
    }
}
