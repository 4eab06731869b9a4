import Foundation

/// How far an analysis can be trusted, at three levels: the pose, the gait events and overall
/// (see `docs/analysis.md` for the formulas and thresholds).
///
/// - Pose (0-100): 35% leg-landmark visibility, 35% coverage of the feet (share of samples where
///   both feet's heel and toe were measured), 30% tracking stability (landmark jitter relative to
///   leg length).
/// - Events (0-100): 50% mean event confidence, 20% step regularity (coefficient of variation of
///   step times), 15% number of contacts (8 or more for full marks), 15% left/right alternation.
/// - Overall: 45% pose + 55% events, multiplied by a view factor (side 1; oblique falling to 0.75
///   at 45°) and a frame-rate factor (1 at ≥ 50 fps, 0.92 at 30, 0.85 below 25).
/// Levels: High > 90, Good 75-90, Moderate 60-75, Low < 60.
struct ConfidenceEstimator {
    let pose: CleanedPose
    let contacts: [GaitEvent]
    let steps: [StepRecord]
    let view: ViewEstimate
    let capture: CaptureCheck
    let detector: FootContactDetector
    /// Share of samples where both feet's heel and toe were measured.
    let footCoverage: Double

    init(pose: CleanedPose, contacts: [GaitEvent], steps: [StepRecord], view: ViewEstimate, capture: CaptureCheck, detector: FootContactDetector) {
        self.pose = pose
        self.contacts = contacts
        self.steps = steps
        self.view = view
        self.capture = capture
        self.detector = detector
        let feet = BodySide.allCases.flatMap { [LegLandmarks($0).heel, LegLandmarks($0).footIndex] }
        let covered = (0..<pose.count).filter { i in feet.allSatisfy { pose.measured[$0.rawValue][i] } }.count
        footCoverage = pose.count > 0 ? Double(covered) / Double(pose.count) : 0
    }

    /// Timing metrics are withheld when the events score is below this (percent).
    static let minimumEventsPercent = 50.0
    /// Every metric is withheld when the pose score is below this (percent).
    static let minimumPosePercent = 40.0
    /// Sagittal joint angles are withheld beyond this view angle (degrees off the side view).
    static let maximumAngleViewDegrees = 45.0

    private var legPoints: [BlazePoseLandmark] {
        BodySide.allCases.flatMap { side -> [BlazePoseLandmark] in
            let leg = LegLandmarks(side)
            return [leg.hip, leg.knee, leg.ankle, leg.heel, leg.footIndex]
        }
    }

    var visibilityScore: Double { clamp((capture.legVisibility - 0.5) / 0.4) }

    /// Landmark jitter relative to leg length.
    var jitter: Double { detector.noisePixels / detector.legLengthPixels }

    var stabilityScore: Double { clamp(1 - jitter / 0.03) }

    var posePercent: Double { 100 * (0.35 * visibilityScore + 0.35 * footCoverage + 0.30 * stabilityScore) }

    var stepTimeVariation: Double? {
        let stepTimes = steps.compactMap(\.stepTime)
        guard let mean = Statistics.mean(stepTimes), let sd = Statistics.standardDeviation(stepTimes), mean > 0 else { return nil }
        return sd / mean
    }

    var alternationShare: Double {
        let pairs = zip(contacts, contacts.dropFirst())
        let alternating = pairs.filter { $0.side != $1.side }.count
        return contacts.count > 1 ? Double(alternating) / Double(contacts.count - 1) : 0
    }

    var meanEventConfidence: Double { Statistics.mean(contacts.map(\.confidence)) ?? 0 }

    var eventsPercent: Double {
        let regularity = clamp(1 - ((stepTimeVariation ?? 0.2) - 0.03) / 0.15)
        let count = min(1, Double(contacts.count) / 8)
        return 100 * (0.5 * meanEventConfidence + 0.2 * regularity + 0.15 * count + 0.15 * alternationShare)
    }

    var viewFactor: Double {
        view.view == .oblique ? 1 - 0.25 * clamp((view.angleDegrees - ViewEstimate.sideViewLimitDegrees) / 25) : 1
    }

    var frameRateFactor: Double {
        let fps = 1 / pose.interval
        if fps >= 50 { return 1 }
        if fps >= 30 { return 0.92 + 0.08 * (fps - 30) / 20 }
        if fps >= 25 { return 0.85 + 0.07 * (fps - 25) / 5 }
        return 0.85
    }

    var overallPercent: Double { (0.45 * posePercent + 0.55 * eventsPercent) * viewFactor * frameRateFactor }

    /// Standard uncertainty of a sagittal angle: 2° for the 2D model itself, plus landmark jitter
    /// over a segment's length, plus up to 5° at a 45° oblique view.
    var angleUncertaintyDegrees: Double {
        let base = 2.0
        let noise = atan(2.0.squareRoot() * jitter * 2) * 180 / .pi
        let oblique = view.view == .oblique ? 5 * clamp(view.angleDegrees / 45) : 0
        return (base * base + noise * noise + oblique * oblique).squareRoot()
    }

    /// Metrics that cannot be reported, with the reason.
    func withheldMetrics(activity: Activity) -> [MetricKey: String] {
        var withheld: [MetricKey: String] = [:]
        let timing: [MetricKey] = [.cadence, .stepTime, .strideTime, .groundContactTime, .flightTime, .dutyFactor, .contactTimeBalance]
        let angles: [MetricKey] = [.shankAngleAtContact, .footStrikeAngle, .footStrikePattern, .kneeFlexionAtContact, .peakKneeFlexionStance, .hipExtensionAtToeOff, .trunkLean]
        if activity == .walking {
            for key in MetricKey.allCases {
                withheld[key] = "walking: running metrics need a flight phase"
            }
        }
        if posePercent < Self.minimumPosePercent {
            let reason = String(format: "pose quality %.0f%% is below the %.0f%% needed for any metric", posePercent, Self.minimumPosePercent)
            for key in MetricKey.allCases where withheld[key] == nil { withheld[key] = reason }
        }
        if eventsPercent < Self.minimumEventsPercent {
            let reason = String(format: "gait events too uncertain (events confidence %.0f%%, below %.0f%%)", eventsPercent, Self.minimumEventsPercent)
            for key in timing + [.verticalOscillation, .verticalRatio, .stepLength, .speed, .overstride, .overstrideLegLengths]
            where withheld[key] == nil {
                withheld[key] = reason
            }
        }
        if view.fromHipsOnly, withheld[.trunkLean] == nil {
            withheld[.trunkLean] = "the data has no shoulders, so the trunk cannot be seen"
        }
        if view.angleDegrees > Self.maximumAngleViewDegrees {
            let reason = String(format: "joint angles need a view within %.0f° of the side; this one is about %.0f° off", Self.maximumAngleViewDegrees, view.angleDegrees)
            for key in angles where withheld[key] == nil { withheld[key] = reason }
        }
        return withheld
    }

    /// The report's confidence section: scores, reasons in words and what to change.
    func summary(modelPercent: Double? = nil) -> ConfidenceSummary {
        var reasons: [String] = []
        var advice: [String] = []
        let fps = 1 / pose.interval
        reasons.append(String(format: "Leg landmarks visible %.0f%% on average; both feet measured in %.0f%% of samples; landmark jitter %.1f%% of leg length.",
                              100 * capture.legVisibility, 100 * footCoverage, 100 * jitter))
        reasons.append(String(format: "%d foot contacts, mean event confidence %.0f%%%@.",
                              contacts.count, 100 * meanEventConfidence,
                              stepTimeVariation.map { String(format: ", step-time variation %.1f%%", 100 * $0) } ?? ""))
        if alternationShare < 0.95 {
            reasons.append(String(format: "Only %.0f%% of consecutive contacts alternate left/right: some contacts were missed (often the far foot hidden behind the near leg).", 100 * alternationShare))
            advice.append("Film exactly from the side with nothing in front of the legs, so the far foot stays visible.")
        }
        if view.view == .oblique {
            reasons.append(String(format: "Oblique view (about %.0f°) lowers confidence.", view.angleDegrees))
            advice.append("Place the camera perpendicular to the running direction, at hip height.")
        }
        if fps < 50 {
            reasons.append(String(format: "%.0f fps limits event timing to about ±%.0f ms.", fps, 500 / fps))
            advice.append("Record at 60 fps or more (120-240 fps slow motion is best).")
        }
        if visibilityScore < 0.6 {
            advice.append("Improve the light and contrast (plain background, tight clothing) so the legs are clearly visible.")
        }
        if footCoverage < 0.8 {
            advice.append("Keep both feet and the ground in the frame for the whole clip.")
        }
        if stabilityScore < 0.6 {
            advice.append("Hold the camera still (tripod) and avoid motion blur (more light, faster shutter).")
        }
        if contacts.count < 8 {
            advice.append("Record a longer clip: 10-30 s of steady running gives 30 or more contacts.")
        }
        if let modelPercent {
            reasons.append(String(format: "Model confidence %.0f%%.", modelPercent))
        }
        return ConfidenceSummary(
            overall: overallPercent, pose: posePercent, events: eventsPercent, model: modelPercent,
            reasons: reasons, advice: overallPercent > 90 ? [] : advice)
    }

    private func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
}
