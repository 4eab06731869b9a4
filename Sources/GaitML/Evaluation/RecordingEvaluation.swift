import GaitCore

/// A model evaluated the way the analyzer uses it: on whole recordings, each frame's phase from the
/// model's merged prediction (`GaitNetModel`: overlapping windows, centre-weighted), and one form
/// score and one probability per issue for each recording.
///
/// This is the per-frame phase accuracy a user gets; `EvaluationReport` rates single windows
/// (every frame predicted from one 0.5 s window, its edge frames with half the context).
public struct RecordingEvaluation: Codable, Sendable {
    /// Recordings evaluated, and those skipped because they are shorter than one window.
    public var recordings: Int
    public var skippedRecordings: Int
    public var labelledFrames: Int
    /// Per-frame phases at the recordings' own frames (those with the runner in view).
    public var phases: ClassificationMetrics
    /// Calibration of each frame's top phase probability against "the frame is right".
    public var phaseCalibration: Calibration
    /// Per recording (recordings with a form score label only).
    public var formScore: RegressionMetrics
    /// Per recording, ROC AUC and F1 at probability 0.5 (the checkpoint's fitted operating point
    /// once `GaitNetModel` has shifted the probabilities), keyed by issue.
    public var issues: [String: BinaryMetrics]
    /// The same per-recording metrics on the recordings whose label is clear of its rule's
    /// threshold: issue target (`LabelledSequence.issueTargets`) outside 0.5 ± `labelBand`. Where
    /// the label is a rule's probability (simulated runners), a runner inside the band changes
    /// side with a small error in what the video shows; recordings with 0/1 labels are all clear.
    /// `nil` in reports written before it.
    public var issuesClearOfLabelBand: [String: BinaryMetrics]?
    /// Half-width of that band, in probability: an overstriding label moves about 0.1 when the
    /// landing is timed 2 ms off, under a quarter of a frame at every rate simulated (0.12 z per ms
    /// at a slope of about 0.4 per z; docs/training.md, "How precisely the landing must be timed").
    public static let labelBand = 0.1
    /// "target outside 0.4-0.6", for the summary and the page.
    public static var labelBandDescription: String {
        String(format: "target outside %.1f-%.1f", 0.5 - labelBand, 0.5 + labelBand)
    }
    /// Per-frame phase accuracy for each value of each stratum of the recordings (e.g.
    /// `camera` → `side`, `oblique`), with the number of frames behind it.
    public var phaseAccuracyByStratum: [String: [String: StratumAccuracy]]
    /// Per-recording issue metrics for each value of each stratum (stratum → value → issue), e.g.
    /// whether an issue is missed more in oblique views; `nil` in reports written before it.
    public var issuesByStratum: [String: [String: [String: BinaryMetrics]]]?
    /// The contacts as the model's phases time them (`EventTiming`), for recordings labelled with
    /// contacts; `nil` without them (and in reports written before it was added).
    public var eventTiming: EventTiming?
    /// The rule-based analyzer alone and with this model fused in, on the same recordings; `nil`
    /// when not asked for (and in reports written before it was added).
    public var analyzer: AnalyzerComparison?
    /// Each evaluated recording's own numbers, in the order of `sequences` (`evaluate` writes
    /// them to recordings.csv); not part of the JSON.
    public var outcomes: [RecordingOutcome] = []

    private enum CodingKeys: String, CodingKey {
        case recordings, skippedRecordings, labelledFrames, phases, phaseCalibration, formScore, issues, issuesClearOfLabelBand,
             phaseAccuracyByStratum, issuesByStratum, eventTiming, analyzer
    }

    public struct StratumAccuracy: Codable, Sendable, Equatable {
        public var accuracy: Double
        public var frames: Int
    }

    /// Runs `model` over each of `sequences`, and with `comparingAnalyzer` also `GaitAnalyzer`
    /// with and without it (`AnalyzerComparison`); `progress` sees the count done.
    public init(model: some GaitModel, sequences: [LabelledSequence], comparingAnalyzer: Bool = false,
                progress: (Int) -> Void = { _ in }) throws {
        var truth: [Int] = [], predicted: [Int] = [], top: [Double] = [], right: [Double] = []
        var skipped = 0
        var comparison = comparingAnalyzer ? AnalyzerComparison.Accumulator() : nil
        var timing = EventTiming.Accumulator()
        var outcomes: [RecordingOutcome] = []
        for (index, sequence) in sequences.enumerated() {
            defer { progress(index + 1) }
            guard let prediction = try? model.predict(sequence.poses) else {
                skipped += 1
                continue
            }
            comparison?.add(sequence, prediction: prediction)
            let mostLikely = zip(sequence.poses.frames, prediction.phaseProbabilities).map { frame, probabilities -> GaitPhase? in
                guard frame.landmarks != nil, let best = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }) else { return nil }
                return GaitPhase.allCases[best]
            }
            // The contacts timed over all recordings, and over this one for its row.
            var ownTiming = EventTiming.Accumulator()
            if let events = sequence.events {
                let times = sequence.poses.frames.map(\.time)
                timing.add(times: times, phases: mostLikely, events: events)
                ownTiming.add(times: times, phases: mostLikely, events: events)
            }
            var (recordingRight, recordingFrames) = (0, 0)
            for (label, (phase, probabilities)) in zip(sequence.phases, zip(mostLikely, prediction.phaseProbabilities)) {
                guard let label, let best = phase?.classIndex else { continue }
                truth.append(label.classIndex)
                predicted.append(best)
                top.append(probabilities[best])
                right.append(best == label.classIndex ? 1 : 0)
                recordingFrames += 1
                if best == label.classIndex { recordingRight += 1 }
            }
            outcomes.append(RecordingOutcome(
                runnerID: sequence.runnerID, strata: sequence.strata, details: sequence.details,
                labelledFrames: recordingFrames, correctFrames: recordingRight,
                formScoreTruth: sequence.formScore, formScorePredicted: prediction.formScore,
                issueFlags: sequence.issues, issueTargets: sequence.issueTargets,
                issueProbabilities: IssueKind.allCases.map { prediction.issueProbabilities[$0] ?? 0 },
                initialContactBiasMilliseconds: ownTiming.result?.biasMilliseconds(of: "initialContact"),
                toeOffBiasMilliseconds: ownTiming.result?.biasMilliseconds(of: "toeOff")))
        }
        recordings = sequences.count - skipped
        skippedRecordings = skipped
        labelledFrames = truth.count
        phases = ClassificationMetrics(truth: truth, predicted: predicted, classNames: GaitPhase.allCases.map(\.rawValue))
        phaseCalibration = Calibration(confidences: top, outcomes: right)
        // Scores, issues and strata per recording, from the outcomes.
        let rated = outcomes.compactMap { outcome in outcome.formScoreTruth.map { ($0, outcome.formScorePredicted) } }
        formScore = RegressionMetrics(truth: rated.map(\.0), predicted: rated.map(\.1))
        var recordingsByStratum: [String: [String: [RecordingOutcome]]] = [:]
        for outcome in outcomes {
            for (key, value) in outcome.strata { recordingsByStratum[key, default: [:]][value, default: []].append(outcome) }
        }
        phaseAccuracyByStratum = recordingsByStratum.mapValues { values in
            values.mapValues { group in
                let (right, frames) = group.reduce((0, 0)) { ($0.0 + $1.correctFrames, $0.1 + $1.labelledFrames) }
                return StratumAccuracy(accuracy: frames == 0 ? 0 : Double(right) / Double(frames), frames: frames)
            }
        }
        /// Each issue rated on the recordings of `group` that `counts` keeps for it.
        func issueMetrics(_ group: [RecordingOutcome],
                          counts: (RecordingOutcome, IssueKind) -> Bool = { _, _ in true }) -> [String: BinaryMetrics] {
            Dictionary(uniqueKeysWithValues: IssueKind.allCases.map { kind in
                let kept = group.filter { counts($0, kind) }
                return (kind.rawValue, BinaryMetrics(truth: kept.map { $0.issueFlags[kind.classIndex] },
                                                     probabilities: kept.map { $0.issueProbabilities[kind.classIndex] }, intervals: true))
            })
        }
        issues = issueMetrics(outcomes)
        issuesClearOfLabelBand = issueMetrics(outcomes) { outcome, kind in
            abs(outcome.issueTargets[kind.classIndex] - 0.5) >= Self.labelBand
        }
        issuesByStratum = recordingsByStratum.mapValues { values in values.mapValues { issueMetrics($0) } }
        eventTiming = timing.result
        analyzer = comparison?.result
        self.outcomes = outcomes
    }

    /// A few lines for a terminal.
    public var summary: String {
        var lines = [String(format: "whole recordings (%d): phase accuracy %.2f%% over %d frames; F1 %@; ECE %.4f", recordings,
                            100 * phases.accuracy, labelledFrames,
                            zip(phases.classNames, phases.f1).map { "\($0) \(String(format: "%.3f", $1))" }.joined(separator: ", "),
                            phaseCalibration.expectedCalibrationError)]
        if formScore.count > 0 {
            lines.append(String(format: "  form score per recording: MAE %.3f, RMSE %.3f, r %.3f", formScore.meanAbsoluteError,
                                formScore.rootMeanSquaredError, formScore.pearsonR))
        }
        lines.append("  issues per recording: " + BinaryMetrics.summary(byIssue: issues))
        if let issuesClearOfLabelBand {
            lines.append("  issues per recording, labels clear of the rule's threshold (\(Self.labelBandDescription)): "
                         + BinaryMetrics.summary(byIssue: issuesClearOfLabelBand))
        }
        for key in phaseAccuracyByStratum.keys.sorted() {
            let values = phaseAccuracyByStratum[key]!
            lines.append("  phase accuracy by \(key): " + values.keys.sorted().map {
                String(format: "%@ %.2f%% (%d frames)", $0, 100 * values[$0]!.accuracy, values[$0]!.frames)
            }.joined(separator: ", "))
        }
        for (key, values) in (issuesByStratum ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append("  issue F1 (" + IssueKind.allCases.map(\.rawValue).joined(separator: " / ") + ") by \(key): "
                + values.keys.sorted().map { value in
                    value + " " + IssueKind.allCases.map { BinaryMetrics.formatted(values[value]![$0.rawValue]?.f1) }.joined(separator: " / ")
                }.joined(separator: ", "))
        }
        if let eventTiming { lines.append(eventTiming.summary) }
        if skippedRecordings > 0 { lines.append("  \(skippedRecordings) recordings shorter than one window were skipped") }
        if let analyzer { lines.append(analyzer.summary) }
        return lines.joined(separator: "\n")
    }
}
