import Foundation
import Testing
@testable import GaitCore

@Suite("Issue probability")
struct IssueProbabilityTests {
    func overstridingProbability(shankDegrees: Double, uncertainty: Double?) -> Double {
        let metrics = RunnerProfile.metrics([.shankAngleAtContact: shankDegrees], uncertainty: uncertainty)
        return FormAssessment.assess(metrics).issues[0].probability
    }

    @Test("probability rises monotonically with the evidence", arguments: [nil, 0.5, 3.0])
    func monotone(uncertainty: Double?) {
        let probabilities = stride(from: -10.0, through: 30, by: 0.25).map {
            overstridingProbability(shankDegrees: $0, uncertainty: uncertainty)
        }
        for (lower, higher) in zip(probabilities, probabilities.dropFirst()) {
            #expect(higher >= lower)
        }
        #expect(probabilities.first! < 0.01 && probabilities.last! > 0.99)
    }

    @Test("without uncertainty the probability is a fixed function of the value: Φ((x − 8°) / 2°)")
    func deterministic() {
        // Threshold 8°, softness (12 − 8)/2 = 2°. Φ(0) = 0.5, Φ(0.25) = 0.598706, Φ(2) = 0.977250.
        // Tolerance: the 6-digit table values.
        #expect(abs(overstridingProbability(shankDegrees: 8, uncertainty: nil) - 0.5) < 1e-12)
        #expect(abs(overstridingProbability(shankDegrees: 8.5, uncertainty: nil) - 0.598706) < 1e-6)
        #expect(abs(overstridingProbability(shankDegrees: 12, uncertainty: 0) - 0.977250) < 1e-6)
    }

    @Test("a value near the threshold with a large uncertainty is close to a coin toss")
    func uncertaintyPullsToHalf() {
        let sure = overstridingProbability(shankDegrees: 11, uncertainty: 0)
        let unsure = overstridingProbability(shankDegrees: 11, uncertainty: 20)
        // 3° above the threshold: Φ(1.5) = 0.933 when certain, Φ(3/√404) = 0.559 with ±20°.
        #expect(sure > 0.93)
        #expect(abs(unsure - 0.5) < 0.07)
    }

    @Test("every output stays in range over random metric sets (seeded)")
    func outputsInRange() {
        var generator = SplitMix64(seed: 7)
        let ranges: [MetricKey: ClosedRange<Double>] = [
            .cadence: 120...240, .groundContactTime: 0.08...0.45, .verticalRatio: 2...16,
            .verticalOscillation: 0.02...0.2, .contactTimeBalance: 40...60, .shankAngleAtContact: -25...30,
            .overstride: -0.3...0.6, .overstrideLegLengths: -0.35...0.7, .trunkLean: -15...40,
        ]
        for _ in 0..<500 {
            var values: [MetricKey: Double] = [:]
            for (key, range) in ranges where Double.random(in: 0...1, using: &generator) < 0.8 {
                values[key] = Double.random(in: range, using: &generator)
            }
            let uncertainty = Bool.random(using: &generator) ? Double.random(in: 0...5, using: &generator) : nil
            let result = FormAssessment.assess(RunnerProfile.metrics(values, uncertainty: uncertainty))
            #expect(result.issues.map(\.kind) == IssueKind.allCases)
            for issue in result.issues {
                #expect((0...1).contains(issue.probability))
                #expect(issue.detected == (issue.probability >= 0.5))
                #expect(issue.detected == (issue.severity != .none))
            }
            if let score = result.score {
                #expect((0...10).contains(score.value))
                #expect(score.components.allSatisfy { ($0.score ?? 0) >= 0 && ($0.score ?? 0) <= 10 })
            } else {
                #expect(result.scoreWithheldReason != nil)
            }
        }
    }
}

/// A small seeded generator for reproducible random test inputs (SplitMix64, Steele et al. 2014).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
