import Foundation
import GaitCore

/// How the runner was chosen among the people in view, for the report.
public struct RunnerSelection: Sendable, Equatable, Codable {
    /// Most people seen in one frame.
    public var maximumPeopleInFrame: Int
    /// Frames that held more than one person.
    public var framesWithSeveralPeople: Int
    /// Number of person tracks found over the video.
    public var trackCount: Int
    /// Share of frames in which the chosen person appears, 0-1.
    public var chosenCoverage: Double
    /// Median standing height of the chosen person (estimated from body segments, see
    /// `RunnerSelector.bodyHeight`) as a fraction of the image height.
    public var chosenHeightFraction: Double
    /// Standard deviation of the ankle-to-ankle horizontal distance over body height: near 0 for a
    /// person standing, 0.2-0.5 for a runner.
    public var chosenLegSwing: Double

    /// One sentence for the report, or `nil` when only one person was ever in view.
    public var statement: String? {
        guard trackCount > 1 else { return nil }
        return "\(trackCount) people were in view (up to \(maximumPeopleInFrame) at once, in \(framesWithSeveralPeople) "
            + "frames); the runner analysed is the one present in \(Int((chosenCoverage * 100).rounded()))% of frames, "
            + "\(Int((chosenHeightFraction * 100).rounded()))% of the image height, with the most leg movement"
    }
}

/// Links the people found in each frame into tracks and picks the runner: the track that is
/// present most consistently, largest in the image and moving its legs the most.
///
/// A person in frame *t* continues the track whose last hip centre is nearest, when it lies within
/// half a body height (`matchDistanceInBodyHeights`) and was seen in the last three frames; otherwise it starts a new track. Track score =
/// coverage × median body height × (0.2 + min(leg swing / 0.2, 1)), so a large bystander who
/// stands still loses to the runner, and a runner seen in a few frames loses to one seen throughout.
public struct RunnerSelector: Sendable {
    /// Largest hip-centre jump between consecutive frames of one track, in body heights.
    public var matchDistanceInBodyHeights = 0.5
    /// Frames a track may miss (the person not found) and still be continued.
    public var maximumGapFrames = 2

    public init() {}

    /// The chosen runner's landmarks per frame (`nil` where the runner was not found) and how it
    /// was chosen. `frames[i]` lists the people found in frame `i`; `aspect` is the image width over
    /// its height.
    public func select(_ frames: [[DetectedPose]], aspect: Double) -> (runner: [DetectedPose?], selection: RunnerSelection) {
        var tracks: [Track] = []
        for (frameIndex, people) in frames.enumerated() {
            var taken = Set<Int>()
            for person in people {
                let centre = Self.hipCentre(person), height = Self.bodyHeight(person, aspect: aspect)
                var best: (track: Int, distance: Double)?
                for (index, track) in tracks.enumerated()
                where !taken.contains(index) && frameIndex - track.lastFrame <= maximumGapFrames + 1 {
                    let distance = hypot(centre.x - track.lastCentre.x, centre.y - track.lastCentre.y)
                    let limit = matchDistanceInBodyHeights * max(height, track.lastHeight)
                    if distance <= limit && distance < (best?.distance ?? .infinity) { best = (index, distance) }
                }
                if let best {
                    tracks[best.track].add(person, frame: frameIndex, centre: centre, height: height)
                    taken.insert(best.track)
                } else {
                    var track = Track()
                    track.add(person, frame: frameIndex, centre: centre, height: height)
                    tracks.append(track)
                    taken.insert(tracks.count - 1)
                }
            }
        }
        var runner = [DetectedPose?](repeating: nil, count: frames.count)
        let peopleCounts = frames.map(\.count)
        guard let chosen = tracks.max(by: { $0.score(frameCount: frames.count) < $1.score(frameCount: frames.count) })
        else {
            return (runner, RunnerSelection(
                maximumPeopleInFrame: 0, framesWithSeveralPeople: 0, trackCount: 0, chosenCoverage: 0,
                chosenHeightFraction: 0, chosenLegSwing: 0))
        }
        for (frame, pose) in chosen.poses { runner[frame] = pose }
        let selection = RunnerSelection(
            maximumPeopleInFrame: peopleCounts.max() ?? 0,
            framesWithSeveralPeople: peopleCounts.filter { $0 > 1 }.count,
            trackCount: tracks.count,
            chosenCoverage: Double(chosen.poses.count) / Double(max(frames.count, 1)),
            chosenHeightFraction: chosen.medianHeight, chosenLegSwing: chosen.legSwing)
        return (runner, selection)
    }

    /// Mid-point of the hips, normalised image coordinates.
    static func hipCentre(_ pose: DetectedPose) -> (x: Double, y: Double) {
        let left = pose.landmarks[BlazePoseLandmark.leftHip.rawValue]
        let right = pose.landmarks[BlazePoseLandmark.rightHip.rawValue]
        return ((left.x + right.x) / 2, (left.y + right.y) / 2)
    }

    /// Standing height estimated from the body's segments, whatever the posture (upright,
    /// crouched in blocks, leaning), as a fraction of the image height: (trunk + thigh + shank)
    /// lengths, averaged over both sides, divided by 0.75, their typical share of standing height.
    /// `aspect` is the image width over its height.
    public static func bodyHeight(_ pose: DetectedPose, aspect: Double) -> Double {
        func point(_ landmark: BlazePoseLandmark) -> (x: Double, y: Double) {
            let value = pose.landmarks[landmark.rawValue]
            return (value.x * aspect, value.y)
        }
        func distance(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
            hypot(a.x - b.x, a.y - b.y)
        }
        var segments = 0.0
        for side in BodySide.allCases {
            let leg = LegLandmarks(side)
            let shoulder = point(side == .left ? .leftShoulder : .rightShoulder)
            segments += distance(shoulder, point(leg.hip)) + distance(point(leg.hip), point(leg.knee))
                + distance(point(leg.knee), point(leg.ankle))
        }
        return max(segments / 2 / 0.75, 0.01)
    }

    private struct Track {
        var poses: [(frame: Int, pose: DetectedPose)] = []
        var heights: [Double] = []
        var ankleSeparations: [Double] = []
        var lastFrame = -1
        var lastCentre = (x: 0.0, y: 0.0)
        var lastHeight = 0.0

        mutating func add(_ pose: DetectedPose, frame: Int, centre: (x: Double, y: Double), height: Double) {
            poses.append((frame, pose))
            heights.append(height)
            let left = pose.landmarks[BlazePoseLandmark.leftAnkle.rawValue].x
            let right = pose.landmarks[BlazePoseLandmark.rightAnkle.rawValue].x
            ankleSeparations.append((left - right) / height)
            lastFrame = frame
            lastCentre = centre
            lastHeight = height
        }

        var medianHeight: Double { heights.sorted()[heights.count / 2] }

        var legSwing: Double {
            let mean = ankleSeparations.reduce(0, +) / Double(ankleSeparations.count)
            let variance = ankleSeparations.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(ankleSeparations.count)
            return variance.squareRoot()
        }

        func score(frameCount: Int) -> Double {
            let coverage = Double(poses.count) / Double(max(frameCount, 1))
            return coverage * medianHeight * (0.2 + min(legSwing / 0.2, 1))
        }
    }
}
