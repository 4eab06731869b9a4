import Foundation
import GaitCore

/// Hand-built reports for the renderer tests (the analyzer is not needed to build them).
enum SampleReports {
    static let fps = 60.0
    static let duration = 2.0
    /// Right foot strikes at 0.10 s, then the feet alternate every 0.35 s; each contact lasts 0.24 s.
    static let stepSeconds = 0.35
    static let contactSeconds = 0.24

    static var frameTimes: [Double] { (0..<Int(duration * fps)).map { Double($0) / fps } }

    static var events: [GaitEvent] {
        var events: [GaitEvent] = []
        var t = 0.10
        var side = BodySide.right
        while t < duration {
            let toeOff = t + contactSeconds
            events.append(GaitEvent(side: side, initialContact: t, toeOff: toeOff < duration ? toeOff : nil, confidence: 0.9))
            t += stepSeconds
            side = side.opposite
        }
        return events
    }

    /// Per-frame phases derived from `events` exactly as ARCHITECTURE.md defines them.
    static var phases: [FramePhase] {
        frameTimes.map { t in
            guard t >= events[0].initialContact else { return FramePhase(t: t, phase: nil, side: .none) }
            if let stance = events.first(where: { t >= $0.initialContact && t < ($0.toeOff ?? duration) }) {
                let fraction = (t - stance.initialContact) / contactSeconds
                let phase: GaitPhase = fraction < 1.0 / 3 ? .contact : (fraction < 2.0 / 3 ? .midStance : .toeOff)
                return FramePhase(t: t, phase: phase, side: StanceSide(stance.side))
            }
            return FramePhase(t: t, phase: .swing, side: .none)
        }
    }

    static var steps: [StepRecord] {
        events.enumerated().map { index, event in
            var step = StepRecord(side: event.side, initialContact: event.initialContact)
            step.toeOff = event.toeOff
            step.contactTime = event.contactTimeSeconds.map { $0 + (event.side == .left ? 0.01 : 0) }
            if let toeOff = event.toeOff, index + 1 < events.count {
                step.flightTime = events[index + 1].initialContact - toeOff
                step.stepTime = events[index + 1].initialContact - event.initialContact
            }
            return step
        }
    }

    static var series: KinematicSeries {
        let t = frameTimes
        func wave(_ phaseShift: Double, _ mean: Double, _ amplitude: Double) -> [Double?] {
            t.map { mean + amplitude * sin(2 * .pi * $0 / (2 * stepSeconds) + phaseShift) }
        }
        var kneeRight = wave(.pi, 60, 50)
        kneeRight[30] = nil  // one unmeasured frame breaks the line
        return KinematicSeries(
            t: t, kneeFlexionLeft: wave(0, 60, 50), kneeFlexionRight: kneeRight, hipFlexionLeft: wave(0.5, 15, 30),
            hipFlexionRight: wave(0.5 + .pi, 15, 30), trunkLean: t.map { _ in 7 }, pelvisHeight: t.map { _ in 0.05 })
    }

    static func measured(_ value: Double, _ key: MetricKey, uncertainty: Double? = nil, n: Int = 5) -> MetricResult {
        .measured(MetricMeasurement(value: .number(value), unit: key.unit, uncertainty: uncertainty, n: n))
    }

    static var metrics: [MetricKey: MetricResult] {
        [
            .cadence: measured(171.43, .cadence, uncertainty: 0.84),
            .groundContactTime: .measured(
                MetricMeasurement(
                    value: .number(0.2454), unit: "s", uncertainty: 0.0083, n: 5, sd: 0.006, left: 0.2500,
                    right: 0.2400, asymmetryPercent: 4.08)),
            .flightTime: measured(0.1100, .flightTime, uncertainty: 0.0083),
            .contactTimeBalance: measured(51.02, .contactTimeBalance, uncertainty: 0.9),
            .verticalOscillation: measured(0.0812, .verticalOscillation, uncertainty: 0.004),
            .verticalRatio: .withheld(reason: "speed unknown: overground clip without a scale"),
            .shankAngleAtContact: measured(9.46, .shankAngleAtContact, uncertainty: 1.2),
            .trunkLean: measured(7.0, .trunkLean, uncertainty: 0.5),
            .footStrikePattern: .measured(
                MetricMeasurement(
                    value: .category("rearfoot"), unit: "pattern", n: 5, shares: ["rearfoot": 0.8, "midfoot": 0.2])),
        ]
    }

    /// A complete running report with a withheld metric and an issue near its threshold.
    static var running: GaitReport {
        let assessment = FormAssessment.assess(metrics)
        return GaitReport(
            generator: "runcoach-test",
            input: InputSummary(source: "treadmill <side> & co.json", frameCount: 120, durationSeconds: duration, nominalFPS: fps, width: 1080, height: 1920),
            activity: .running,
            capture: CaptureSummary(
                view: .side, viewAngleDegrees: 4, direction: .leftToRight, environment: .treadmill, pixelsPerMeter: 512,
                scaleSource: "runner height", scaleRelativeUncertainty: 0.03, measuredFPS: 60, frameTimingUncertaintyMs: 8.33,
                runnerHeightFraction: 0.62, personCoverage: 1, remarks: ["60 fps is enough for contact times to ±8 ms"]),
            events: events, phases: phases, metrics: metrics, steps: steps, score: assessment.score,
            issues: assessment.issues,
            confidence: ConfidenceSummary(
                overall: 82.4, pose: 91, events: 78, reasons: ["feet visible in 97% of frames"],
                advice: ["film at 120 fps for sharper contact times"]),
            series: series, notes: ["a note with <markup> & \"quotes\""])
    }

    /// A walking clip: no flight, metrics withheld, no score, issues not assessable.
    static var walking: GaitReport {
        var metrics: [MetricKey: MetricResult] = [:]
        for key in [MetricKey.flightTime, .verticalOscillation, .shankAngleAtContact, .contactTimeBalance] {
            metrics[key] = .withheld(reason: "walking: no flight phase")
        }
        metrics[.cadence] = measured(112, .cadence)
        let assessment = FormAssessment.assess(metrics)
        return GaitReport(
            generator: "runcoach-test", activity: .walking, metrics: metrics, score: assessment.score,
            issues: assessment.issues, notes: ["walking: double support, no flight phase"])
    }

    /// A report with nothing in it but the required fields.
    static var empty: GaitReport { GaitReport(generator: "runcoach-test", activity: .unknown) }
}
