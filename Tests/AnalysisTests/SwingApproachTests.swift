import Foundation
import Testing
@testable import GaitCore
@testable import GaitSim
@testable import GaitValidation

/// The simulator's swing against a real runner's: the Fukuchi 2017 trial (RBDS001, treadmill
/// 2.5 m/s, forefoot strike; markers turned into side-view landmarks, contacts from the force
/// plate) and a simulated runner of the same speed, cadence, contact time, height and strike.
@Suite("GaitSim swing against the Fukuchi 2017 markers")
struct SwingApproachTests {
    static let offsets = stride(from: -0.2, through: 0.0001, by: 0.02).map { $0 }
    static let fukuchi = Result { () throws -> SwingApproach in
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/fukuchi2017").path
        let trial = try Fukuchi2017.convert(directory: folder, subject: "RBDS001", trial: "runT25")
        return try #require(SwingApproach(poses: trial.poses, contacts: trial.truth.events, offsetsSeconds: offsets))
    }

    static func simulated(_ change: (inout SimulationParameters) -> Void) throws -> SwingApproach {
        var p = SimulationParameters()
        p.speedMetersPerSecond = 2.5
        p.cadenceStepsPerMinute = 157
        p.contactTimeSeconds = 0.277
        p.footStrike = .forefoot
        p.runnerHeightMeters = 1.81
        p.framesPerSecond = 150
        p.durationSeconds = 20
        change(&p)
        let (poses, truth) = try RunnerSimulator(parameters: p).simulate(seed: 3)
        return try #require(SwingApproach(poses: poses, contacts: truth.events, offsetsSeconds: offsets))
    }

    static func rms(_ a: [Double], _ b: [Double]) -> Double {
        (zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(a.count)).squareRoot()
    }

    @Test("the real foot is furthest ahead of the hip 20-40 ms before it lands; a minimum-jerk swing, 3 times earlier")
    func forwardMostPoint() throws {
        let real = try Self.fukuchi.get()
        let plain = try Self.simulated { _ in }
        // Measured 29 ms over the trial's 78 contacts (150 fps: 7 ms per frame).
        #expect((0.020...0.040).contains(real.forwardMostLeadSeconds), "\(real.forwardMostLeadSeconds) s")
        #expect(plain.forwardMostLeadSeconds > 3 * real.forwardMostLeadSeconds, "\(plain.forwardMostLeadSeconds) s")
    }

    @Test("lateness 8, approach 1 and 0.7 of the clearance put the ankle on the real path over the last 200 ms")
    func fittedSwing() throws {
        let real = try Self.fukuchi.get()
        let plain = try Self.simulated { _ in }
        let fitted = try Self.simulated {
            $0.swingLateness = 8
            $0.swingApproach = 1
            $0.swingClearanceScale = 0.7
            $0.touchdownSinkSpeedMetersPerSecond = 0.5
        }
        // Measured: the fitted ankle within 0.029 leg lengths (2.6 cm) of the real one ahead of the
        // hip and 0.005 (0.5 cm) in height, RMS over 11 samples; the plain swing 0.23 and 0.10.
        // Limits: 0.05 and 0.01 leg lengths (4.5 and 0.9 cm), a little above what the fit gives.
        #expect(Self.rms(fitted.ankleAhead, real.ankleAhead) < 0.05)
        #expect(Self.rms(fitted.ankleHeight, real.ankleHeight) < 0.01)
        #expect(abs(fitted.forwardMostLeadSeconds - real.forwardMostLeadSeconds) < 0.015)
        #expect(Self.rms(plain.ankleAhead, real.ankleAhead) > 0.15)
        #expect(Self.rms(plain.ankleHeight, real.ankleHeight) > 0.05)
    }
}
