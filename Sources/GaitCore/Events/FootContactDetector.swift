import Foundation

/// Finds each foot's ground contacts — initial contact (IC) and toe-off (TO) — from the heel and
/// toe (foot index) landmarks of a cleaned side-view pose.
///
/// 1. Each landmark gets its resting line (`GroundLine`) and a height above it.
/// 2. Coarse stance: the lower of heel and toe is within a threshold of its line (5% of leg length,
///    or four times the landmark noise if larger), with hysteresis and minimum durations.
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

    init(pose: CleanedPose, legLengthPixels: Double) {
        self.pose = pose
        self.legLengthPixels = legLengthPixels
        noisePixels = Self.footNoise(pose)
    }

    /// Heights above the resting line for one foot landmark, raw and smoothed.
    struct PointTrack {
        let landmark: BlazePoseLandmark
        let raw: [Double?]
        let smooth: [Double?]
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

    func tracks(_ side: BodySide) -> [PointTrack] {
        let leg = LegLandmarks(side)
        let tolerance = max(0.02 * legLengthPixels, 2 * noisePixels)
        return [leg.heel, leg.footIndex].compactMap { point in
            let index = point.rawValue
            guard let line = GroundLine(x: pose.smoothX[index], y: pose.smoothY[index], tolerance: tolerance) else { return nil }
            func heights(_ xs: [Double?], _ ys: [Double?]) -> [Double?] {
                zip(xs, ys).map { x, y in
                    guard let x, let y else { return nil }
                    return line.height(x: x, y: y)
                }
            }
            return PointTrack(landmark: point, raw: heights(pose.rawX[index], pose.rawY[index]),
                              smooth: heights(pose.smoothX[index], pose.smoothY[index]))
        }
    }

    /// The contacts of `side`, in time order.
    func contacts(_ side: BodySide) -> [GaitEvent] {
        let tracks = tracks(side)
        guard !tracks.isEmpty else { return [] }
        let threshold = contactThreshold
        let low: [Double?] = (0..<pose.count).map { i in tracks.compactMap { $0.smooth[i] }.min() }
        return coarseStances(low, threshold: threshold).compactMap { refine($0, tracks: tracks, threshold: threshold, side: side) }
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
    func refine(_ stance: ClosedRange<Int>, tracks: [PointTrack], threshold: Double, side: BodySide) -> GaitEvent? {
        let dt = pose.interval
        let outside = max(4, Int((0.10 / dt).rounded()))
        let liftOffOutside = max(3, Int((0.07 / dt).rounded()))
        let inside = max(3, min(Int((0.06 / dt).rounded()), Int(0.4 * Double(stance.count))))
        let reach = max(3, Int((0.08 / dt).rounded()))
        // An edge at the clip's end or next to missing data cannot be timed.
        func observable(_ index: Int, before: Bool) -> Bool {
            let range = before ? max(0, index - outside)..<index : (index + 1)..<min(pose.count, index + 1 + outside)
            return range.count >= outside && tracks.contains { track in range.allSatisfy { track.raw[$0] != nil } }
        }
        guard observable(stance.lowerBound, before: true) else { return nil }

        let early = stance.lowerBound...min(stance.upperBound, stance.lowerBound + reach)
        let landings: [(HingeFit, BlazePoseLandmark)] = tracks.compactMap { track in
            // Only a point that is on the ground soon after the coarse start can be the first to land.
            guard early.contains(where: { (track.smooth[$0] ?? .infinity) < threshold }) else { return nil }
            let searchEnd = min(stance.upperBound, stance.lowerBound + reach)
            return edgeFit(.landing, track: track, search: (stance.lowerBound - 2)...searchEnd,
                           outside: outside, inside: inside, stance: stance).map { ($0, track.landmark) }
        }
        guard let landing = landings.min(by: { $0.0.time < $1.0.time }) else { return nil }

        var liftOff: (HingeFit, BlazePoseLandmark)?
        if observable(stance.upperBound, before: false) {
            let late = max(stance.lowerBound, stance.upperBound - reach)...stance.upperBound
            let lifts: [(HingeFit, BlazePoseLandmark)] = tracks.compactMap { track in
                guard late.contains(where: { (track.smooth[$0] ?? .infinity) < threshold }) else { return nil }
                return edgeFit(.liftOff, track: track, search: late.lowerBound...(stance.upperBound + 2),
                               outside: liftOffOutside, inside: inside, stance: stance).map { ($0, track.landmark) }
            }
            liftOff = lifts.max { $0.0.time < $1.0.time }
        }
        var toeOff = liftOff?.0.time
        if let t = toeOff, t <= landing.0.time + 2 * dt { toeOff = nil }
        let confidence = eventConfidence(landing, liftOff, noise: noisePixels)
        return GaitEvent(side: side, initialContact: landing.0.time, toeOff: toeOff, confidence: confidence)
    }

    /// Two-pass hinge fit of one edge: first over the whole search span, then re-centred.
    private func edgeFit(
        _ kind: HingeFit.Kind, track: PointTrack, search: ClosedRange<Int>, outside: Int, inside: Int, stance: ClosedRange<Int>
    ) -> HingeFit? {
        let landing = kind == .landing
        let firstWindow = landing
            ? (search.lowerBound - outside)...(search.upperBound + inside)
            : (search.lowerBound - inside)...(search.upperBound + outside)
        guard let first = fit(kind, track: track, window: firstWindow, search: search) else { return nil }
        let centre = pose.index(nearest: first.time)
        let window = landing
            ? (centre - outside)...min(centre + inside, stance.upperBound)
            : max(centre - inside, stance.lowerBound)...(centre + outside)
        return fit(kind, track: track, window: window, search: (centre - 2)...(centre + 2)) ?? first
    }

    private func fit(_ kind: HingeFit.Kind, track: PointTrack, window: ClosedRange<Int>, search: ClosedRange<Int>) -> HingeFit? {
        let lower = max(0, window.lowerBound), upper = min(pose.count - 1, window.upperBound)
        guard lower < upper else { return nil }
        var times: [Double] = [], heights: [Double] = []
        // Only measured samples: an interpolated one would cut the corner being located.
        let measured = pose.measured[track.landmark.rawValue]
        for i in lower...upper where measured[i] {
            if let h = track.raw[i] {
                times.append(pose.times[i])
                heights.append(h)
            }
        }
        let first = pose.times[min(max(search.lowerBound, 0), pose.count - 1)]
        let last = pose.times[min(max(search.upperBound, 0), pose.count - 1)]
        guard first < last else { return nil }
        return HingeFit(kind: kind, times: times, heights: heights, searchRange: first...last, step: pose.interval / 20)
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
