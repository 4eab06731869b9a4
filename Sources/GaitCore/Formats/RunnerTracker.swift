/// Chooses the runner among the people a 2-D pose detector found in a frame.
///
/// Rule (documented in `docs/formats.md`): in the first frame with people, the largest person
/// (area of the box around their detected keypoints) is the runner. In later frames the runner
/// is the person whose keypoint centre is nearest to the runner's last known centre; people at
/// the same distance (within 1 px) are told apart by size, largest first. A frame with no person
/// keeps the last known centre, so the runner is picked up again when they reappear.
struct RunnerTracker {
    /// One detected person: the keypoints that were found, in pixels.
    struct Candidate {
        var points: [PixelPoint]

        /// Mean of the keypoints, pixels.
        var centre: PixelPoint {
            let n = Double(points.count)
            return PixelPoint(x: points.reduce(0) { $0 + $1.x } / n, y: points.reduce(0) { $0 + $1.y } / n)
        }

        /// Area of the axis-aligned box around the keypoints, square pixels.
        var boxArea: Double {
            let xs = points.map(\.x), ys = points.map(\.y)
            return (xs.max()! - xs.min()!) * (ys.max()! - ys.min()!)
        }
    }

    private var lastCentre: PixelPoint?

    /// The index of the runner among `candidates`, or `nil` when no candidate has a keypoint.
    mutating func choose(among candidates: [Candidate]) -> Int? {
        let usable = candidates.indices.filter { !candidates[$0].points.isEmpty }
        guard !usable.isEmpty else { return nil }
        let chosen: Int
        if let last = lastCentre {
            func distance(_ i: Int) -> Double {
                let c = candidates[i].centre
                return ((c.x - last.x) * (c.x - last.x) + (c.y - last.y) * (c.y - last.y)).squareRoot()
            }
            let nearest = usable.map(distance).min()!
            let tied = usable.filter { distance($0) - nearest <= 1 }
            chosen = tied.max { candidates[$0].boxArea < candidates[$1].boxArea }!
        } else {
            chosen = usable.max { candidates[$0].boxArea < candidates[$1].boxArea }!
        }
        lastCentre = candidates[chosen].centre
        return chosen
    }
}
