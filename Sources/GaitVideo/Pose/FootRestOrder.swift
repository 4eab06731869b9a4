/// Puts the leg labels back where the feet's rests are out of order.
///
/// A planted foot stays put, and in running and walking the feet rest in turn. A rest is a spell of
/// at least `shortestRestSeconds` (and three frames) in which a foot (the mean of its ankle, heel
/// and toe) stays within `restRadiusLegLengths` of where the spell began. Two rests that follow each
/// other within `shortestSwingSeconds`, the second starting after the first ended, are of
/// different feet if they are at different places (no foot swings from one spot to the next that
/// fast) and of the same foot if they are at the same place (one rest broken by a blink of the
/// estimator). So one label resting at two places, or two labels resting at one place, in quick
/// succession means the labels were exchanged between the two rests: they are exchanged again from
/// the frame between them where that moves the leg chain least, to the end of the run.
struct FootRestOrder {
    /// The runner's leg length, image-height units.
    let legLength: Double
    /// Time between frames, seconds.
    let frameInterval: Double

    /// A foot's swing (toe-off to its next landing) lasts longer than this, seconds: about 0.3 s
    /// for sprinters at top speed, 0.35-0.5 s for distance running and 0.4 s for walking.
    static let shortestSwingSeconds = 0.25
    /// A resting foot stays within this distance of one spot, leg lengths (half a foot length:
    /// enough for the landmarks' jitter on a small runner, far less than a swing foot moves in
    /// three frames).
    static let restRadiusLegLengths = 0.15
    /// The shortest rest, seconds (running contacts last 0.08-0.35 s).
    static let shortestRestSeconds = 0.08
    /// Positions of the ankle, heel and toe in a leg `LimbChain` (hip, knee, ankle, heel, toe).
    static let footPoints = 2...4

    struct Rest {
        var first: Int
        var last: Int
        /// True for the foot labelled right (with the labels as they stand).
        var isRight: Bool
        /// Mean foot position over the rest, image-height units.
        var centre: SIMD2<Double>
    }

    /// Corrects `exchanges` (per frame, whether the leg labels are exchanged) of the run `legs`
    /// with frame times `times` (seconds).
    func correct(_ exchanges: inout [Bool], legs: [LimbChain], times: [Double]) {
        var earliestCut = 1
        while let (earlier, later) = firstOutOfOrder(rests(legs, exchanges: exchanges), times: times, from: earliestCut) {
            let cut = cheapestCut(in: (earlier.last + 1)...later.first, legs: legs, exchanges: exchanges)
            for index in cut..<exchanges.count { exchanges[index].toggle() }
            // Each correction lies after the previous one, so this ends.
            earliestCut = cut + 1
        }
    }

    /// The first pair of consecutive rests, the later starting at or after frame `from`, whose
    /// labels contradict their places.
    func firstOutOfOrder(_ rests: [Rest], times: [Double], from: Int) -> (Rest, Rest)? {
        let radius = Self.restRadiusLegLengths * legLength
        for (earlier, later) in zip(rests, rests.dropFirst())
        where later.first >= from && later.first > earlier.last && times[later.first] - times[earlier.last] < Self.shortestSwingSeconds {
            let apart = LimbChain.distance(earlier.centre, later.centre) > 2 * radius
            if (earlier.isRight == later.isRight) == apart { return (earlier, later) }
        }
        return nil
    }

    /// The rests of both labelled feet, ordered by their first frame.
    func rests(_ legs: [LimbChain], exchanges: [Bool]) -> [Rest] {
        let radius = Self.restRadiusLegLengths * legLength
        var rests: [Rest] = []
        for isRight in [false, true] {
            let feet = legs.indices.map { foot(legs[$0], isRight: isRight, exchanged: exchanges[$0]) }
            var start = 0
            while start < feet.count {
                var end = start + 1
                while end < feet.count, LimbChain.distance(feet[end], feet[start]) <= radius { end += 1 }
                // Each frame stands for one frame interval.
                if end - start >= 3, Double(end - start) * frameInterval >= Self.shortestRestSeconds {
                    let centre = feet[start..<end].reduce(SIMD2<Double>(0, 0), +) / Double(end - start)
                    rests.append(Rest(first: start, last: end - 1, isRight: isRight, centre: centre))
                    start = end
                } else {
                    start += 1
                }
            }
        }
        return rests.sorted { ($0.first, $0.last) < ($1.first, $1.last) }
    }

    /// The frame in `candidates` where exchanging the labels from there on moves the leg chain
    /// least, relative to keeping them.
    func cheapestCut(in candidates: ClosedRange<Int>, legs: [LimbChain], exchanges: [Bool]) -> Int {
        func travel(_ index: Int, exchangedNow: Bool) -> Double {
            let before = legs[index - 1].points(exchanged: exchanges[index - 1])
            let now = legs[index].points(exchanged: exchangedNow)
            return zip(before, now).reduce(0) { $0 + LimbChain.distance($1.0, $1.1) }
        }
        return candidates.min { a, b in
            travel(a, exchangedNow: !exchanges[a]) - travel(a, exchangedNow: exchanges[a])
                < travel(b, exchangedNow: !exchanges[b]) - travel(b, exchangedNow: exchanges[b])
        }!
    }

    private func foot(_ leg: LimbChain, isRight: Bool, exchanged: Bool) -> SIMD2<Double> {
        let points = (isRight != exchanged) ? leg.right : leg.left
        return Self.footPoints.map { points[$0] }.reduce(SIMD2<Double>(0, 0), +) / Double(Self.footPoints.count)
    }
}
