import Foundation
import Testing
@testable import GaitCore
@testable import GaitSim

/// The swing's shape parameters: how late the foot travels forward (`swingLateness`), how it comes
/// down (`swingApproach`) and how high (`swingClearanceScale`). Their fit to real markers is in
/// `AnalysisTests/SwingApproachTests`.
@Suite("GaitSim swing shape")
struct SwingShapeTests {
    @Test("the defaults keep the earlier swing exactly: minimum jerk forward, a sine arc")
    func defaultsUnchanged() throws {
        let (model, _, _) = try LandingTests.runner()
        let foot = try #require(model.feet[.left])
        for k in 0...100 {
            let u = Double(k) / 100
            #expect(foot.forwardTravel(u) == MinimumJerk.position(u))
            #expect(foot.clearanceArc(u) == sin(Double.pi * u))
        }
    }

    @Test("forward travel runs from 0 to 1 without stepping back, however late", arguments: [0.0, 8, 20])
    func forwardTravelMonotone(lateness: Double) throws {
        let (model, _, _) = try LandingTests.runner { $0.swingLateness = lateness }
        let foot = try #require(model.feet[.left])
        #expect(foot.forwardTravel(0) == 0 && foot.forwardTravel(1) == 1)
        var previous = 0.0
        for k in 1...1000 {
            let travel = foot.forwardTravel(Double(k) / 1000)
            // 1e-12: rounding where the curve is flat at the ends.
            #expect(travel >= previous - 1e-12, "back by \(previous - travel) at u = \(Double(k) / 1000)")
            previous = travel
        }
    }

    @Test("the later the swing, the closer to landing the ankle is furthest ahead of the hip")
    func latenessMovesTheForwardMostPoint() throws {
        func lead(_ lateness: Double) throws -> Double {
            let (model, contact, _) = try LandingTests.runner { $0.swingLateness = lateness }
            let ic = contact.initialContact
            let times = stride(from: ic - 0.25, through: ic, by: 0.0005).map { $0 }
            let ahead = times.map { model.leg(.left, at: $0)!.ankle.x - model.pelvis(at: $0).x }
            return ic - times[ahead.indices.max { ahead[$0] < ahead[$1] }!]
        }
        let minimumJerk = try lead(0), late = try lead(8), later = try lead(16)
        #expect(minimumJerk > 0.07, "\(minimumJerk) s")
        #expect(late < minimumJerk / 2 && later < late, "\(late) s, \(later) s")
    }

    @Test("the arc comes down sooner with the approach, lands at its own speed or the set one, and the sole stays above the ground",
          arguments: [(0.0, nil), (0.5, nil), (1.0, nil), (1.0, 0.3), (0.5, 1.0)] as [(Double, Double?)])
    func approach(approach: Double, sink: Double?) throws {
        let (model, contact, p) = try LandingTests.runner {
            $0.swingApproach = approach
            $0.touchdownSinkSpeedMetersPerSecond = sink
            $0.swingLateness = 8
            $0.shoeCompressionMeters = 0
        }
        let foot = try #require(model.feet[.left])
        let ic = contact.initialContact
        let toeOff = foot.contacts.last { $0.initialContact < ic }!.toeOff!
        let swing = ic - toeOff
        // Landing speed: finite difference over the last 10 µs (changes by < 1e-3 m/s in that time).
        let heel = { (t: Double) -> SagittalPoint in model.leg(.left, at: t)!.heel }
        let dt = 1e-5
        let sinking = (heel(ic - dt).y - heel(ic).y) / dt
        let expected = sink ?? foot.swingClearance * Double.pi * (1 - approach) / swing
        #expect(abs(sinking - expected) < 2e-3, "sinking at \(sinking) m/s, expected \(expected)")
        // g(u) = u + a·u²(1 − u) runs ahead of u: at 85% of the swing the arc is lower than a sine's.
        #expect(foot.clearanceArc(0.85) <= sin(Double.pi * 0.85) - 0.25 * approach)
        for time in stride(from: toeOff, to: ic, by: 0.0005) {
            let leg = model.leg(.left, at: time)!
            #expect(min(leg.heel.y, leg.toe.y) > -1e-6, "sole at \(min(leg.heel.y, leg.toe.y)) m at \(time) s")
        }
        _ = p
    }

    @Test("out-of-range swing parameters are refused with the parameter's name")
    func validation() {
        for (change, name) in [({ (p: inout SimulationParameters) in p.swingLateness = 25 }, "swing lateness"),
                               ({ $0.swingApproach = 1.5 }, "swing approach"),
                               ({ $0.swingClearanceScale = 0.1 }, "swing clearance")] {
            var p = SimulationParameters()
            change(&p)
            #expect(throws: SimulationError.self) { try p.validate() }
            #expect((try? p.validate()) == nil)
            do { try p.validate() } catch { #expect("\(error)".contains(name)) }
        }
    }
}
