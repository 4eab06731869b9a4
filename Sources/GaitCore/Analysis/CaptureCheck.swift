import Foundation

/// What the recording itself allows: checked before anything is measured, and summarised in the
/// report's `capture` section with advice.
struct CaptureCheck {
    let sequence: PoseSequence
    let view: ViewEstimate
    /// Share of frames with a person.
    let personCoverage: Double
    /// Median runner height in the image (nose/eyes to the lowest foot point) as a share of the
    /// image height.
    let runnerHeightFraction: Double
    /// Mean visibility of the leg landmarks over frames with a person (a proxy for light and blur).
    let legVisibility: Double

    /// Runners smaller than this share of the image height are refused.
    static let minimumRunnerHeightFraction = 0.12

    /// Checks `full`, the whole recording; the analysis then uses `sequence`, the span from the
    /// first to the last frame with the runner in view.
    init(sequence full: PoseSequence, minimumDurationSeconds: Double) throws {
        guard let sequence = full.trimmedToPerson() else {
            throw GaitCoreError.analysisImpossible(
                reason: "no person was found in any of the \(full.frames.count) frames",
                advice: "Film the runner from the side with the whole body in view and good light")
        }
        self.sequence = sequence
        let total = sequence.frames.count
        let withPerson = sequence.frames.filter { $0.landmarks != nil }
        personCoverage = Double(withPerson.count) / Double(total)
        guard personCoverage >= 0.5 else {
            throw GaitCoreError.analysisImpossible(
                reason: "no runner found in \(total - withPerson.count) of \(total) frames",
                advice: "Film from the side with the whole body in view for the whole clip")
        }
        let duration = sequence.durationSeconds
        guard duration >= minimumDurationSeconds else {
            let inView = full.durationSeconds > duration + 0.5 ? String(format: " (the runner is in view for %.1f s of %.1f s)", duration, full.durationSeconds) : ""
            throw GaitCoreError.analysisImpossible(
                reason: String(format: "the clip is %.1f s long%@; at least %.0f s (about three strides) are needed", duration, inView, minimumDurationSeconds),
                advice: "Record 10-30 s of steady running")
        }
        var heights: [Double] = [], visibilities: [Double] = []
        let legPoints = BodySide.allCases.flatMap { side -> [BlazePoseLandmark] in
            let leg = LegLandmarks(side)
            return [leg.hip, leg.knee, leg.ankle, leg.heel, leg.footIndex]
        }
        for frame in withPerson {
            let ys = frame.landmarks!.compactMap { $0 }.filter { $0.visibility >= CleanedPose.minimumVisibility }.map(\.y)
            if let top = ys.min(), let bottom = ys.max() { heights.append(bottom - top) }
            visibilities.append(contentsOf: legPoints.map { frame[$0]?.visibility ?? 0 })
        }
        runnerHeightFraction = Statistics.median(heights) ?? 0
        legVisibility = Statistics.mean(visibilities) ?? 0
        guard runnerHeightFraction >= Self.minimumRunnerHeightFraction else {
            throw GaitCoreError.analysisImpossible(
                reason: String(format: "the runner fills only %.0f%% of the image height; at least %.0f%% is needed", 100 * runnerHeightFraction, 100 * Self.minimumRunnerHeightFraction),
                advice: "Move the camera closer (or zoom in) so the runner fills at least half of the frame's height")
        }
        view = ViewEstimate(sequence: sequence)
        switch view.view {
        case .frontal, .rear:
            throw GaitCoreError.analysisImpossible(
                reason: "the clip is filmed from the \(view.view == .frontal ? "front" : "back") (about \(Int(view.angleDegrees.rounded()))° off the side view)",
                advice: "Contact times, overstride and joint angles need a side view: film from the side, at most 45° off")
        case .unknown:
            throw GaitCoreError.analysisImpossible(
                reason: "the hips and legs are never visible together, so the view cannot be told",
                advice: "Film from the side with the whole body in view")
        case .side, .oblique:
            break
        }
    }

    /// Treadmill when the pelvis stays within a leg length horizontally (5th-95th percentile),
    /// overground when it travels farther.
    func environment(pose: CleanedPose, legLengthPixels: Double) -> RunEnvironment {
        let xs = (0..<pose.count).compactMap { pose.pelvis($0)?.x }
        guard let low = Statistics.quantile(xs, 0.05), let high = Statistics.quantile(xs, 0.95) else { return .unknown }
        return high - low > legLengthPixels ? .overground : .treadmill
    }

    /// The report's capture section, with plain-language remarks on what to change.
    func summary(environment: RunEnvironment, scale: BodyScale, interval: Double, fullDuration: Double? = nil) -> CaptureSummary {
        let fps = 1 / interval
        let halfFrameMs = 500 * interval
        var remarks: [String] = []
        if fps >= 100 {
            remarks.append(String(format: "%.0f fps: each event is timed to about ±%.1f ms (half a frame).", fps, halfFrameMs))
        } else if fps >= 50 {
            remarks.append(String(format: "%.0f fps: each event is timed to about ±%.0f ms (half a frame); 120-240 fps slow motion would sharpen contact times.", fps, halfFrameMs))
        } else {
            remarks.append(String(format: "%.0f fps is low for running: each event is only known to about ±%.0f ms (half a frame), a large share of a 250 ms contact. Film at 60 fps or more (120-240 fps slow motion is best).", fps, halfFrameMs))
        }
        switch view.view {
        case .side:
            remarks.append(String(format: "Side view (about %.0f° off perpendicular): all metrics supported.", view.angleDegrees))
            if view.fromHipsOnly {
                remarks.append("No shoulders in the data: the view was judged from the hips alone, and trunk lean cannot be measured.")
            }
        case .oblique:
            remarks.append(String(format: "Oblique view (about %.0f° off the side): horizontal distances and angles are corrected for the angle but less certain; film perpendicular to the running direction for best results.", view.angleDegrees))
        default:
            break
        }
        if runnerHeightFraction < 0.4 {
            remarks.append(String(format: "The runner fills %.0f%% of the image height: move closer or zoom so the body fills half of the frame or more.", 100 * runnerHeightFraction))
        }
        if legVisibility < 0.7 {
            remarks.append(String(format: "Leg landmarks are seen with %.0f%% mean visibility: better light, a plain background, tight clothing or a faster shutter (less blur) would help.", 100 * legVisibility))
        }
        if let first = sequence.frames.first?.time, let last = sequence.frames.last?.time,
           last - first < (fullDuration ?? 0) - 0.5 {
            remarks.append(String(format: "The runner is in view from %.2f s to %.2f s; only that span is analysed.", first, last))
        }
        if personCoverage < 0.95 {
            remarks.append(String(format: "The runner is missing in %.0f%% of frames: keep the whole body in view.", 100 * (1 - personCoverage)))
        }
        if scale.source.hasPrefix("body") {
            remarks.append("No runner height given: distances assume 1.70 m (±6%). Pass --runner-height for metre-accurate values.")
        }
        return CaptureSummary(
            view: view.view, viewAngleDegrees: view.angleDegrees, direction: view.direction, environment: environment,
            pixelsPerMeter: scale.pixelsPerMeter, scaleSource: scale.source, scaleRelativeUncertainty: scale.relativeUncertainty,
            measuredFPS: fps, frameTimingUncertaintyMs: halfFrameMs, runnerHeightFraction: runnerHeightFraction,
            personCoverage: personCoverage, remarks: remarks)
    }
}
