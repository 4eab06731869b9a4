import Foundation
import GaitCore

/// Lays out the training data of each split part as GaitML reads it (`docs/training.md`): one
/// folder per part under `build/data/` with a `runcoach-labels` file per labelled video whose
/// `poses` points at the extracted pose file. Contact times are snapped to the nearest pose frame
/// (they were converted from frame numbers, so they lie on a frame up to ffprobe's rounding).
/// Augmented copies of training videos get the labels of their video, mirrored (left and right
/// contacts swapped) when the copy is flipped.
public struct TrainingSetBuilder {
    public struct Outcome: Sendable, Equatable {
        /// Label files written per part (augmented copies included).
        public var files: [SplitPart: Int] = [:]
        /// Augmented copies among them.
        public var augmented = 0
    }

    public var layout: DatasetLayout

    public init(layout: DatasetLayout) {
        self.layout = layout
    }

    public func folder(_ part: SplitPart) -> String { layout.path("build/data/\(part.rawValue)") }

    public func run() throws -> Outcome {
        let manifest = try DatasetManifest.load(path: layout.manifestPath)
        guard let split = manifest.split else {
            throw DataError.unusableDataset("no train/val/test split saved; run `runcoach dataset split` first")
        }
        let copies = try augmentedCopies()
        var outcome = Outcome()
        for part in SplitPart.allCases {
            let target = folder(part)
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            for video in manifest.videos where split.assignment[video.id] == part {
                guard let labelsPath = video.labels else { continue }
                let labels = try RuncoachLabels.load(path: layout.path(labelsPath))
                try write(labels, posesPath: layout.posePath(id: video.id), name: video.id, into: target)
                outcome.files[part, default: 0] += 1
                guard part == .train else { continue }
                for copy in copies where copy.video == video.id {
                    let mirrored = copy.recipe.flip ? labels.mirrored() : labels
                    try write(mirrored, posesPath: layout.path(copy.poses), name: "\(video.id).\(copy.copy)", into: target)
                    outcome.files[part, default: 0] += 1
                    outcome.augmented += 1
                }
            }
        }
        return outcome
    }

    func write(_ original: RuncoachLabels, posesPath: String, name: String, into folder: String) throws {
        guard FileManager.default.fileExists(atPath: posesPath) else {
            throw DataError.unusableDataset("\(layout.relativePath(to: posesPath)) is missing: run `runcoach dataset extract` first")
        }
        let times = try RuncoachPoseFormat.read(path: posesPath).frames.map(\.time)
        var labels = original
        if let phases = labels.phases, phases.count != times.count {
            throw DataError.unusableDataset("\(name): the labels have \(phases.count) frames but the poses \(times.count); re-import the annotation")
        }
        labels.events = labels.events?.map { event in
            RuncoachLabels.Event(side: event.side, initialContact: Self.snap(event.initialContact, to: times), toeOff: event.toeOff.map { Self.snap($0, to: times) })
        }
        labels.poses = layout.relativePath(to: posesPath).hasPrefix("/") ? posesPath
            : RelativePath.from(directory: URL(fileURLWithPath: folder).standardizedFileURL.path, to: URL(fileURLWithPath: posesPath).standardizedFileURL.path)
        try labels.save(path: folder + "/\(name).labels.json")
    }

    /// `time` moved onto the nearest of `times` when within half a frame of it.
    static func snap(_ time: Double, to times: [Double]) -> Double {
        guard let nearest = times.min(by: { abs($0 - time) < abs($1 - time) }) else { return time }
        let frame = times.count > 1 ? (times.last! - times.first!) / Double(times.count - 1) : 0
        return abs(nearest - time) <= frame / 2 ? nearest : time
    }

    func augmentedCopies() throws -> [DatasetExtraction.AugmentedCopy] {
        guard let data = FileManager.default.contents(atPath: layout.path(DatasetExtraction.augmentedIndex)) else { return [] }
        return try JSONDecoder().decode([DatasetExtraction.AugmentedCopy].self, from: data)
    }
}
