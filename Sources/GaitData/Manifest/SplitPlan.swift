/// The parts of a train/validation/test split.
public enum SplitPart: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case train, val, test
}

/// A train/validation/test split saved in the manifest: how it was made and where each video went.
public struct HoldoutSplit: Codable, Sendable, Equatable {
    public var seed: UInt64
    /// Manifest axes the split is stratified by (e.g. pace, cameraAngle, environment).
    public var strata: [String]
    /// Target share of runners per part (sums to 1).
    public var fractions: [SplitPart: Double]
    /// Part of each video, by video id.
    public var assignment: [String: SplitPart]

    public init(seed: UInt64, strata: [String], fractions: [SplitPart: Double], assignment: [String: SplitPart]) {
        self.seed = seed
        self.strata = strata
        self.fractions = fractions
        self.assignment = assignment
    }
}

/// A k-fold assignment saved in the manifest.
public struct FoldSplit: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var strata: [String]
    public var count: Int
    /// Fold (0-based) of each video, by video id.
    public var assignment: [String: Int]

    public init(seed: UInt64, strata: [String], count: Int, assignment: [String: Int]) {
        self.seed = seed
        self.strata = strata
        self.count = count
        self.assignment = assignment
    }
}
