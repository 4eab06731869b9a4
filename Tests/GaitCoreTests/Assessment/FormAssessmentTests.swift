import Foundation
import Testing
@testable import GaitCore

@Suite("Form assessment")
struct FormAssessmentTests {
    @Test("each hand-built runner shows exactly its own issue, with evidence and a cue", arguments: RunnerProfile.allCases)
    func expectedIssues(runner: RunnerProfile) {
        let result = FormAssessment.assess(runner.metrics)
        #expect(result.issues.map(\.kind) == [.overstriding, .verticalBounce, .asymmetry])
        for issue in result.issues {
            let shouldBeDetected = issue.kind == runner.expectedIssue
            #expect(issue.detected == shouldBeDetected, "\(runner): \(issue.kind) p=\(issue.probability)")
            // The profiles sit well clear of the thresholds: a clear case must be clear.
            if shouldBeDetected {
                #expect(issue.probability > 0.9)
                #expect(issue.severity >= .moderate)
                #expect(!issue.cue.isEmpty)
            } else {
                #expect(issue.probability < 0.1)
                #expect(issue.severity == .none && issue.cue.isEmpty)
            }
            #expect(!issue.evidence.isEmpty && issue.notAssessableReason == nil)
        }
    }

    @Test("the good runner scores 10 and each runner with an issue scores lower")
    func scoreOrdering() throws {
        let scores = try RunnerProfile.allCases.map { runner in
            (runner, try #require(FormAssessment.assess(runner.metrics).score).value)
        }
        let good = try #require(scores.first { $0.0 == .good }).1
        #expect(abs(good - 10) < 1e-9)  // all sub-scores 10; tolerance: floating-point rounding
        for (runner, score) in scores where runner != .good {
            #expect(score < good, "\(runner) scored \(score)")
        }
        // The overstrider is off in three components (cadence, contact time, landing): the lowest.
        let overstrider = try #require(scores.first { $0.0 == .overstrider }).1
        #expect(scores.allSatisfy { $0.1 >= overstrider })
    }

    @Test("the overstrider's score is the weighted mean of the hand-computed sub-scores")
    func scoreArithmetic() throws {
        let score = try #require(FormAssessment.assess(RunnerProfile.overstrider.metrics).score)
        // cadence 158: 10·(158−153)/(174−153); contact 0.290 s: 10·(0.308−0.290)/(0.308−0.248);
        // vertical ratio 7.0, balance 50.2, trunk 8: 10; shank 13°: 10·(16−13)/(16−6).
        let expected = 0.20 * 50.0 / 21 + 0.15 * 3 + 0.20 * 10 + 0.15 * 10 + 0.20 * 3 + 0.10 * 10
        // Tolerance: floating-point rounding only.
        #expect(abs(score.value - expected) < 1e-9)
        #expect(abs(score.components.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
    }

    @Test("a withheld metric drops out and the other weights renormalise")
    func renormalisation() throws {
        var metrics = RunnerProfile.overstrider.metrics
        metrics[.trunkLean] = .withheld(reason: "trunk not visible")
        let score = try #require(FormAssessment.assess(metrics).score)
        let trunk = try #require(score.components.first { $0.name == "trunkLean" })
        #expect(trunk.score == nil && trunk.value == nil && trunk.weight == 0.10)
        // Same sub-scores as above without trunk lean, divided by the remaining weight 0.9.
        let expected = (0.20 * 50.0 / 21 + 0.15 * 3 + 0.20 * 10 + 0.15 * 10 + 0.20 * 3) / 0.90
        #expect(abs(score.value - expected) < 1e-9)  // floating-point rounding only
    }

    @Test("vertical oscillation stands in for a withheld vertical ratio")
    func verticalFallback() throws {
        var metrics = RunnerProfile.bouncy.metrics
        metrics[.verticalRatio] = .withheld(reason: "no speed: step length unknown")
        metrics[.verticalOscillation] = RunnerProfile.metrics([.verticalOscillation: 0.125])[.verticalOscillation]
        let result = FormAssessment.assess(metrics)
        let component = try #require(result.score?.components.first { $0.name == "verticalMotion" })
        #expect(component.metric == .verticalOscillation && component.value == 0.125)
        // 0.125 m: 10·(0.130−0.125)/(0.130−0.089); tolerance: floating-point rounding only.
        #expect(abs(try #require(component.score) - 10 * 0.005 / 0.041) < 1e-9)
        let bounce = try #require(result.issues.first { $0.kind == .verticalBounce })
        #expect(bounce.detected && bounce.evidence.map(\.metric) == [.verticalOscillation])
    }

    @Test("too few rated components give no score, and say why")
    func tooFewComponents() {
        let metrics = RunnerProfile.metrics([.cadence: 180, .groundContactTime: 0.23])
        let result = FormAssessment.assess(metrics)
        #expect(result.score == nil)
        #expect(result.scoreWithheldReason?.contains("only 2 of 6") == true)
    }

    @Test("an issue whose metrics are all withheld is not assessable, with the reasons")
    func notAssessable() throws {
        var metrics = RunnerProfile.overstrider.metrics
        metrics[.shankAngleAtContact] = .withheld(reason: "feet out of frame")
        metrics[.overstrideLegLengths] = nil
        let issue = try #require(FormAssessment.assess(metrics).issues.first { $0.kind == .overstriding })
        #expect(!issue.detected && issue.probability == 0 && issue.evidence.isEmpty)
        let reason = try #require(issue.notAssessableReason)
        #expect(reason.contains("shankAngleAtContact withheld (feet out of frame)"))
        #expect(reason.contains("overstrideLegLengths not measured"))
    }

    @Test("asymmetry falls back on the contact-time asymmetry index and names the longer side")
    func asymmetryFallback() throws {
        var metrics = RunnerProfile.asymmetric.metrics
        metrics[.contactTimeBalance] = nil
        let issue = try #require(FormAssessment.assess(metrics).issues.first { $0.kind == .asymmetry })
        #expect(issue.detected)
        #expect(issue.evidence.map(\.metric) == [.groundContactTime])
        // Balance 53 % ⇔ index 4 × 3 = 12 %.
        #expect(abs(issue.evidence[0].value - 12) < 1e-9)
        #expect(issue.cue.hasPrefix("Your left foot stays on the ground longer than your right."))
    }
}
