import Foundation
import GaitCore
import GaitVideo

/// `dataset extract`: BlazePose landmarks for every video of a dataset (and augmented copies of the
/// training videos), through the content-addressed `PoseCache`:
///
/// - a video whose key (`PoseCacheKey`: its content, the model bundle, the landmarker settings,
///   the augmentation) is already cached is not estimated again;
/// - each finished video is stored atomically the moment it is done, so a run killed half-way
///   keeps every finished video and leaves no damaged entry, and the next run resumes;
/// - videos run `jobs` at a time (one landmarker each);
/// - one run per dataset at a time (a lock file in the cache folder).
///
/// Results are copied to `poses/ID.pose.json` (and `poses/augmented/ID.K.pose.json` for copies,
/// listed in `poses/augmented/index.json`).
public struct DatasetExtraction {
    /// One pose file to produce.
    public struct Item: Sendable {
        public var videoID: String
        /// 0 for the video itself, 1... for augmented copies.
        public var copy: Int
        public var videoPath: String
        public var recipe: AugmentationRecipe?
        public var key: String
        /// Where the poses go, relative to the dataset folder.
        public var output: String
        public var name: String { copy == 0 ? videoID : "\(videoID) (copy \(copy): \(recipe?.description ?? ""))" }
    }

    /// An augmented copy, as listed in `poses/augmented/index.json`.
    public struct AugmentedCopy: Codable, Equatable, Sendable {
        public var video: String
        public var copy: Int
        public var recipe: AugmentationRecipe
        /// Relative to the dataset folder.
        public var poses: String
    }

    /// What happened, per pose file.
    public struct Summary: Sendable {
        public var extracted: [String] = []
        public var cached: [String] = []
        public var failed: [(name: String, reason: String)] = []
        public var removedPartials = 0
    }

    /// What the run reports while it works.
    public enum Event: Sendable {
        case cached(name: String)
        case started(name: String, index: Int, total: Int)
        case frames(name: String, progress: ExtractionProgress)
        case finished(name: String, seconds: Double)
        case failed(name: String, reason: String)
    }

    public var layout: DatasetLayout
    public var models: ModelSet
    public var landmarker = MediaPipePoseLandmarker.Options()
    /// Videos estimated at once; setting it shares the cores among their landmarkers
    /// (`landmarker.inferenceThreads`).
    public var jobs = 1 {
        didSet { landmarker.inferenceThreads = MediaPipePoseLandmarker.Options(landmarkersAtOnce: jobs).inferenceThreads }
    }
    public var augmentKinds: Set<AugmentationRecipe.Kind> = []
    /// Augmented copies per training video (per video when no split is saved).
    public var augmentCopies = 0
    public var augmentSeed: UInt64 = 1

    public init(layout: DatasetLayout, models: ModelSet) {
        self.layout = layout
        self.models = models
    }

    var cache: PoseCache { PoseCache(folder: layout.poseCacheFolder) }
    public static let augmentedIndex = "poses/augmented/index.json"

    /// The pose files to produce, with their cache keys (hashes every video and the model bundle).
    public func plan() throws -> [Item] {
        let manifest = try DatasetManifest.load(path: layout.manifestPath)
        guard !manifest.videos.isEmpty else { throw DataError.unusableDataset("the dataset has no videos; add some with `runcoach dataset add`") }
        guard augmentCopies == 0 || !augmentKinds.isEmpty else {
            throw DataError.invalidOption(option: "augment-copies", reason: "needs at least one --augment kind")
        }
        let estimator = "\(try ContentHash.sha256(ofFileAt: models.bundlePath)) maxPoses=\(landmarker.maxPoses) detection=\(landmarker.minPoseDetectionConfidence) presence=\(landmarker.minPosePresenceConfidence) tracking=\(landmarker.minTrackingConfidence)"
        var items: [Item] = []
        for video in manifest.videos {
            let path = layout.path(video.video)
            guard FileManager.default.fileExists(atPath: path) else { throw DataError.fileNotFound(path: path) }
            let digest = try ContentHash.sha256(ofFileAt: path)
            items.append(Item(videoID: video.id, copy: 0, videoPath: path, recipe: nil,
                              key: PoseCacheKey(video: digest, estimator: estimator, augmentation: nil).digest,
                              output: "poses/\(video.id).pose.json"))
            let inTraining = manifest.split.map { $0.assignment[video.id] == .train } ?? true
            guard inTraining, augmentCopies > 0 else { continue }
            for copy in 1...augmentCopies {
                var generator = SeededGenerator(seed: augmentSeed &+ Self.stableNumber(video.id) &+ UInt64(copy))
                let recipe = AugmentationRecipe.random(augmentKinds, using: &generator)
                items.append(Item(videoID: video.id, copy: copy, videoPath: path, recipe: recipe,
                                  key: PoseCacheKey(video: digest, estimator: estimator, augmentation: recipe).digest,
                                  output: "poses/augmented/\(video.id).\(copy).pose.json"))
            }
        }
        return items
    }

    /// Runs the extraction. Failures of single videos are reported in the summary (the others go
    /// on); a failure of the whole run (lock, models, manifest) throws.
    public func run(report: @escaping @Sendable (Event) -> Void = { _ in }) throws -> Summary {
        try FileManager.default.createDirectory(atPath: layout.poseCacheFolder, withIntermediateDirectories: true)
        let lock = try ExclusiveLock(path: layout.poseCacheFolder + "/.lock")
        defer { lock.release() }
        var summary = Summary()
        summary.removedPartials = cache.removeStalePartials()
        let items = try plan()
        let cache = self.cache, models = self.models, landmarker = self.landmarker, layout = self.layout
        let todo = items.filter { !cache.contains($0.key) }
        for item in items where cache.contains(item.key) {
            try materialize(item)
            summary.cached.append(item.name)
            report(.cached(name: item.name))
        }
        let results = ParallelJobs.run(count: todo.count, jobs: jobs) { index -> Double in
            let item = todo[index]
            report(.started(name: item.name, index: index + 1, total: todo.count))
            let start = Date()
            let info = try VideoProbe.probe(path: item.videoPath)
            let mediapipe = try MediaPipePoseLandmarker(models: models, options: landmarker)
            defer { mediapipe.close() }
            let estimator: PoseEstimator = item.recipe.map { AugmentingPoseEstimator(mediapipe, recipe: $0) } ?? mediapipe
            let poses = try VideoPoseExtractor(models: models, options: landmarker)
                .extract(info: info, estimator: estimator) { report(.frames(name: item.name, progress: $0)) }
            try cache.store(poses.sequence, key: item.key)
            try DatasetExtraction.copy(cache.path(for: item.key), to: layout.path(item.output))
            return Date().timeIntervalSince(start)
        }
        for (item, result) in zip(todo, results) {
            switch result {
            case .success(let seconds):
                summary.extracted.append(item.name)
                report(.finished(name: item.name, seconds: seconds))
            case .failure(let error):
                summary.failed.append((item.name, "\(error)"))
                report(.failed(name: item.name, reason: "\(error)"))
            }
        }
        try writeAugmentedIndex(items)
        return summary
    }

    func materialize(_ item: Item) throws {
        try Self.copy(cache.path(for: item.key), to: layout.path(item.output))
    }

    /// The copies whose poses exist, in `poses/augmented/index.json`.
    func writeAugmentedIndex(_ items: [Item]) throws {
        let copies = items.compactMap { item -> AugmentedCopy? in
            guard let recipe = item.recipe, cache.contains(item.key) else { return nil }
            return AugmentedCopy(video: item.videoID, copy: item.copy, recipe: recipe, poses: item.output)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(encoder.encode(copies), to: layout.path(Self.augmentedIndex))
    }

    static func copy(_ source: String, to destination: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { throw DataError.fileNotFound(path: source) }
        try AtomicFile.write(data, to: destination)
    }

    /// A number derived from `text` that does not change between runs (unlike `hashValue`).
    static func stableNumber(_ text: String) -> UInt64 {
        ContentHash.sha256(text).prefix(16).reduce(0) { $0 &* 16 &+ UInt64(Int(String($1), radix: 16)!) }
    }
}

/// An exclusive advisory lock on a file (`flock`), released on `release()` or when the process
/// ends, however it ends.
final class ExclusiveLock {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else { throw GaitCoreError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw DataError.unusableDataset("another `runcoach dataset extract` is running on this dataset (\(path) is locked); wait for it to finish")
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
