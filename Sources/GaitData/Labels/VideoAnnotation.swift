import GaitCore

/// One foot's ground contact as an annotator marks it: the frames with that foot on the ground.
public struct StanceInterval: Codable, Equatable, Sendable {
    public var side: BodySide
    /// First frame with the foot on the ground (0-based video frame index).
    public var firstFrame: Int
    /// Last frame with the foot on the ground (inclusive).
    public var lastFrame: Int

    public init(side: BodySide, firstFrame: Int, lastFrame: Int) {
        self.side = side
        self.firstFrame = firstFrame
        self.lastFrame = lastFrame
    }
}

/// The labels of one video as annotation tools hold them: on the video's frames (0-based indices).
///
/// Tools number frames their own way (CVAT from 0, Label Studio's timeline from 1); importers
/// convert to 0-based video frame indices, and `RuncoachLabels` converts frames to seconds with the
/// video's frame times.
public struct VideoAnnotation: Equatable, Sendable {
    /// Frames of the annotated video.
    public var frameCount: Int
    /// Phase of each frame (`count == frameCount`), `nil` where not labelled.
    public var phases: [GaitPhase?]
    /// Foot contacts, in time order.
    public var stances: [StanceInterval]
    /// Form score, 0-10 points.
    public var formScore: Double?
    /// How strongly each issue is present, 0 (absent) to 1 (clearly present).
    public var issueScores: [IssueKind: Double]

    public init(frameCount: Int, phases: [GaitPhase?]? = nil, stances: [StanceInterval] = [], formScore: Double? = nil,
                issueScores: [IssueKind: Double] = [:]) {
        self.frameCount = frameCount
        self.phases = phases ?? Array(repeating: nil, count: frameCount)
        self.stances = stances.sorted { $0.firstFrame < $1.firstFrame }
        self.formScore = formScore
        self.issueScores = issueScores
    }

    /// True when nothing at all is labelled.
    public var isEmpty: Bool {
        stances.isEmpty && !phases.contains { $0 != nil } && formScore == nil && issueScores.isEmpty
    }

    /// Stance intervals from a per-frame stance side (runs of `left` / `right`).
    public static func stances(fromSides sides: [StanceSide?]) -> [StanceInterval] {
        var result: [StanceInterval] = []
        var start: Int?
        for index in 0...sides.count {
            let side = index < sides.count ? sides[index] : nil
            let previous = index > 0 ? sides[index - 1] : nil
            if side != previous {
                if let begin = start, let previous, previous != StanceSide.none {
                    result.append(StanceInterval(side: previous == .left ? .left : .right, firstFrame: begin, lastFrame: index - 1))
                }
                start = index
            }
        }
        return result
    }

    /// The annotation of the horizontally mirrored video: left and right contacts swap; phases,
    /// score and issues are side-agnostic and stay.
    public func mirrored() -> VideoAnnotation {
        var copy = self
        copy.stances = stances.map { StanceInterval(side: $0.side.opposite, firstFrame: $0.firstFrame, lastFrame: $0.lastFrame) }
        return copy
    }
}
