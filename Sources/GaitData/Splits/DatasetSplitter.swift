import GaitCore

/// Splits a dataset's videos by runner (a runner's videos always stay together, so no runner is
/// in two parts or folds), stratified by metadata axes, reproducibly from a seed.
///
/// Runners are grouped into strata by the values of `strata` axes of their first video (missing
/// values form their own "unknown" stratum). Strata are visited in sorted order and their runners
/// in a seeded shuffle; each runner goes to the part whose video count lags its target share the
/// most (`fraction × videos assigned so far`), so every stratum is spread over the parts in
/// proportion and the parts' sizes track the fractions. K-fold assignment puts each runner in the
/// fold with the fewest videos so far.
public enum DatasetSplitter {
    /// Default stratification axes.
    public static let defaultStrata = ["pace", "cameraAngle", "environment"]

    /// A train/val/test split. `fractions` must be non-negative and sum to 1 (±1e-6).
    public static func holdout(_ videos: [VideoEntry], fractions: [SplitPart: Double], strata: [String], seed: UInt64) throws -> HoldoutSplit {
        let total = fractions.values.reduce(0, +)
        guard fractions.values.allSatisfy({ $0 >= 0 }), abs(total - 1) <= 1e-6 else {
            throw DataError.invalidOption(option: "split", reason: "fractions \(describe(fractions)) must be non-negative and sum to 1")
        }
        try checkAxes(strata)
        let runners = try orderedRunners(videos, strata: strata, seed: seed)
        var videosOfPart: [SplitPart: Int] = [:]
        var partOfRunner: [String: SplitPart] = [:]
        var assigned = 0
        for runner in runners {
            assigned += runner.videoCount
            let part = SplitPart.allCases.max { a, b in
                let deficitA = (fractions[a] ?? 0) * Double(assigned) - Double(videosOfPart[a, default: 0])
                let deficitB = (fractions[b] ?? 0) * Double(assigned) - Double(videosOfPart[b, default: 0])
                return deficitA < deficitB || (deficitA == deficitB && a.order > b.order)
            }!
            partOfRunner[runner.id] = part
            videosOfPart[part, default: 0] += runner.videoCount
        }
        fillEmptyParts(&partOfRunner, runners: runners, fractions: fractions)
        let assignment = Dictionary(uniqueKeysWithValues: videos.map { ($0.id, partOfRunner[$0.runner]!) })
        return HoldoutSplit(seed: seed, strata: strata, fractions: fractions, assignment: assignment)
    }

    /// A k-fold assignment (k ≥ 2, at most one fold per runner).
    public static func kFold(_ videos: [VideoEntry], folds: Int, strata: [String], seed: UInt64) throws -> FoldSplit {
        try checkAxes(strata)
        let runners = try orderedRunners(videos, strata: strata, seed: seed)
        guard folds >= 2, folds <= runners.count else {
            throw DataError.unusableDataset("\(runners.count) runners cannot fill \(folds) folds (a runner is never in two folds); give 2-\(max(2, runners.count)) folds or add runners")
        }
        var videosOfFold = [Int](repeating: 0, count: folds)
        var foldOfRunner: [String: Int] = [:]
        for runner in runners {
            let fold = videosOfFold.indices.min { videosOfFold[$0] < videosOfFold[$1] || (videosOfFold[$0] == videosOfFold[$1] && $0 < $1) }!
            foldOfRunner[runner.id] = fold
            videosOfFold[fold] += runner.videoCount
        }
        let assignment = Dictionary(uniqueKeysWithValues: videos.map { ($0.id, foldOfRunner[$0.runner]!) })
        return FoldSplit(seed: seed, strata: strata, count: folds, assignment: assignment)
    }

    // MARK: - Private

    struct Runner {
        var id: String
        var stratum: String
        var videoCount: Int
    }

    /// Runners grouped by stratum (sorted), shuffled within each stratum by the seeded generator.
    static func orderedRunners(_ videos: [VideoEntry], strata: [String], seed: UInt64) throws -> [Runner] {
        guard !videos.isEmpty else { throw DataError.unusableDataset("the dataset has no videos to split; add some with `runcoach dataset add`") }
        var byRunner: [String: Runner] = [:]
        for video in videos {
            if byRunner[video.runner] == nil {
                let stratum = strata.map { "\($0)=\(video.value(of: $0) ?? "unknown")" }.joined(separator: ",")
                byRunner[video.runner] = Runner(id: video.runner, stratum: stratum, videoCount: 0)
            }
            byRunner[video.runner]!.videoCount += 1
        }
        var generator = SeededGenerator(seed: seed)
        let grouped = Dictionary(grouping: byRunner.values, by: \.stratum)
        var ordered: [Runner] = []
        for stratum in grouped.keys.sorted() {
            var runners = grouped[stratum]!.sorted { $0.id < $1.id }
            runners.shuffle(using: &generator)
            ordered += runners
        }
        return ordered
    }

    /// A part with a positive fraction but no runner takes the smallest runner of the largest part,
    /// when that part has runners to spare.
    static func fillEmptyParts(_ partOfRunner: inout [String: SplitPart], runners: [Runner], fractions: [SplitPart: Double]) {
        for part in SplitPart.allCases where (fractions[part] ?? 0) > 0 && !partOfRunner.values.contains(part) {
            let counts = Dictionary(grouping: partOfRunner.keys, by: { partOfRunner[$0]! })
            guard let donor = counts.filter({ $0.value.count >= 2 }).max(by: { $0.value.count < $1.value.count })?.key else { continue }
            let candidate = runners.filter { partOfRunner[$0.id] == donor }.min { ($0.videoCount, $0.id) < ($1.videoCount, $1.id) }!
            partOfRunner[candidate.id] = part
        }
    }

    static func checkAxes(_ strata: [String]) throws {
        for axis in strata where !VideoEntry.diversityAxes.contains(axis) || axis == "runner" {
            throw DataError.invalidOption(option: "strata", reason: "\"\(axis)\" is not a metadata axis; use \(VideoEntry.diversityAxes.dropFirst().joined(separator: ", "))")
        }
    }

    static func describe(_ fractions: [SplitPart: Double]) -> String {
        SplitPart.allCases.map { "\($0.rawValue) \(fractions[$0] ?? 0)" }.joined(separator: ", ")
    }
}

extension SplitPart {
    /// train 0, val 1, test 2 (ties go to the earlier part).
    var order: Int { SplitPart.allCases.firstIndex(of: self)! }
}
