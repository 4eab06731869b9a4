import Foundation

/// The force-plate ground truth of a Fukuchi 2017 trial, written as a `GaitReport`.
enum Fukuchi2017GroundTruth {
    static let generator = "fukuchi2017 force plate (ground truth)"

    /// Markers whose lowest one tells which foot is on the ground.
    static func footMarkers(_ side: BodySide) -> [String] {
        ["Heel.Bottom", "MT1", "MT5"].map { Fukuchi2017Skeleton.prefix(side) + $0 }
    }

    /// Contacts from the vertical force, each given the foot whose markers are lower at
    /// mid-contact; the per-frame phases, the timing metrics and notes on how it was done, with
    /// the converter's `remarks` (marker labels it corrected) among them.
    static func report(
        verticalForceNewtons force: [Double], running: MarkerTrajectories, frameTimes: [Double],
        poses: PoseSequence, label: String, remarks: [String] = []
    ) throws -> GaitReport {
        let detector = ForcePlateContactDetector()
        let contacts = detector.contacts(verticalForceNewtons: force, sampleRateHz: Fukuchi2017.forceRateHz)
        let feet = try BodySide.allCases.map { side in try footMarkers(side).map { try running.trajectory($0) } }
        let lastTime = frameTimes[frameTimes.count - 1]

        var events: [GaitEvent] = []
        var smallestHeightDifference = Double.infinity
        for contact in contacts {
            guard let start = contact.start else { continue }  // began before the recording: no IC
            let middle = contact.end.map { (start + $0) / 2 } ?? min(start + 0.1, lastTime)
            let frame = min(frameTimes.count - 1, Int((middle * Fukuchi2017.markerRateHz).rounded()))
            let heights = feet.map { markers in markers.compactMap { $0[frame]?.y }.min() }
            guard let rightHeight = heights[BodySide.allCases.firstIndex(of: .right)!],
                let leftHeight = heights[BodySide.allCases.firstIndex(of: .left)!]
            else { continue }  // foot markers lost at mid-contact: the side cannot be told
            smallestHeightDifference = min(smallestHeightDifference, abs(rightHeight - leftHeight))
            events.append(GaitEvent(
                side: rightHeight < leftHeight ? .right : .left, initialContact: start, toeOff: contact.end, confidence: 1))
        }

        let steps = timingSteps(events)
        let beltSpeed = beltSpeedMetersPerSecond(label: label)
        let lag = Fukuchi2017ClockCheck.markerLagSeconds(verticalForceNewtons: force, running: running)
        let measuredFrames = poses.frames.filter { $0.landmarks != nil }.count
        let capture = CaptureSummary(
            view: .side, viewAngleDegrees: 0, direction: .leftToRight, environment: .treadmill,
            pixelsPerMeter: Fukuchi2017.camera(centreXMillimetres: 0).pixelsPerMeter, scaleSource: "converter (exact)",
            scaleRelativeUncertainty: 0, measuredFPS: Fukuchi2017.markerRateHz,
            frameTimingUncertaintyMs: 500 / Fukuchi2017.markerRateHz, runnerHeightFraction: nil,
            personCoverage: Double(measuredFrames) / Double(max(1, poses.frames.count)), remarks: [])
        var notes = [
            "Fukuchi RK, Fukuchi CA, Duarte M (2017), PeerJ 5:e3298, CC BY 4.0: \(label)",
            "contacts from the treadmill's vertical force Fy (300 Hz): zero-lag 4th-order Butterworth \(format(detector.cutoffHz)) Hz, "
                + "hysteresis \(format(detector.offThresholdNewtons))-\(format(detector.onThresholdNewtons)) N, events at the "
                + "interpolated \(format(detector.eventThresholdNewtons)) N crossings, contacts ≥ \(format(detector.minimumContactSeconds)) s, flights ≥ \(format(detector.minimumFlightSeconds)) s",
            "force sample n is at (n - 1) / 300 s, marker frame i at i / 150 s",
            "side of each contact: the foot whose lowest marker (heel bottom, MT1, MT5) is lower at mid-contact; "
                + "smallest left/right height difference \(format(smallestHeightDifference.isFinite ? smallestHeightDifference : 0)) mm",
            "speed: the treadmill belt's, from the trial name (runT25 = 2.5 m/s, runT35 = 3.5 m/s, runT45 = 4.5 m/s); step length = speed × step time",
        ]
        notes += remarks
        if let lag {
            notes.append("clock check: pelvis vertical acceleration lags Fy by \(format(lag * 1000)) ms (cross-correlation peak)")
        }
        return GaitReport(
            generator: generator,
            input: InputSummary(
                source: poses.source, frameCount: poses.frames.count, durationSeconds: poses.durationSeconds,
                nominalFPS: poses.nominalFPS, width: poses.width, height: poses.height),
            activity: .running, capture: capture, events: events,
            phases: PhaseLabeler.label(times: frameTimes, events: events),
            metrics: MetricSummarizer.summarize(
                steps: steps, speedMetersPerSecond: beltSpeed, precision: .exact, withheld: notFromForces),
            steps: steps, notes: notes)
    }

    /// The metrics a force plate and a belt speed cannot give: withheld rather than left out.
    static let notFromForces: [MetricKey: String] = {
        let reason = "not part of the force-plate ground truth (timing only)"
        let timing: Set<MetricKey> = [.cadence, .stepTime, .strideTime, .groundContactTime, .flightTime, .dutyFactor,
                                      .contactTimeBalance, .speed, .stepLength]
        return Dictionary(uniqueKeysWithValues: MetricKey.allCases.filter { !timing.contains($0) }.map { ($0, reason) })
    }()

    /// The belt speed in m/s from a trial label ending in `runT25`, `runT35` or `runT45`
    /// (2.5, 3.5, 4.5 m/s), or `nil` for any other name.
    static func beltSpeedMetersPerSecond(label: String) -> Double? {
        guard let range = label.range(of: "runT"), let tenths = Double(label[range.upperBound...]) else { return nil }
        return tenths / 10
    }

    /// One record per contact (sorted by initial contact) with the timing that follows from the
    /// events alone: contact time; step and flight time to the other foot's next contact; stride
    /// time to this foot's next contact two contacts later.
    static func timingSteps(_ events: [GaitEvent]) -> [StepRecord] {
        events.indices.map { i in
            let contact = events[i]
            var step = StepRecord(side: contact.side, initialContact: contact.initialContact)
            step.toeOff = contact.toeOff
            step.contactTime = contact.contactTimeSeconds
            if i + 1 < events.count, events[i + 1].side != contact.side {
                step.stepTime = events[i + 1].initialContact - contact.initialContact
                step.flightTime = contact.toeOff.map { events[i + 1].initialContact - $0 }
                if i + 2 < events.count, events[i + 2].side == contact.side {
                    step.strideTime = events[i + 2].initialContact - contact.initialContact
                }
            }
            return step
        }
    }

    /// Three significant digits: "40", "0.03", "6.43".
    private static func format(_ value: Double) -> String { String(format: "%.3g", value) }
}
