import Foundation
import Testing
@testable import GaitCore
@testable import GaitSim

/// When the pelvis is lowest in each stance (`SimulationParameters.pelvisLowShift`): the Fukuchi
/// 2017 runner's hip midpoint bottoms out 7 ms before mid-stance on the left foot and 17 ms on the
/// right, where the simulator had it exactly at mid-stance.
@Suite("GaitSim pelvis low point")
struct PelvisTimingTests {
    /// When the pelvis is lowest within `contact`, searched in 0.1 ms steps, seconds after mid-stance.
    static func lowestAfterMidStance(_ model: RunnerKinematics, _ contact: GaitEvent) -> Double {
        let steps = Int(((contact.toeOff! - contact.initialContact) / 1e-4).rounded())
        let times = (0...steps).map { contact.initialContact + Double($0) * 1e-4 }
        let lowest = times.min { model.pelvis(at: $0).y < model.pelvis(at: $1).y }!
        return lowest - (contact.initialContact + contact.toeOff!) / 2
    }

    @Test("the pelvis bottoms out the given share of the contact time after mid-stance, each foot its own",
          arguments: [(0.0, 0.0), (-0.06, -0.03), (0.05, -0.12)])
    func lowPoint(left: Double, right: Double) throws {
        let (model, _, _) = try LandingTests.runner {
            $0.pelvisLowShift = left
            $0.rightFoot.pelvisLowShift = right
        }
        for contact in model.schedule.contacts where contact.initialContact > 0 && contact.toeOff! < 3 {
            let shift = contact.side == .left ? left : right
            let expected = shift * (contact.toeOff! - contact.initialContact)
            // 0.1 ms search steps; the bob is a cosine between the low points, so its minimum is exact.
            #expect(abs(Self.lowestAfterMidStance(model, contact) - expected) <= 2e-4, "\(contact.side) at \(contact.initialContact) s")
        }
    }

    @Test("the amplitude stays the vertical oscillation; the feet land where they did")
    func amplitudeAndFeetUnchanged() throws {
        let (plain, contact, p) = try LandingTests.runner()
        let (shifted, _, _) = try LandingTests.runner { $0.pelvisLowShift = -0.1 }
        let times = stride(from: 0.5, through: 2.5, by: 0.001)
        let heights = times.map { shifted.pelvis(at: $0).y }
        #expect(abs(heights.max()! - heights.min()! - p.verticalOscillationMeters) < 1e-3)
        for time in [contact.initialContact, contact.toeOff!, contact.toeOff! + 0.1] {
            let (a, b) = (try #require(shifted.feet[.left]!.pose(at: time)), try #require(plain.feet[.left]!.pose(at: time)))
            #expect(a.heel == b.heel && a.angle == b.angle)
        }
    }

    @Test("a shift outside -0.25-0.25 or NaN is refused, naming the foot", arguments: [0.3, -0.5, Double.nan])
    func badShift(value: Double) {
        expectRefusedForEitherFoot(value, both: \.pelvisLowShift, right: \.pelvisLowShift,
                                   message: "pelvis low shift must be -0.25-0.25 of the contact time")
    }
}

@Suite("GaitSim feasibility without rendering")
struct FeasibilityCheckTests {
    @Test("checkFeasible throws exactly what simulate throws, and passes where simulate succeeds")
    func sameVerdict() throws {
        var reach = SimulationParameters()  // 2 m of travel over the planted foot: beyond any leg
        reach.speedMetersPerSecond = 8
        reach.cadenceStepsPerMinute = 180
        reach.contactTimeSeconds = 0.25
        var invalid = SimulationParameters()
        invalid.pelvisLowShift = 0.5
        for p in [reach, invalid] {
            var simulated: Error?, checked: Error?
            do { _ = try RunnerSimulator(parameters: p).simulate(seed: 4) } catch { simulated = error }
            do { try RunnerSimulator(parameters: p).checkFeasible(seed: 4) } catch { checked = error }
            let expected = try #require(simulated as? SimulationError)
            #expect(checked as? SimulationError == expected)
        }
        try RunnerSimulator(parameters: SimulationParameters()).checkFeasible(seed: 4)
    }
}
