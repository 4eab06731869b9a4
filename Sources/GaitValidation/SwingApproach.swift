import Foundation
import GaitCore

/// How the swinging foot arrives at its next contact, measured the same way on any pose sequence
/// whose contacts are known (force plate or simulator): the landing foot's ankle relative to the
/// hip centre over the last moments before initial contact, in leg lengths, averaged over the
/// contacts. It compares the simulator's swing with a real runner's (docs/training.md).
public struct SwingApproach: Sendable {
    /// Times relative to initial contact where the path is sampled, seconds (negative = before).
    public var offsetsSeconds: [Double]
    /// Mean distance of the ankle ahead of the hip centre, leg lengths (forward positive).
    public var ankleAhead: [Double]
    /// Mean height of the ankle above where it is at initial contact, leg lengths.
    public var ankleHeight: [Double]
    /// Mean time from the ankle's forward-most point relative to the hip to initial contact,
    /// seconds (searched over the last `searchSeconds` before contact).
    public var forwardMostLeadSeconds: Double
    /// Contacts that were measured.
    public var contactCount: Int

    /// How far before initial contact the forward-most point is searched for, seconds.
    public static let searchSeconds = 0.25

    /// Measures `contacts` in `poses`; `nil` when no contact has the landmarks around it.
    public init?(poses: PoseSequence, contacts: [GaitEvent], offsetsSeconds: [Double]) {
        let track = LandmarkTrack(poses)
        guard let legPixels = track.legLengthPixels, let forward = track.forwardSign else { return nil }
        var ahead = [[Double]](), height = [[Double]](), leads = [Double]()
        for contact in contacts {
            let ic = contact.initialContact
            let ankle = contact.side == .left ? BlazePoseLandmark.leftAnkle : .rightAnkle
            func aheadAt(_ t: Double) -> Double? {
                guard let a = track.pixel(ankle, at: t), let h = track.hipCentre(at: t) else { return nil }
                return forward * (a.x - h.x) / legPixels
            }
            guard let landing = track.pixel(ankle, at: ic) else { continue }
            let path = offsetsSeconds.map { aheadAt(ic + $0) }
            // Image y grows downwards.
            let rise = offsetsSeconds.map { offset in track.pixel(ankle, at: ic + offset).map { (landing.y - $0.y) / legPixels } }
            let search = stride(from: ic - Self.searchSeconds, through: ic, by: 0.001).compactMap { t in aheadAt(t).map { (t, $0) } }
            guard path.allSatisfy({ $0 != nil }), rise.allSatisfy({ $0 != nil }),
                let forwardMost = search.max(by: { $0.1 < $1.1 })
            else { continue }
            ahead.append(path.map { $0! })
            height.append(rise.map { $0! })
            leads.append(ic - forwardMost.0)
        }
        guard !leads.isEmpty else { return nil }
        func columnMeans(_ rows: [[Double]]) -> [Double] {
            (0..<offsetsSeconds.count).map { column in rows.map { $0[column] }.reduce(0, +) / Double(rows.count) }
        }
        self.offsetsSeconds = offsetsSeconds
        ankleAhead = columnMeans(ahead)
        ankleHeight = columnMeans(height)
        forwardMostLeadSeconds = leads.reduce(0, +) / Double(leads.count)
        contactCount = leads.count
    }
}

/// Landmark positions in pixels at any time, interpolated linearly between the frames that hold them.
private struct LandmarkTrack {
    let poses: PoseSequence
    let times: [Double]

    init(_ poses: PoseSequence) {
        self.poses = poses
        times = poses.frames.map(\.time)
    }

    func pixel(_ point: BlazePoseLandmark, at time: Double) -> (x: Double, y: Double)? {
        let upper = times.partitioningIndex { $0 >= time }  // the first frame at or after `time`
        guard upper < times.count else { return nil }
        let lower = times[upper] == time ? upper : upper - 1
        guard lower >= 0, let a = poses.pixel(point, frame: lower), let b = poses.pixel(point, frame: upper) else { return nil }
        let span = times[upper] - times[lower]
        let w = span > 0 ? (time - times[lower]) / span : 0
        return (a.x + (b.x - a.x) * w, a.y + (b.y - a.y) * w)
    }

    func hipCentre(at time: Double) -> (x: Double, y: Double)? {
        guard let l = pixel(.leftHip, at: time), let r = pixel(.rightHip, at: time) else { return nil }
        return ((l.x + r.x) / 2, (l.y + r.y) / 2)
    }

    /// Median thigh + median shank over both legs, pixels.
    var legLengthPixels: Double? {
        var thighs: [Double] = [], shanks: [Double] = []
        for frame in poses.frames.indices {
            for (hip, knee, ankle) in [(BlazePoseLandmark.leftHip, BlazePoseLandmark.leftKnee, BlazePoseLandmark.leftAnkle),
                                       (.rightHip, .rightKnee, .rightAnkle)] {
                guard let h = poses.pixel(hip, frame: frame), let k = poses.pixel(knee, frame: frame),
                    let a = poses.pixel(ankle, frame: frame)
                else { continue }
                thighs.append(hypot(h.x - k.x, h.y - k.y))
                shanks.append(hypot(k.x - a.x, k.y - a.y))
            }
        }
        guard let thigh = Statistics.median(thighs), let shank = Statistics.median(shanks) else { return nil }
        return thigh + shank
    }

    /// +1 when the runner faces right in the image (toes to the right of the heels), else −1.
    var forwardSign: Double? {
        var toesRight: [Double] = []
        for frame in poses.frames.indices {
            for (heel, toe) in [(BlazePoseLandmark.leftHeel, BlazePoseLandmark.leftFootIndex), (.rightHeel, .rightFootIndex)] {
                if let h = poses.pixel(heel, frame: frame), let t = poses.pixel(toe, frame: frame) { toesRight.append(t.x - h.x) }
            }
        }
        return Statistics.median(toesRight).map { $0 >= 0 ? 1 : -1 }
    }
}
