/// Chooses, for each frame of a run, whether to keep or exchange the estimator's left/right labels
/// of one limb chain, so that the chain's landmarks move as smoothly as possible.
///
/// The cost of a labelling is the summed length of every landmark's second difference
/// |p(t) − 2 p(t−1) + p(t−2)| (image-height units; frame times are taken as evenly spaced), plus
/// `overrideCostLegLengthsPerSecond` × leg length × frame interval for each frame whose labels are
/// exchanged, so that the estimator's labels stand wherever motion cannot tell (legs crossing at
/// the same speed, both feet in the blocks). The least-cost labelling is found exactly by dynamic
/// programming over the last two frames' choices (four states, O(frames)).
///
/// Smoothness, not nearness: a swing foot passing the planted one is next to it for a frame or two,
/// where labels chosen by distance alone are a coin toss, but it keeps its speed and the planted
/// foot keeps still, so an exchange there costs a sudden acceleration of both.
struct SmoothestLabelling {
    /// The runner's leg length, image-height units.
    let legLength: Double
    /// Time between frames, seconds.
    let frameInterval: Double

    /// Cost of exchanging the estimator's labels, leg lengths per second of exchanged frames
    /// (2.5: 0.08 leg lengths per frame at 30 fps; in a prototype, half or twice this passed the
    /// same sprint-clip checks).
    static let overrideCostLegLengthsPerSecond = 2.5

    /// For each frame of `chain`, whether its labels are exchanged.
    func exchanges(_ chain: [LimbChain]) -> [Bool] {
        let count = chain.count
        guard count >= 3 else { return [Bool](repeating: false, count: count) }
        let overrideCost = Self.overrideCostLegLengthsPerSecond * legLength * frameInterval
        // Points of frame t in state s (0 kept, 1 exchanged).
        let points = chain.map { [$0.points(exchanged: false), $0.points(exchanged: true)] }
        func acceleration(_ t: Int, _ a: Int, _ b: Int, _ c: Int) -> Double {
            var total = 0.0
            for (p0, (p1, p2)) in zip(points[t - 2][a], zip(points[t - 1][b], points[t][c])) {
                total += LimbChain.distance(p2 - p1, p1 - p0)
            }
            return total
        }
        // least[b][c]: the least cost of frames up to t with frame t−1 in state b and frame t in c.
        var least: [[Double]] = [[0, overrideCost], [overrideCost, 2 * overrideCost]]
        // before[t − 2][b][c]: the state of frame t−2 on that least-cost path.
        var before: [[[Int]]] = []
        before.reserveCapacity(count - 2)
        for t in 2..<count {
            var next: [[Double]] = [[.infinity, .infinity], [.infinity, .infinity]]
            var choice: [[Int]] = [[0, 0], [0, 0]]
            for b in 0...1 {
                for c in 0...1 {
                    for a in 0...1 {
                        let cost = least[a][b] + acceleration(t, a, b, c) + Double(c) * overrideCost
                        if cost < next[b][c] { (next[b][c], choice[b][c]) = (cost, a) }
                    }
                }
            }
            least = next
            before.append(choice)
        }
        // Ties go to keeping the estimator's labels (state 0 is tried first).
        var (b, c) = (0, 0)
        for candidate in [(0, 1), (1, 0), (1, 1)] where least[candidate.0][candidate.1] < least[b][c] { (b, c) = candidate }
        var states = [Int](repeating: 0, count: count)
        states[count - 1] = c
        states[count - 2] = b
        for t in stride(from: count - 1, through: 2, by: -1) {
            let a = before[t - 2][b][c]
            states[t - 2] = a
            (b, c) = (a, b)
        }
        return states.map { $0 == 1 }
    }
}
