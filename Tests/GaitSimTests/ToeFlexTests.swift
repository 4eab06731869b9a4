import Foundation
import Testing
@testable import GaitCore
@testable import GaitSim

/// The toes bending at the ball of the foot while the heel rises (`SimulationParameters.toeFlex`):
/// on the Fukuchi 2017 trial one foot's metatarsal marker stays down until toe-off while the other
/// rises 25 ms before it, where a rigid sole rolling over its tip lifts every point near the toes
/// from heel-off.
@Suite("GaitSim toes bending at the ball of the foot")
struct ToeFlexTests {
    /// Height of the left foot-index landmark (metres) at `time`.
    static func footIndexHeight(_ model: RunnerKinematics, at time: Double) throws -> Double {
        try #require(model.landmarks(at: time))[BlazePoseLandmark.leftFootIndex.rawValue].y
    }

    @Test("a flexing foot keeps its toes flat on the ground until toe-off while its rear rises at the toe-off angle")
    func toesFlatUntilToeOff() throws {
        let (model, contact, p) = try LandingTests.runner {
            $0.toeFlex = 1
            $0.footIndexSetbackMeters = 0.03
            $0.footIndexHeightMeters = 0.02
        }
        let foot = model.feet[.left]!
        let middle = (contact.initialContact + contact.toeOff!) / 2
        let resting = try Self.footIndexHeight(model, at: middle)
        for k in 0...20 {
            let time = middle + Double(k) / 20 * (contact.toeOff! - middle)
            let leg = try #require(model.leg(.left, at: time))
            // The toes lie on the sunk sole (1 µm for rounding), the foot index on them.
            #expect(abs(leg.toe.y + p.shoeCompressionMeters) < 1e-6 && abs(leg.toeJoint.y + p.shoeCompressionMeters) < 1e-6,
                    "toes at \(leg.toeJoint.y)-\(leg.toe.y) m at \(time) s")
            #expect(abs(try Self.footIndexHeight(model, at: time) - resting) < 1e-6)
        }
        // The rear of the foot leaves at the toe-off angle, bent that far against the toes.
        let leaving = try #require(foot.pose(at: contact.toeOff!))
        #expect(abs(leaving.angle + p.toeOffAngleDegrees * .pi / 180) < 1e-12)
        #expect(abs(leaving.toeBend - p.toeOffAngleDegrees * .pi / 180) < 1e-12)
        // In the air the foot index rises (by more than 1 cm within 30 ms), and the toes are straight
        // again by the time the foot comes down.
        #expect(try Self.footIndexHeight(model, at: contact.toeOff! + 0.03) > resting + 0.01)
        let next = foot.contacts.first { $0.initialContact > contact.toeOff! }!
        #expect(try #require(foot.pose(at: next.initialContact - 0.001)).toeBend == 0)
    }

    @Test("a rigid sole lifts its foot-index point from heel-off; the toe-flex share sets how much")
    func rigidSoleLiftsToePoint() throws {
        var rises: [Double] = []
        for flex in [0.0, 0.5, 1.0] {
            let (model, contact, _) = try LandingTests.runner {
                $0.toeFlex = flex
                $0.footIndexSetbackMeters = 0.03
                $0.footIndexHeightMeters = 0.02
            }
            let middle = (contact.initialContact + contact.toeOff!) / 2
            // 20 ms before toe-off, against mid-stance.
            rises.append(try Self.footIndexHeight(model, at: contact.toeOff! - 0.02) - Self.footIndexHeight(model, at: middle))
        }
        // Rigid: the point 3 cm behind the tip has risen by about 3 cm × sin(angle) ≈ 1 cm; flat toes: not at all.
        #expect(rises[0] > 0.008, "rigid sole: \(rises[0]) m")
        #expect(rises[1] > 0.002 && rises[1] < rises[0], "half flex: \(rises[1]) m")
        #expect(abs(rises[2]) < 1e-6, "flat toes: \(rises[2]) m")
    }

    @Test("a foot-index setback longer than the toes puts the point on the metatarsals, turning with the rear of the foot")
    func setbackBeyondTheToes() throws {
        let (model, contact, p) = try LandingTests.runner {
            $0.toeFlex = 1
            $0.footIndexSetbackMeters = 0.09
        }
        let leg = try #require(model.leg(.left, at: contact.toeOff!))
        let index = try #require(model.landmarks(at: contact.toeOff!))[BlazePoseLandmark.leftFootIndex.rawValue]
        // On the heel-to-joint line, (setback − toe length) behind the joint.
        let beyond = p.footIndexSetbackMeters - model.body.toeLength
        let dx = leg.toeJoint.x - leg.heel.x, dy = leg.toeJoint.y - leg.heel.y
        let rear = (dx * dx + dy * dy).squareRoot()
        #expect(abs(index.x - (leg.toeJoint.x - dx / rear * beyond)) < 1e-9 && abs(index.y - (leg.toeJoint.y - dy / rear * beyond)) < 1e-9)
        #expect(index.y > leg.toeJoint.y + 0.01, "on the raised metatarsals: \(index.y) m")
    }

    @Test("a toe flex outside 0-1 or not a number is refused with its name", arguments: [-0.1, 1.5, Double.nan])
    func refused(flex: Double) {
        expectRefusedForEitherFoot(flex, both: \.toeFlex, right: \.toeFlex, message: "toe flex must be 0-1")
    }
}
