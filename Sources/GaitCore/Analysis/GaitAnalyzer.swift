import Foundation

/// Turns a pose sequence into a gait report: the project's main entry point.
///
/// Pipeline: capture checks (duration, person coverage, view, direction) → cleaning (uniform grid,
/// visibility mask, gap filling, zero-lag low-pass, sagittal coordinates) → scale → foot contacts
/// → activity → per-step measurements → metrics with uncertainty → confidence (and withholding)
/// → assessment → per-frame phases → report.
public struct GaitAnalyzer: Sendable {
    public var options: AnalysisOptions

    public init(options: AnalysisOptions = AnalysisOptions()) {
        self.options = options
    }

    /// Analyses `sequence`.
    /// - Throws: `GaitCoreError.analysisImpossible` when the clip cannot give a gait analysis (too
    ///   short, no runner, frontal or rear view, no foot contacts), with what to change.
    public func analyze(_ full: PoseSequence) throws -> GaitReport {
        let capture = try CaptureCheck(sequence: full, minimumDurationSeconds: options.minimumDurationSeconds)
        var sequence = capture.sequence
        let view = capture.view
        let stretch = view.view == .oblique ? 1 / cos(view.angleDegrees * .pi / 180) : 1
        var pose = CleanedPose(sequence: sequence, forwardSign: view.forwardSign, horizontalStretch: stretch)
        guard let scale = BodyScale(pose: pose, runnerHeightMeters: options.runnerHeightMeters ?? sequence.runner?.heightMeters) else {
            throw GaitCoreError.analysisImpossible(
                reason: "the runner's hips, knees and ankles are never visible together",
                advice: "Film from the side with the whole body, feet included, in the frame")
        }
        var notes: [String] = []
        if let bout = RunningBout.span(pose: pose, legLengthPixels: scale.legLengthPixels),
           bout.upperBound - bout.lowerBound < sequence.durationSeconds - 0.5 {
            sequence.frames = sequence.frames.filter { bout.contains($0.time) }
            pose = CleanedPose(sequence: sequence, forwardSign: view.forwardSign, horizontalStretch: stretch)
            notes.append(String(format: "Analysed the stretch where the runner travels, %.2f-%.2f s; before or after it the runner stands still.",
                                max(bout.lowerBound, capture.sequence.frames.first!.time), min(bout.upperBound, capture.sequence.frames.last!.time)))
        }
        let detector = FootContactDetector(
            pose: pose, legLengthPixels: scale.legLengthPixels,
            pixelsPerMeter: [.left: scale.pixelsPerMeter(.left), .right: scale.pixelsPerMeter(.right)])
        let contacts = (detector.contacts(.left) + detector.contacts(.right)).sorted { $0.initialContact < $1.initialContact }
        guard contacts.count >= 3 else {
            throw GaitCoreError.analysisImpossible(
                reason: "found \(contacts.count) foot contact\(contacts.count == 1 ? "" : "s") in \(String(format: "%.1f", sequence.durationSeconds)) s; at least 3 are needed",
                advice: "Make sure both feet and the ground are visible, film from the side, and record at least 10 s of running")
        }
        let (activity, doubleSupport) = ActivityClassifier.classify(contacts)
        let environment = capture.environment(pose: pose, legLengthPixels: scale.legLengthPixels)
        let measurer = StepMeasurer(pose: pose, scale: scale)
        let steps = measurer.steps(contacts)
        let speed = measurer.speed(contacts, environment: environment)

        let confidence = ConfidenceEstimator(
            pose: pose, contacts: contacts, steps: steps, view: view, capture: capture, detector: detector)
        let precision = MeasurementPrecision(
            eventTimingSeconds: pose.interval / 12.0.squareRoot(),
            scaleRelative: scale.relativeUncertainty,
            angleDegrees: confidence.angleUncertaintyDegrees,
            distanceMeters: 2 * detector.noisePixels / scale.pixelsPerMeter,
            distanceLegLengths: 2 * detector.noisePixels / scale.legLengthPixels)
        var withheld = confidence.withheldMetrics(activity: activity)
        if environment == .unknown { withheld[.speed] = "could not tell treadmill from overground" }
        let metrics = MetricSummarizer.summarize(steps: steps, speedMetersPerSecond: speed, precision: precision, withheld: withheld)

        let assessment = FormAssessment.assess(metrics)
        if let reason = assessment.scoreWithheldReason { notes.append(reason) }
        if activity == .walking {
            notes.append("This looks like walking: the feet overlap on the ground in \(Int((doubleSupport * 100).rounded()))% of steps and there is no flight phase. Running metrics need a running clip.")
        }
        let typicalFlight = Statistics.median(steps.compactMap(\.flightTime).filter { $0 > 0 }) ?? 0.15
        let phases = PhaseLabeler.label(times: full.frames.map(\.time), events: contacts, maxFlightSeconds: max(0.35, 2 * typicalFlight))
        var report = GaitReport(
            generator: "runcoach \(GaitAnalyzer.version)",
            input: InputSummary(
                source: full.source, frameCount: full.frames.count, durationSeconds: full.durationSeconds,
                nominalFPS: full.nominalFPS, width: full.width, height: full.height),
            activity: activity,
            capture: capture.summary(environment: environment, scale: scale, interval: pose.interval, fullDuration: full.durationSeconds),
            events: contacts, phases: phases, metrics: metrics, steps: steps,
            score: assessment.score, issues: assessment.issues, confidence: confidence.summary(), series: options.includeSeries ? KinematicSeriesBuilder(pose: pose, pixelsPerMeter: scale.pixelsPerMeter).series() : nil,
            notes: notes)
        if let model = options.model {
            report = report.fused(with: try model.predict(full))
        }
        return report
    }

    /// Version written into reports.
    public static let version = "0.1.0"
}
