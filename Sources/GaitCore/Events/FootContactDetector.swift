import Foundation

/// Finds each foot's ground contacts — initial contact (IC) and toe-off (TO) — from the heel and
/// toe (foot index) landmarks of a cleaned side-view pose.
///
/// 1. Each landmark gets its resting line (`GroundLine`) and a height above it.
/// 2. Coarse stance: a foot point is within a threshold of its line (5% of leg length, or four
///    times the landmark noise if larger) AND moves horizontally with the ground (within 0.6 leg
///    lengths per second, or a quarter of the feet's fast swing speed if larger, of the ground's
///    image velocity: zero for a static camera over the ground,
///    the belt's speed on a treadmill, measured from the middle of the stances). In late swing a
///    foot can skim the ground for 100 ms while still swinging forward; only contact stops it.
///    Hysteresis and minimum durations clean the result.
/// 3. Refinement: around each coarse edge, `HingeFit` finds the landing time of every foot point
///    that is on the ground at that edge, and IC is the earliest (the heel for a rearfoot strike,
///    the toe for a forefoot strike); TO is the latest lift-off (normally the toe).
/// 4. Each event gets a confidence from the fit quality, the share of measured (not interpolated)
///    samples and the landmarks' visibility.
struct FootContactDetector {
    let pose: CleanedPose
    let legLengthPixels: Double
    /// Noise level of the foot landmarks (robust SD of raw − smooth), pixels.
    let noisePixels: Double

    /// How far a foot landmark keeps sinking after the sole touches, in pixels per side (the
    /// shoe's midsole and the heel pad compressing): `compressionMeters` × each leg's scale.
    let compressionPixels: [BodySide: Double]

    /// Sinking of a shod foot's landmarks after touchdown, metres. Calibrated on the first half of
    /// the Fukuchi 2017 force-plate trial (RBDS001, 2.5 m/s, shod) and checked on its second
    /// half; see docs/analysis.md.
    public static let compressionMeters = 0.013
    /// Largest touchdown correction applied, seconds (a foot that lands very slowly would
    /// otherwise be moved far back).
    static let maximumCompressionSeconds = 0.04

    init(pose: CleanedPose, legLengthPixels: Double, pixelsPerMeter: [BodySide: Double] = [:]) {
        self.pose = pose
        self.legLengthPixels = legLengthPixels
        noisePixels = Self.footNoise(pose)
        compressionPixels = pixelsPerMeter.mapValues { $0 * Self.compressionMeters }
    }

    /// Heights above the resting line for one foot landmark, raw and smoothed.
    struct PointTrack {
        let landmark: BlazePoseLandmark
        let raw: [Double?]
        let smooth: [Double?]
        /// Horizontal image velocity of the smoothed point, pixels per second.
        let velocityX: [Double?]
        /// Raw horizontal position, pixels.
        let rawX: [Double?]
        /// True where the sample was measured rather than interpolated.
        let measured: [Bool]

        /// The foot's lowest part at each sample: the smaller height of `tracks` (measured
        /// samples only where any was measured), standing for "the sole" in the landing fit.
        init(lowestOf tracks: [PointTrack]) {
            landmark = tracks[0].landmark
            let count = tracks[0].raw.count
            var raw = [Double?](repeating: nil, count: count), smooth = raw, measured = [Bool](repeating: false, count: count)
            for i in 0..<count {
                let measuredHeights = tracks.filter { $0.measured[i] }.compactMap { $0.raw[i] }
                raw[i] = measuredHeights.min() ?? tracks.compactMap { $0.raw[i] }.min()
                measured[i] = !measuredHeights.isEmpty
                smooth[i] = tracks.compactMap { $0.smooth[i] }.min()
            }
            self.raw = raw
            self.smooth = smooth
            self.measured = measured
            velocityX = tracks[0].velocityX
            rawX = tracks[0].rawX
        }

        init(landmark: BlazePoseLandmark, raw: [Double?], smooth: [Double?], velocityX: [Double?], rawX: [Double?], measured: [Bool]) {
            self.landmark = landmark
            self.raw = raw
            self.smooth = smooth
            self.velocityX = velocityX
            self.rawX = rawX
            self.measured = measured
        }
    }

    private static func footNoise(_ pose: CleanedPose) -> Double {
        var residuals: [Double] = []
        for side in BodySide.allCases {
            for point in [LegLandmarks(side).heel, LegLandmarks(side).footIndex] {
                let raw = pose.rawY[point.rawValue], smooth = pose.smoothY[point.rawValue]
                for i in raw.indices { if let r = raw[i], let s = smooth[i] { residuals.append(abs(r - s)) } }
            }
        }
        return 1.4826 * (Statistics.median(residuals) ?? 0)
    }

    /// Height threshold separating "on the ground" from "in the air", pixels.
    var contactThreshold: Double { max(0.05 * legLengthPixels, 4 * noisePixels) }

    /// A foot point standing still stays within this distance of one spot, leg lengths (a third
    /// of a foot length: above the landmarks' jitter, about a pixel a frame on a runner 100 px
    /// tall, which a per-sample speed limit would read as motion).
    static let standingRadiusLegLengths = 0.1
    /// Staying put longer than this is standing, not a running contact, seconds.
    static let standingSeconds = 0.6
    /// The same for a spell cut by the start or end of the samples, seconds: it lasted longer than
    /// what is seen, and this is already longer than any running contact.
    static let cutStandingSeconds = 0.4

    /// The samples with standing still removed: a foot point that stays within
    /// `standingRadiusLegLengths` of one spot for more than `standingSeconds` (a sprinter in the
    /// blocks, a runner waiting to start) is not running, and its many samples would outvote the
    /// real contacts when the resting line is fitted. A treadmill stance slides with the belt and a
    /// running contact lasts under 0.4 s, so neither is removed. The analysis keeps 0.3 s before
    /// the runner sets off (`RunningBout`), so the blocks' last spell is cut by the start of the
    /// samples: such a spell counts from `cutStandingSeconds`.
    func withoutStandingStill(x: [Double?], y: [Double?]) -> (x: [Double?], y: [Double?]) {
        let radius = Self.standingRadiusLegLengths * legLengthPixels
        let standing = Int((Self.standingSeconds / pose.interval).rounded())
        let cutStanding = Int((Self.cutStandingSeconds / pose.interval).rounded())
        var outX = x, outY = y
        var start = 0
        while start < x.count {
            guard let x0 = x[start], let y0 = y[start] else {
                start += 1
                continue
            }
            var end = start + 1
            while end < x.count, let x1 = x[end], let y1 = y[end], hypot(x1 - x0, y1 - y0) <= radius { end += 1 }
            let cut = start == 0 || end == x.count
            if end - start >= (cut ? cutStanding : standing) {
                for i in start..<end { outX[i] = nil; outY[i] = nil }
                start = end
            } else {
                start += 1
            }
        }
        return (outX, outY)
    }

    func tracks(_ side: BodySide) -> [PointTrack] {
        let leg = LegLandmarks(side)
        let tolerance = max(0.02 * legLengthPixels, 2 * noisePixels)
        return [leg.heel, leg.footIndex].compactMap { point in
            let index = point.rawValue
            let moving = withoutStandingStill(x: pose.smoothX[index], y: pose.smoothY[index])
            guard let line = GroundLine(x: moving.x, y: moving.y, tolerance: tolerance) else { return nil }
            func heights(_ xs: [Double?], _ ys: [Double?]) -> [Double?] {
                zip(xs, ys).map { x, y in
                    guard let x, let y else { return nil }
                    return line.height(x: x, y: y)
                }
            }
            let x = pose.smoothX[index]
            let velocity: [Double?] = x.indices.map { i in
                guard i > 0, i + 1 < x.count, let before = x[i - 1], let after = x[i + 1] else { return nil }
                return (after - before) / (2 * pose.interval)
            }
            return PointTrack(landmark: point, raw: heights(pose.rawX[index], pose.rawY[index]),
                              smooth: heights(pose.smoothX[index], pose.smoothY[index]), velocityX: velocity, rawX: pose.rawX[index], measured: pose.measured[index])
        }
    }

    /// The contacts of `side`, in time order.
    func contacts(_ side: BodySide) -> [GaitEvent] {
        let tracks = tracks(side)
        guard !tracks.isEmpty else { return [] }
        let threshold = contactThreshold
        let low: [Double?] = (0..<pose.count).map { i in tracks.compactMap { $0.smooth[i] }.min() }
        let ground = groundVelocity(tracks, stances: coarseStances(low, threshold: threshold))
        // A quarter of the feet's fast (95th percentile) speed over the ground, and at least 0.6
        // leg lengths per second: sprinters' feet swing at 10 m/s and more, and at 25-30 fps the
        // low-pass spreads some of that speed into a 4-frame contact.
        let footSpeeds = tracks.flatMap { track in track.velocityX.compactMap { $0.map { abs($0 - ground) } } }
        let speedLimit = max(0.6 * legLengthPixels, 0.25 * (Statistics.quantile(footSpeeds, 0.95) ?? 0))
        let planted: [Double?] = (0..<pose.count).map { i in
            let heights = tracks.compactMap { $0.smooth[i] }
            guard !heights.isEmpty else { return nil }
            let moving = tracks.compactMap { track -> Double? in
                guard let h = track.smooth[i], let v = track.velocityX[i] else { return nil }
                return abs(v - ground) < speedLimit ? h : nil
            }
            return moving.min() ?? .infinity
        }
        let lowest = PointTrack(lowestOf: tracks)
        let contacts = coarseStances(planted, threshold: threshold).compactMap {
            refine($0, tracks: tracks, lowest: lowest, threshold: threshold, groundVelocity: ground, side: side)
        }
        // Two stances of one foot that refine to (nearly) the same landing are one contact seen
        // twice (a stance broken by landmark jitter): keep the more confident.
        var distinct: [GaitEvent] = []
        for contact in contacts {
            if let last = distinct.last, contact.initialContact - last.initialContact < 0.08 {
                if contact.confidence > last.confidence { distinct[distinct.count - 1] = contact }
            } else {
                distinct.append(contact)
            }
        }
        return distinct
    }

    /// The ground's horizontal image velocity, pixels per second: the median velocity of the
    /// foot points over the middle 40% of the vertically detected stances (0 over fixed ground,
    /// the belt on a treadmill, the ground sliding by under a panning camera).
    func groundVelocity(_ tracks: [PointTrack], stances: [ClosedRange<Int>]) -> Double {
        var velocities: [Double] = []
        for stance in stances {
            let length = stance.count
            let middle = (stance.lowerBound + Int(0.3 * Double(length)))...(stance.lowerBound + Int(0.7 * Double(length)))
            for track in tracks {
                for i in middle where (track.smooth[i] ?? .infinity) < contactThreshold {
                    if let v = track.velocityX[i] { velocities.append(v) }
                }
            }
        }
        return Statistics.median(velocities) ?? 0
    }

    /// Sample ranges where the foot is low, with hysteresis (enter below `threshold`, leave above
    /// 1.5 × it), gaps under 40 ms merged and stances under 60 ms dropped. A stance touching an end
    /// of the clip, or a gap in the data, keeps an open edge (its event there is unknown).
    func coarseStances(_ low: [Double?], threshold: Double) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        var start: Int?
        for (i, value) in low.enumerated() {
            guard let value else {
                if let s = start { ranges.append(s...(i - 1)); start = nil }
                continue
            }
            if start == nil, value < threshold {
                start = i
            } else if let s = start, value > 1.5 * threshold {
                ranges.append(s...(i - 1))
                start = nil
            }
        }
        if let s = start { ranges.append(s...(low.count - 1)) }
        let mergeGap = Int((0.04 / pose.interval).rounded())
        var merged: [ClosedRange<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound - last.upperBound <= mergeGap,
               !(last.upperBound + 1..<range.lowerBound).contains(where: { low[$0] == nil }) {
                merged[merged.count - 1] = last.lowerBound...range.upperBound
            } else {
                merged.append(range)
            }
        }
        let minimum = max(2, Int((0.06 / pose.interval).rounded()))
        return merged.filter { $0.count >= minimum }
    }

    /// Refines one coarse stance into a contact; `nil` when its initial contact is not observable.
    ///
    /// The coarse start comes before the true landing (the foot crosses the threshold on its way
    /// down) and the coarse end after the true lift-off, so landings are searched from two samples
    /// before the coarse start to 80 ms after it, lift-offs from 80 ms before the coarse end to two
    /// samples after. A second fit re-centres the window (±60 ms, at least four samples each side,
    /// and no more than 40% of the stance inside it) on the first estimate.
    func refine(
        _ stance: ClosedRange<Int>, tracks: [PointTrack], lowest: PointTrack, threshold: Double, groundVelocity: Double, side: BodySide
    ) -> GaitEvent? {
        let dt = pose.interval
        let outside = max(4, Int((0.10 / dt).rounded()))
        let liftOffOutside = max(3, Int((0.07 / dt).rounded()))
        let inside = max(3, min(Int((0.06 / dt).rounded()), Int(0.4 * Double(stance.count))))
        let reach = max(3, Int((0.08 / dt).rounded()))
        // The speed gate can start a stance a little after the landing; look back 50 ms.
        let lookBack = max(2, Int((0.05 / dt).rounded()))
        // An edge at the clip's end or next to missing data cannot be timed.
        func observable(_ index: Int, before: Bool) -> Bool {
            let range = before ? max(0, index - outside)..<index : (index + 1)..<min(pose.count, index + 1 + outside)
            return range.count >= outside && tracks.contains { track in range.allSatisfy { track.raw[$0] != nil } }
        }
        guard observable(stance.lowerBound, before: true) else { return nil }

        // The foot lands when its lowest part (heel for a rearfoot strike, toes for a forefoot
        // strike, whichever is lower at each instant) comes down onto the ground.
        let searchEnd = min(stance.upperBound, stance.lowerBound + reach)
        guard let landingFit = edgeFit(.landing, track: lowest, search: (stance.lowerBound - lookBack)...searchEnd,
                                       outside: outside, inside: inside, stance: stance, groundVelocity: groundVelocity)
        else { return nil }
        let strikePoint = tracks.min { ($0.smooth[pose.index(nearest: landingFit.time)] ?? .infinity) < ($1.smooth[pose.index(nearest: landingFit.time)] ?? .infinity) }!
        let landing = (landingFit, strikePoint.landmark)
        // The fit finds when the landmark stops; the sole touched while the landmark was still
        // `compression` above that, coming down at the fitted speed.
        let compressionSeconds = min(Self.maximumCompressionSeconds, (compressionPixels[side] ?? 0) / max(landingFit.speed, 1e-9))
        let touchdown = landingFit.time - compressionSeconds

        var liftOff: (HingeFit, BlazePoseLandmark)?
        if observable(stance.upperBound, before: false) {
            let late = max(stance.lowerBound, stance.upperBound - reach)...stance.upperBound
            let lifts: [(HingeFit, BlazePoseLandmark)] = tracks.compactMap { track in
                guard late.contains(where: { (track.smooth[$0] ?? .infinity) < threshold }) else { return nil }
                return edgeFit(.liftOff, track: track, search: late.lowerBound...(stance.upperBound + 2),
                               outside: liftOffOutside, inside: inside, stance: stance, groundVelocity: groundVelocity).map { ($0, track.landmark) }
            }
            // The last point to start rising (normally the toe) marks the toe-off.
            liftOff = lifts.max { $0.0.time < $1.0.time }
        }
        var toeOff = liftOff?.0.time
        if let t = toeOff, t <= touchdown + 2 * dt { toeOff = nil }
        let confidence = eventConfidence(landing, liftOff, noise: noisePixels)
        return GaitEvent(side: side, initialContact: touchdown, toeOff: toeOff, confidence: confidence)
    }

    /// Two-pass hinge fit of one edge: first over the whole search span, then re-centred.
    private func edgeFit(
        _ kind: HingeFit.Kind, track: PointTrack, search: ClosedRange<Int>, outside: Int, inside: Int, stance: ClosedRange<Int>,
        groundVelocity: Double
    ) -> HingeFit? {
        let landing = kind == .landing
        // Before a landing, fit only the final descent: a foot that skims the ground and rises
        // again before it lands would otherwise bend the straight approach the model assumes.
        var approachStart = search.lowerBound - outside
        if landing {
            var i = search.lowerBound - 1
            while i > approachStart, i > 0 {
                if let h = track.smooth[i], let before = track.smooth[i - 1], let after = track.smooth[i + 1], h >= before, h >= after {
                    approachStart = i
                    break
                }
                i -= 1
            }
        }
        let firstWindow = landing
            ? approachStart...(search.upperBound + inside)
            : (search.lowerBound - inside)...(search.upperBound + outside)
        guard let first = fit(kind, track: track, window: firstWindow, search: search, groundVelocity: groundVelocity) else { return nil }
        let centre = pose.index(nearest: first.time)
        let window = landing
            ? max(centre - outside, approachStart)...min(centre + inside, stance.upperBound)
            : max(centre - inside, stance.lowerBound)...(centre + outside)
        return fit(kind, track: track, window: window, search: (centre - 2)...(centre + 2), groundVelocity: groundVelocity) ?? first
    }

    private func fit(
        _ kind: HingeFit.Kind, track: PointTrack, window: ClosedRange<Int>, search: ClosedRange<Int>, groundVelocity: Double
    ) -> HingeFit? {
        let lower = max(0, window.lowerBound), upper = min(pose.count - 1, window.upperBound)
        guard lower < upper else { return nil }
        var times: [Double] = [], heights: [Double] = []
        // Only measured samples: an interpolated one would cut the corner being located.
        for i in lower...upper where track.measured[i] {
            if let h = track.raw[i] {
                times.append(pose.times[i])
                heights.append(h)
            }
        }
        let first = pose.times[min(max(search.lowerBound, 0), pose.count - 1)]
        let last = pose.times[min(max(search.upperBound, 0), pose.count - 1)]
        guard first < last else { return nil }
        return HingeFit(kind: kind, times: times, heights: heights, searchRange: first...last, step: pose.interval / 20,
                        ramps: kind == .landing ? [0] : HingeFit.softRamps)
    }

    /// Confidence of one contact, 0-1: how well the hinge explains the data at each edge, how much
    /// of the data was measured rather than interpolated, and how visible the landmarks were.
    private func eventConfidence(
        _ landing: (HingeFit, BlazePoseLandmark), _ liftOff: (HingeFit, BlazePoseLandmark)?, noise: Double
    ) -> Double {
        func edgeQuality(_ fit: HingeFit, _ point: BlazePoseLandmark) -> Double {
            let i = pose.index(nearest: fit.time)
            let window = max(0, i - 3)...min(pose.count - 1, i + 3)
            let measuredShare = Double(window.filter { pose.measured[point.rawValue][$0] }.count) / Double(window.count)
            let visibility = window.map { pose.visibility[point.rawValue][$0] }.reduce(0, +) / Double(window.count)
            // A corner that moves less than a few noise SDs within one frame is hard to place.
            let sharpness = fit.speed * pose.interval / max(noise, 0.5)
            let sharpnessQuality = 1 - exp(-sharpness / 2)
            return fit.explainedVariance * measuredShare * min(1, visibility / 0.8) * sharpnessQuality
        }
        let landingQuality = edgeQuality(landing.0, landing.1)
        guard let liftOff else { return landingQuality }
        return (landingQuality + edgeQuality(liftOff.0, liftOff.1)) / 2
    }
}
