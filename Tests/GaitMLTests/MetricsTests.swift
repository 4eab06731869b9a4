import Foundation
import GaitCore
import Testing
@testable import GaitML

@Suite("Evaluation metrics")
struct MetricsTests {
    @Test("Confusion matrix, accuracy and F1 of a hand-counted example")
    func classification() {
        let metrics = ClassificationMetrics(truth: [0, 0, 1, 1, 2, -1], predicted: [0, 1, 1, 1, 0, 3], classNames: ["a", "b", "c"])
        #expect(metrics.confusion == [[1, 1, 0], [0, 2, 0], [1, 0, 0]])
        #expect(metrics.accuracy == 3.0 / 5.0)
        // class a: precision 1/2, recall 1/2 → F1 1/2; class b: precision 2/3, recall 1 → F1 0.8; c: 0.
        #expect(abs(metrics.f1[0] - 0.5) < 1e-12 && abs(metrics.f1[1] - 0.8) < 1e-12 && metrics.f1[2] == 0)
    }

    @Test("AUC counts ranked pairs (ties count half); F1 at 0.5")
    func binary() {
        let metrics = BinaryMetrics(truth: [true, false, true, false], probabilities: [0.9, 0.4, 0.4, 0.1])
        #expect(metrics.auc == 3.5 / 4)  // pairs (p, n): (.9,.4) (.9,.1) (.4,.1) won, (.4,.4) tied
        #expect(abs(metrics.f1! - 2.0 / 3.0) < 1e-12)  // one true positive, one false negative
        // Cut at 0.25 instead: both positives found, one false alarm, F1 = 2·2 / (2·2 + 1).
        #expect(abs(metrics.bestF1! - 0.8) < 1e-12)
        #expect(metrics.summary == "F1 0.667 (best 0.800), AUC 0.875 (2+/2-)")
        #expect(BinaryMetrics(truth: [false, false], probabilities: [0.9, 0.1]).f1 == nil)  // nothing to find: undefined
    }

    @Test("F1's bootstrap interval: around F1, narrowing as 1/√n, a point when nothing can vary, only when asked for")
    func f1Interval() throws {
        // 40 positives of 200: 32 found, 8 missed, 8 false alarms: F1 = 64 / 80 = 0.8.
        func cases(copies: Int) -> (truth: [Bool], probabilities: [Double]) {
            var truth: [Bool] = [], probabilities: [Double] = []
            for _ in 0..<copies {
                truth += Array(repeating: true, count: 40) + Array(repeating: false, count: 160)
                probabilities += Array(repeating: 0.9, count: 32) + Array(repeating: 0.1, count: 8)
                    + Array(repeating: 0.9, count: 8) + Array(repeating: 0.1, count: 152)
            }
            return (truth, probabilities)
        }
        let small = cases(copies: 1), large = cases(copies: 4)
        let one = BinaryMetrics(truth: small.truth, probabilities: small.probabilities, intervals: true)
        let interval = try #require(one.f1Interval)
        #expect(abs(one.f1! - 0.8) < 1e-12 && interval[0] < 0.8 && interval[1] > 0.8)
        // The binomial spread of F1 at 40 positives is about ±0.07 (2σ); 0.05-0.3 wide catches a
        // wrong percentile or a resample of the wrong size, which shift it by far more.
        let width = interval[1] - interval[0]
        #expect(width > 0.05 && width < 0.3, "\(interval)")
        let fourTimes = try #require(BinaryMetrics(truth: large.truth, probabilities: large.probabilities, intervals: true).f1Interval)
        let ratio = (fourTimes[1] - fourTimes[0]) / width
        #expect(ratio > 0.35 && ratio < 0.65, "4× the cases: width ratio \(ratio), expected about 1/2")
        #expect(BinaryMetrics(truth: small.truth, probabilities: small.probabilities, intervals: true).f1Interval == interval)  // fixed seed
        #expect(BinaryMetrics(truth: small.truth, probabilities: small.probabilities).f1Interval == nil)
        let perfect = BinaryMetrics(truth: small.truth, probabilities: small.truth.map { $0 ? 0.9 : 0.1 }, intervals: true)
        #expect(perfect.f1Interval == [1, 1])
        #expect(perfect.summary == "F1 1.000 [1.000, 1.000] (best 1.000), AUC 1.000 (40+/160-)")
    }

    @Test("Contacts timed by the phases: the shift of a late model comes back per foot, to half a frame; far ones are missed")
    func eventTiming() throws {
        // 100 fps, contacts every 0.35 s alternating feet, 0.25 s on the ground.
        let times = (0..<300).map { Double($0) / 100 }
        let events = (0..<8).map { GaitEvent(side: $0 % 2 == 0 ? .left : .right, initialContact: 0.2 + 0.35 * Double($0),
                                             toeOff: 0.45 + 0.35 * Double($0), confidence: 1) }
        // The model's phases: left contacts 20 ms late (both events), right ones on time.
        let shifted = events.map { GaitEvent(side: $0.side, initialContact: $0.initialContact + ($0.side == .left ? 0.02 : 0),
                                             toeOff: $0.toeOff! + ($0.side == .left ? 0.02 : 0), confidence: 1) }
        let phases = PhaseLabeler.label(times: times, events: shifted).map { $0.phase ?? .swing }
        var accumulator = EventTiming.Accumulator()
        accumulator.add(times: times, phases: phases, events: events)
        let timing = try #require(accumulator.result)
        // Label boundaries fall between frames; the model event is put halfway: within 5 ms.
        for event in ["initialContact", "toeOff"] {
            let left = try #require(timing.byFoot["left"]?[event]), right = try #require(timing.byFoot["right"]?[event])
            let (leftBias, rightBias) = (try #require(left.biasMilliseconds), try #require(right.biasMilliseconds))
            #expect(abs(leftBias - 20) <= 5 && abs(rightBias) <= 5, "\(event): \(left) \(right)")
            #expect(left.matched == 4 && right.matched == 4 && left.missed == 0)
            // Both feet together (a recording's column in recordings.csv): the mean of +20 and 0.
            let both = try #require(timing.biasMilliseconds(of: event))
            #expect(abs(both - (leftBias + rightBias) / 2) < 1e-9 && abs(both - 10) <= 5, "\(event): \(both)")
        }
        #expect(EventTiming(byFoot: [:]).biasMilliseconds(of: "initialContact") == nil)
        // With the runner out of view for the first second, the contacts there do not count.
        var partly = EventTiming.Accumulator()
        partly.add(times: times, phases: phases.enumerated().map { $0.offset < 100 ? nil : $0.element }, events: events)
        #expect(partly.result?.byFoot["left"]?["initialContact"]?.matched == 2 && partly.result?.byFoot["left"]?["initialContact"]?.missed == 0)
        // A model that never leaves swing finds nothing: every contact is missed.
        var none = EventTiming.Accumulator()
        none.add(times: times, phases: times.map { _ in .swing }, events: events)
        #expect(none.result?.byFoot["left"]?["initialContact"] == EventTiming.Errors(errors: [], missed: 4))
    }

    @Test("MAE, RMSE and Pearson r of a known example")
    func regression() {
        let metrics = RegressionMetrics(truth: [1, 2, 3, 4], predicted: [2, 3, 4, 5])
        #expect(metrics.meanAbsoluteError == 1 && metrics.rootMeanSquaredError == 1)
        #expect(abs(metrics.pearsonR - 1) < 1e-12)
    }

    @Test("ECE is 0 for calibrated bins and the gap for miscalibrated ones")
    func ece() {
        let calibrated = Calibration(confidences: [0.25, 0.25, 0.25, 0.25], outcomes: [1, 0, 0, 0], binCount: 10)
        #expect(abs(calibrated.expectedCalibrationError) < 1e-12)
        let overconfident = Calibration(confidences: [0.95, 0.95], outcomes: [1, 0], binCount: 10)
        #expect(abs(overconfident.expectedCalibrationError - 0.45) < 1e-12)
        #expect(overconfident.svg(title: "t").contains("ECE 0.450"))
    }

    @Test("Temperature scaling recovers the temperature that made logits overconfident")
    func temperature() {
        var generator = SeededGenerator(seed: 2)
        var logits: [Float] = [], labels: [Int] = []
        for _ in 0..<4000 {
            // Calibrated logits, then multiplied by 3: the fitted temperature should be ≈ 3.
            let z = (0..<4).map { _ in Double.random(in: -2...2, using: &generator) }
            let p = z.map(exp)
            let total = p.reduce(0, +)
            var u = Double.random(in: 0..<1, using: &generator) * total
            var label = 0
            while label < 3 && u > p[label] { u -= p[label]; label += 1 }
            logits += z.map { Float(3 * $0) }
            labels.append(label)
        }
        let t = TemperatureScaling.fit { TemperatureScaling.phaseNLL(logits: logits, labels: labels, classes: 4, temperature: $0) }
        #expect(abs(t - 3) < 0.3)  // 4000 samples: the maximum-likelihood T is within ~5% of the truth
    }
}

@Suite("Optimisation")
struct OptimisationTests {
    @Test("Adam follows Algorithm 1 of Kingma & Ba (2015) step by step, including the vector tail")
    func adam() {
        let parameter = Parameter(name: "w", value: Tensor(shape: [11], scalars: (0..<11).map { Float($0) * 0.1 }))
        let optimizer = Adam(parameters: [parameter], learningRate: 0.01)
        var (m, v, theta) = ([Double](repeating: 0, count: 11), [Double](repeating: 0, count: 11), (0..<11).map { Double($0) * 0.1 })
        for t in 1...3 {
            let gradient = (0..<11).map { Float(Double($0) - 5) * Float(t) * 0.3 }
            parameter.gradient = Tensor(shape: [11], scalars: gradient)
            optimizer.update()
            for i in 0..<11 {
                let g = Double(gradient[i])
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                let mHat = m[i] / (1 - pow(0.9, Double(t))), vHat = v[i] / (1 - pow(0.999, Double(t)))
                theta[i] -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
            }
        }
        // Float32 against double: each step moves θ by ≤ 0.01, so 1e-6 is many ulps of slack yet far
        // below one step (a missing bias correction changes θ by ~1e-2).
        #expect(zip(parameter.value.scalars, theta).allSatisfy { abs(Double($0) - $1) < 1e-6 })
    }

    @Test("Gradient clipping rescales to the global norm only when it is exceeded")
    func clipping() {
        let a = Parameter(name: "a", value: Tensor(shape: [2]))
        let b = Parameter(name: "b", value: Tensor(shape: [1]))
        a.gradient = Tensor(shape: [2], scalars: [3, 0])
        b.gradient = Tensor(shape: [1], scalars: [4])
        #expect(GradientClipping.clip([a, b], maxNorm: 10) == 5)
        #expect(a.gradient.scalars == [3, 0])  // under the limit: untouched
        #expect(GradientClipping.clip([a, b], maxNorm: 1) == 5)
        #expect(abs(a.gradient.scalars[0] - 0.6) < 1e-7 && abs(b.gradient.scalars[0] - 0.8) < 1e-7)
    }
}

@Suite("Issue operating points")
struct IssueThresholdTests {
    @Test("The fitted threshold maximises F1 on a hand-made example; no positives keeps 0.5")
    func fit() {
        // Positives at 0.40 and 0.30, negatives at 0.35, 0.20, 0.10: a 0.5 cut finds none (F1 0);
        // between 0.20 and 0.30 both positives and one negative are flagged (F1 0.8), the best.
        let truth = [true, true, false, false, false]
        let probabilities = [0.40, 0.30, 0.35, 0.20, 0.10]
        let threshold = IssueThresholds.fit(probabilities: probabilities, truth: truth)
        #expect(abs(threshold - 0.25) < 1e-12)
        #expect(BinaryMetrics.f1(truth: truth, probabilities: probabilities, threshold: threshold) == 0.8)
        #expect(IssueThresholds.fit(probabilities: [0.1, 0.9], truth: [false, false]) == 0.5)
    }

    @Test("Shifting puts the threshold at 0.5 and keeps the order")
    func shift() {
        #expect(abs(IssueThresholds.shift(0.25, threshold: 0.25) - 0.5) < 1e-12)
        #expect(abs(IssueThresholds.shift(0.7, threshold: 0.5) - 0.7) < 1e-12)
        let shifted = [0.1, 0.2, 0.3, 0.6].map { IssueThresholds.shift($0, threshold: 0.25) }
        #expect(shifted == shifted.sorted() && shifted[1] < 0.5 && shifted[2] > 0.5)
    }
}

@Suite("Evaluation of whole recordings")
struct RecordingEvaluationTests {
    /// A stand-in model that knows each recording's truth and errs as told.
    struct ScriptedModel: GaitModel {
        let recordings: [LabelledSequence]
        /// Added to the true form score.
        let scoreError: Double
        /// Frames of each recording whose phase is reported one class later.
        let wrongFrames: Set<Int>

        func predict(_ sequence: PoseSequence) throws -> GaitModelPrediction {
            guard let recording = recordings.first(where: { $0.poses == sequence }) else { throw GaitMLError.unusableData("too short") }
            let probabilities = recording.phases.enumerated().map { frame, phase -> [Double] in
                var row = [0.1, 0.1, 0.1, 0.1]
                let index = phase?.classIndex ?? 0
                row[wrongFrames.contains(frame) ? (index + 1) % 4 : index] = 0.7
                return row
            }
            return GaitModelPrediction(
                name: "scripted", phaseProbabilities: probabilities, formScore: (recording.formScore ?? 0) + scoreError,
                issueProbabilities: Dictionary(uniqueKeysWithValues: IssueKind.allCases.map { ($0, recording.issues[$0.classIndex] ? 0.8 : 0.2) }),
                confidence: 0.7)
        }
    }

    @Test("Frames, scores and issues are counted per recording; unusable recordings are skipped and counted")
    func counting() throws {
        let recordings = try TestData.runners(2)
        var tooShort = recordings[0]
        tooShort.poses.frames.removeLast()  // unknown to the scripted model: it throws, as for a clip under one window
        let model = ScriptedModel(recordings: recordings, scoreError: 0.5, wrongFrames: [3, 4])
        let evaluation = try RecordingEvaluation(model: model, sequences: recordings + [tooShort])
        let labelled = recordings.reduce(0) { $0 + $1.phases.compactMap { $0 }.count }
        #expect(evaluation.recordings == 2 && evaluation.skippedRecordings == 1)
        #expect(evaluation.labelledFrames == labelled)
        // Frames 3 and 4 of both recordings are wrong where they are labelled.
        let wrong = recordings.reduce(0) { total, recording in total + [3, 4].filter { recording.phases[$0] != nil }.count }
        #expect(wrong > 0 && abs(evaluation.phases.accuracy - Double(labelled - wrong) / Double(labelled)) < 1e-12)
        #expect(evaluation.formScore.count == 2 && abs(evaluation.formScore.meanAbsoluteError - 0.5) < 1e-9)
        for kind in IssueKind.allCases where recordings.contains(where: { $0.issues[kind.classIndex] }) {
            #expect(evaluation.issues[kind.rawValue]?.f1 == 1)
        }
        // The test runners are stratified by pace: each stratum's accuracy counts its own frames.
        let byPace = try #require(evaluation.phaseAccuracyByStratum["pace"])
        #expect(byPace.values.reduce(0) { $0 + $1.frames } == labelled)
        // Issues by stratum: each pace's recordings once, the same perfect detections.
        let issuesByPace = try #require(evaluation.issuesByStratum?["pace"])
        #expect(Set(issuesByPace.keys) == Set(byPace.keys))
        for kind in IssueKind.allCases {
            let cases = issuesByPace.values.compactMap { $0[kind.rawValue] }.reduce(0) { $0 + $1.positives + $1.negatives }
            #expect(cases == 2, "\(kind): \(cases) recordings over the paces")
            for metrics in issuesByPace.values.compactMap({ $0[kind.rawValue] }) where metrics.positives > 0 { #expect(metrics.f1 == 1) }
        }
        // Every frame's top probability is 0.7, all in one bin: the ECE is |accuracy − 0.7|.
        #expect(abs(evaluation.phaseCalibration.expectedCalibrationError - abs(evaluation.phases.accuracy - 0.7)) < 1e-9)
    }

    @Test("The issues on the labels clear of the rule's threshold leave out the recordings within the band, and only those")
    func clearOfLabelBand() throws {
        let truth = try TestData.runners(3)
        let overstriding = IssueKind.overstriding.classIndex
        let model = ScriptedModel(recordings: truth, scoreError: 0, wrongFrames: [])
        // Recording 2's label is the other way round from the model's reading, its target just
        // inside the band (0.05 from 0.5), then just outside it (0.15 from 0.5).
        for (distance, counted) in [(0.05, 2), (0.15, 3)] {
            var labelled = truth
            labelled[2].issues[overstriding].toggle()
            labelled[2].issueTargets[overstriding] = 0.5 + (labelled[2].issues[overstriding] ? distance : -distance)
            let evaluation = try RecordingEvaluation(model: model, sequences: labelled)
            let all = try #require(evaluation.issues["overstriding"])
            let clear = try #require(evaluation.issuesClearOfLabelBand?["overstriding"])
            #expect(all.positives + all.negatives == 3 && clear.positives + clear.negatives == counted, "\(distance)")
            // The model reads every other recording right: F1 1 without recording 2, below 1 with it.
            #expect(counted == 2 ? (clear.positives == 0 || clear.f1 == 1) : clear == all, "\(distance): \(clear.summary)")
            #expect(all.positives == 0 || all.f1 ?? 1 < 1)
            #expect(evaluation.summary.contains("labels clear of the rule's threshold (target outside 0.4-0.6): overstriding F1 "))
        }
    }

    @Test("Each recording's own numbers are kept, written as CSV and plotted per issue")
    func outcomesPerRecording() throws {
        let truth = try TestData.runners(3)
        var labelled = truth
        labelled[1].runnerID = "runner \"one\", left"  // a name that needs quoting in CSV
        labelled[0].details["sim.example"] = 1.5  // a detail only one recording has
        // The model reports recording 2's overstriding flag the other way round from its label.
        let overstriding = IssueKind.overstriding.classIndex
        labelled[2].issues[overstriding].toggle()
        labelled[2].issueTargets[overstriding] = labelled[2].issues[overstriding] ? 0.7 : 0.3
        let model = ScriptedModel(recordings: truth, scoreError: 0.5, wrongFrames: [3])
        let evaluation = try RecordingEvaluation(model: model, sequences: labelled)
        let outcomes = evaluation.outcomes
        #expect(outcomes.map(\.runnerID) == labelled.map(\.runnerID))
        #expect(outcomes.reduce(0) { $0 + $1.labelledFrames } == evaluation.labelledFrames)
        for (outcome, recording) in zip(outcomes, labelled) {
            // Frame 3 is the only wrong one, where it is labelled.
            #expect(outcome.labelledFrames - outcome.correctFrames == (recording.phases[3] == nil ? 0 : 1))
            #expect(outcome.formScoreTruth == recording.formScore && abs(outcome.formScorePredicted - (recording.formScore ?? 0) - 0.5) < 1e-12)
            #expect(outcome.issueTargets == recording.issueTargets && outcome.strata == recording.strata)
        }
        #expect(IssueKind.allCases.map { kind in outcomes.filter { $0.missed(kind) }.count } == [1, 0, 0])
        #expect(outcomes[2].missed(.overstriding) && abs(abs(outcomes[2].issueTargets[overstriding] - 0.5) - 0.2) < 1e-12)

        let lines = RecordingOutcome.csv(outcomes).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(lines.count == 4)
        #expect(header.prefix(6) == ["runner", "pace", "labelled_frames", "phase_accuracy", "score_truth", "score_predicted"])
        // The issues, then the details: the simulator truth's metrics for all, one more for recording 0.
        let lastIssue = try #require(header.firstIndex(of: "asymmetry_probability"))
        #expect(header[lastIssue + 1] == "sim.example" && header[lastIssue + 2] == "truth.cadence" && header.last == "truth.verticalRatio")
        #expect(outcomes[0].details["truth.cadence"] == labelled[0].details["truth.cadence"] && labelled[0].details["truth.cadence"] != nil)
        #expect(lines[2].hasPrefix("\"runner \"\"one\"\", left\","))
        // Row 3: its cells line up with the header, and the flipped overstriding label reads against 0.8 or 0.2.
        let cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(cells.count == header.count)
        let column = try #require(header.firstIndex(of: "overstriding_flag"))
        #expect(cells[column] == (labelled[2].issues[overstriding] ? "1" : "0"))
        #expect(cells[column + 2] == (labelled[2].issues[overstriding] ? "0.2000" : "0.8000"))
        // The model's contacts per recording: its phases are the label's but for frame 3, so
        // every contact it finds is within half a frame (the transition is put between frames).
        let frameMs = 1000 / labelled[0].poses.nominalFPS
        for outcome in outcomes {
            let ic = try #require(outcome.initialContactBiasMilliseconds), to = try #require(outcome.toeOffBiasMilliseconds)
            #expect(abs(ic) <= frameMs / 2 + 1e-9 && abs(to) <= frameMs / 2 + 1e-9, "\(ic) \(to)")
        }
        let icColumn = try #require(header.firstIndex(of: "initial_contact_bias_ms"))
        #expect(header[icColumn + 1] == "toe_off_bias_ms" && Double(cells[icColumn]) != nil)
        let example = try #require(header.firstIndex(of: "sim.example"))
        #expect(cells[example] == "" && lines[1].split(separator: ",", omittingEmptySubsequences: false)[example] == "1.5")

        let plot = RecordingOutcome.issueScatterSVG(outcomes, kind: .overstriding)
        #expect(plot.contains("overstriding: 1 of 3 recordings wrong"))
        #expect(plot.components(separatedBy: "fill=\"#c0392b\"").count - 1 == 1 && plot.components(separatedBy: "<circle").count - 1 == 3)
    }

    @Test("The analyzer comparison rates model, rules and both on the recordings the analyzer accepts")
    func analyzerComparison() throws {
        let recordings = try TestData.runners(4, seconds: 6)
        // 1.5 s: long enough for the model's 0.5 s windows, too short for the analyzer (2 s).
        let short = try TestData.runners(1, seconds: 1.5, seed: 99)
        let model = ScriptedModel(recordings: recordings + short, scoreError: 0, wrongFrames: [])
        let evaluation = try RecordingEvaluation(model: model, sequences: recordings + short, comparingAnalyzer: true)
        let comparison = try #require(evaluation.analyzer)
        #expect(evaluation.recordings == 5)
        #expect(comparison.analysed == 4 && comparison.refused == 1)
        // The scripted model knows every phase; on clean side-view simulations the rules' events
        // fall within about a frame of the truth (docs/analysis.md), so at most a few frames per
        // step boundary differ: 90 % leaves room for that at 60 fps.
        #expect(comparison.modelPhases.accuracy == 1)
        #expect(comparison.rulePhases.accuracy > 0.9 && comparison.rulePhases.accuracy < 1)
        // A perfect score pulls the fused score towards the truth: strictly closer than the rules'.
        #expect(comparison.modelScore.count == 4 && comparison.modelScore.meanAbsoluteError < 1e-12)
        #expect(comparison.ruleScore.meanAbsoluteError > 0.01)
        #expect(comparison.fusedScore.meanAbsoluteError < comparison.ruleScore.meanAbsoluteError)
        for kind in IssueKind.allCases {
            let positives = recordings.filter { $0.issues[kind.classIndex] }.count
            #expect([comparison.modelIssues, comparison.ruleIssues, comparison.fusedIssues].allSatisfy {
                $0[kind.rawValue]?.positives == positives && $0[kind.rawValue]?.negatives == 4 - positives
            })
            if positives > 0 { #expect(comparison.modelIssues[kind.rawValue]?.f1 == 1) }
        }
        #expect(evaluation.summary.contains("issues, rules + model:"))
    }
}
