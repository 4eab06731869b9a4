import GaitCore
import Testing
@testable import GaitData

/// Runner-grouped, stratified splits.
@Suite struct SplitTests {
    /// 40 runners with 1-3 videos each, paces and environments cycling.
    static var videos: [VideoEntry] {
        var videos: [VideoEntry] = []
        for runner in 0..<40 {
            for take in 0..<(1 + runner % 3) {
                var entry = VideoEntry(id: "r\(runner)-\(take)", video: "v\(runner)-\(take).mp4", runner: "R\(runner)")
                entry.pace = ["easy", "tempo", "fast"][runner % 3]
                entry.environment = RunningEnvironment.allCases[runner % 4]
                entry.cameraAngle = runner % 5 == 0 ? .oblique : .side
                videos.append(entry)
            }
        }
        return videos
    }

    @Test(arguments: [UInt64(1), 7, 12345])
    func holdoutNeverSplitsARunnerAndTracksTheFractions(seed: UInt64) throws {
        let videos = Self.videos
        let split = try DatasetSplitter.holdout(videos, fractions: [.train: 0.7, .val: 0.2, .test: 0.1], strata: DatasetSplitter.defaultStrata, seed: seed)
        #expect(split.assignment.count == videos.count)
        let partsOfRunner = Dictionary(grouping: videos, by: \.runner).mapValues { Set($0.map { split.assignment[$0.id]! }) }
        #expect(partsOfRunner.values.allSatisfy { $0.count == 1 })
        // Whole runners (1-3 videos) move at once, so each share may miss its target by up to one
        // runner's videos: 3 of 80 videos = 3.75 points; allow 5.
        let counts = Dictionary(grouping: split.assignment.values, by: { $0 }).mapValues(\.count)
        for (part, target) in [(SplitPart.train, 0.7), (.val, 0.2), (.test, 0.1)] {
            #expect(abs(Double(counts[part] ?? 0) / Double(videos.count) - target) <= 0.05, "\(part): \(counts[part] ?? 0) of \(videos.count)")
        }
        // Every pace appears in train and val (stratification spreads each stratum).
        for pace in ["easy", "tempo", "fast"] {
            for part in [SplitPart.train, .val] {
                #expect(videos.contains { $0.pace == pace && split.assignment[$0.id] == part }, "\(pace) in \(part)")
            }
        }
    }

    @Test func theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() throws {
        let fractions: [SplitPart: Double] = [.train: 0.7, .val: 0.2, .test: 0.1]
        let a = try DatasetSplitter.holdout(Self.videos, fractions: fractions, strata: DatasetSplitter.defaultStrata, seed: 3)
        let b = try DatasetSplitter.holdout(Self.videos, fractions: fractions, strata: DatasetSplitter.defaultStrata, seed: 3)
        let c = try DatasetSplitter.holdout(Self.videos, fractions: fractions, strata: DatasetSplitter.defaultStrata, seed: 4)
        #expect(a == b)
        #expect(a.assignment != c.assignment)
    }

    @Test func kFoldKeepsRunnersTogetherAndBalancesVideos() throws {
        let folds = try DatasetSplitter.kFold(Self.videos, folds: 5, strata: DatasetSplitter.defaultStrata, seed: 11)
        let foldsOfRunner = Dictionary(grouping: Self.videos, by: \.runner).mapValues { Set($0.map { folds.assignment[$0.id]! }) }
        #expect(foldsOfRunner.values.allSatisfy { $0.count == 1 })
        let sizes = Dictionary(grouping: folds.assignment.values, by: { $0 }).mapValues(\.count)
        // Greedy smallest-fold placement keeps folds within one runner's videos (≤ 3) of each other.
        #expect(sizes.values.max()! - sizes.values.min()! <= 3)
        #expect(throws: DataError.self) { try DatasetSplitter.kFold(Array(Self.videos.prefix(3)), folds: 5, strata: [], seed: 1) }
    }

    @Test func tinyDatasetsStillFillEveryPartWhenTheyCan() throws {
        let videos = (0..<3).map { VideoEntry(id: "v\($0)", video: "v", runner: "R\($0)") }
        let split = try DatasetSplitter.holdout(videos, fractions: [.train: 0.7, .val: 0.2, .test: 0.1], strata: [], seed: 1)
        #expect(Set(split.assignment.values) == [.train, .val, .test])
    }

    @Test func badFractionsAndAxesAreRefused() {
        #expect(throws: DataError.self) { try DatasetSplitter.holdout(Self.videos, fractions: [.train: 0.8, .val: 0.3], strata: [], seed: 1) }
        #expect(throws: DataError.self) { try DatasetSplitter.holdout(Self.videos, fractions: [.train: 1], strata: ["shoeSize"], seed: 1) }
    }
}
