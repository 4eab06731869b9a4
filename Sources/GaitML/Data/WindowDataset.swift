import GaitCore

/// Labelled sequences cut into fixed-length windows, turned into model batches on demand (with
/// augmentation while training).
public struct WindowDataset: Sendable {
    /// A sequence resampled to the model's frame rate, with per-frame class labels (−1 unknown).
    struct Prepared: Sendable {
        let frames: [PoseFrame]
        let phaseLabels: [Int]
        let width: Int, height: Int
        let formScore: Float
        let issues: [Float]
        let runnerID: String
        let strata: [String: String]
    }

    /// One window: `frameCount` frames of sequence `sequence` from frame `start`.
    public struct Window: Sendable, Equatable {
        public let sequence: Int
        public let start: Int
    }

    let sequences: [Prepared]
    public let windows: [Window]
    public let frameCount: Int
    public let normalization: FeatureNormalization

    /// Cuts `sequences` into windows of `frameCount` frames every `stride` frames (at the
    /// normalisation's frame rate). Sequences shorter than a window are skipped, and so are
    /// windows in which the runner is seen in fewer than half the frames; frames without the runner
    /// are unlabelled (−1).
    public init(_ sequences: [LabelledSequence], frameCount: Int = 30, stride: Int = 10, normalization: FeatureNormalization = FeatureNormalization()) {
        precondition(frameCount > 0 && stride > 0, "window length and stride must be positive")
        self.frameCount = frameCount
        self.normalization = normalization
        var prepared: [Prepared] = []
        var windows: [Window] = []
        for sequence in sequences {
            let (frames, nearest) = PoseResampling.resample(sequence.poses, rate: normalization.frameRate)
            guard frames.count >= frameCount else { continue }
            var labels: [Int]
            if let events = sequence.events {
                labels = PhaseLabeler.label(times: frames.map(\.time), events: events).map { $0.phase?.classIndex ?? -1 }
            } else {
                labels = nearest.map { sequence.phases[$0]?.classIndex ?? -1 }
            }
            // A frame without the runner (out of view, not found) has nothing to learn from.
            let seen = frames.map { $0.landmarks != nil }
            for index in labels.indices where !seen[index] { labels[index] = -1 }
            let index = prepared.count
            prepared.append(Prepared(
                frames: frames, phaseLabels: labels, width: sequence.poses.width, height: sequence.poses.height,
                formScore: sequence.formScore.map(Float.init) ?? .nan, issues: sequence.issueTargets.map(Float.init),
                runnerID: sequence.runnerID, strata: sequence.strata))
            for start in Swift.stride(from: 0, through: frames.count - frameCount, by: stride)
            where 2 * seen[start..<start + frameCount].filter({ $0 }).count >= frameCount {
                windows.append(Window(sequence: index, start: start))
            }
        }
        self.sequences = prepared
        self.windows = windows
    }

    /// The runner of each window.
    public func runnerID(of window: Window) -> String { sequences[window.sequence].runnerID }

    /// Every sequence's runner and strata (for folds).
    public var sequenceGroups: [(runnerID: String, strata: [String: String])] { sequences.map { ($0.runnerID, $0.strata) } }

    /// Model input `[B, T, 132]` and targets for `windows` (indices into `self.windows`).
    public func batch(_ indices: some Collection<Int>, augmentation: Augmentation = .none,
                      using generator: inout some RandomNumberGenerator) -> (input: Tensor, targets: GaitTargets) {
        var features: [Float] = []
        var phases: [Int] = [], scores: [Float] = [], issues: [Float] = []
        features.reserveCapacity(indices.count * frameCount * FeatureNormalization.featureCount)
        for index in indices {
            let window = windows[index]
            let sequence = sequences[window.sequence]
            let warped = augmentation.drawsWarp(using: &generator)
            var (frames, labels) = stretchedWindow(sequence, start: window.start, augmentation: augmentation, warped: warped, using: &generator)
            frames = augmentation.apply(to: frames, width: sequence.width, height: sequence.height, warped: warped, using: &generator)
            features += normalization.features(of: frames[...], width: sequence.width, height: sequence.height)
            phases += labels
            labels = []
            // A warped window's cadence, contact time and angles are no longer the runner's.
            scores.append(warped ? .nan : sequence.formScore)
            issues += warped ? sequence.issues.map { _ in .nan } : sequence.issues
        }
        return (Tensor(shape: [indices.count, frameCount, FeatureNormalization.featureCount], scalars: features),
                GaitTargets(phases: phases, formScores: scores, issues: issues))
    }

    /// The window's frames and labels, resampled by a random time-stretch factor when `warped` and
    /// the stretched span stays inside the sequence.
    private func stretchedWindow(_ sequence: Prepared, start: Int, augmentation: Augmentation, warped: Bool,
                                 using generator: inout some RandomNumberGenerator) -> ([PoseFrame], [Int]) {
        let factor = warped ? Double.random(in: augmentation.timeStretch, using: &generator) : 1
        let span = Double(frameCount - 1) * factor
        guard factor != 1, Double(start) + span <= Double(sequence.frames.count - 1) else {
            return (Array(sequence.frames[start..<start + frameCount]), Array(sequence.phaseLabels[start..<start + frameCount]))
        }
        var frames: [PoseFrame] = [], labels: [Int] = []
        for step in 0..<frameCount {
            let position = Double(start) + Double(step) * factor
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sequence.frames.count - 1)
            let weight = position - Double(lower)
            labels.append(sequence.phaseLabels[Int(position.rounded())])
            let (a, b) = (sequence.frames[lower], sequence.frames[upper])
            guard let la = a.landmarks, let lb = b.landmarks else {
                frames.append(weight < 0.5 ? a : b)
                continue
            }
            frames.append(PoseFrame(time: a.time + weight * (b.time - a.time), landmarks: zip(la, lb).map { pa, pb in
                guard let pa, let pb else { return nil }
                return Landmark(x: pa.x + (pb.x - pa.x) * weight, y: pa.y + (pb.y - pa.y) * weight,
                                z: pa.z + (pb.z - pa.z) * weight, visibility: min(pa.visibility, pb.visibility))
            }))
        }
        return (frames, labels)
    }
}
