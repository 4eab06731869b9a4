import ArgumentParser
import GaitData

/// `runcoach dataset split`: runner-grouped, stratified train/val/test split and k folds.
struct DatasetSplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split the videos into train/val/test (and optionally k folds), grouped by runner, stratified; saved in dataset.json.")

    @OptionGroup var location: DatasetLocation
    @Option(help: "Seed (the same seed gives the same split).") var seed: UInt64 = 7
    @Option(help: "Share of videos for training.") var train = 0.7
    @Option(help: "Share for validation.") var val = 0.2
    @Option(help: "Share for the test.") var test = 0.1
    @Option(help: "Metadata axes to stratify by (comma-separated).") var strata = DatasetSplitter.defaultStrata.joined(separator: ",")
    @Option(help: "Also save a k-fold assignment with this many folds.") var folds: Int?

    func run() throws {
        let layout = location.layout
        var manifest = try DatasetManifest.load(path: layout.manifestPath)
        let axes = strata.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        manifest.split = try DatasetSplitter.holdout(manifest.videos, fractions: [.train: train, .val: val, .test: test], strata: axes, seed: seed)
        if let folds { manifest.folds = try DatasetSplitter.kFold(manifest.videos, folds: folds, strata: axes, seed: seed) }
        try manifest.save(path: layout.manifestPath)
        for part in SplitPart.allCases {
            let ids = manifest.videos.filter { manifest.split?.assignment[$0.id] == part }
            print("\(part.rawValue): \(ids.count) videos, \(Set(ids.map(\.runner)).count) runners (\(ids.map(\.id).joined(separator: ", ")))")
        }
        if let assignment = manifest.folds {
            print("folds: \(assignment.count), \((0..<assignment.count).map { fold in "\(assignment.assignment.values.filter { $0 == fold }.count)" }.joined(separator: "/")) videos")
        }
    }
}
