import Foundation
import Testing
@testable import GaitCore
@testable import GaitSim

/// The foot's landing and take-off as real markers show them (Fukuchi 2017: the foot lands still
/// moving forward and settles over 20-40 ms; it leaves at about 43°), and where the foot's
/// landmarks sit on the shoe.
@Suite("GaitSim landing, take-off and foot landmarks")
struct LandingTests {
    /// A 3 s treadmill runner (default parameters with `change` applied) and one left contact
    /// well inside the clip.
    static func runner(_ change: (inout SimulationParameters) -> Void = { _ in }) throws
        -> (model: RunnerKinematics, contact: GaitEvent, parameters: SimulationParameters)
    {
        var p = SimulationParameters()
        p.durationSeconds = 3
        change(&p)
        var generator = SeededGenerator(seed: 3)
        let schedule = ContactSchedule(parameters: p, start: -2.5, end: 5.5, using: &generator)
        let model = try RunnerKinematics(parameters: p, schedule: schedule)
        let contact = schedule.contacts(of: .left).first { $0.initialContact > 0.5 }!
        return (model, contact, p)
    }

    @Test("the foot lands moving forward at the touchdown speed, then slows and sinks to rest within the settle time")
    func landingSettles() throws {
        let (model, contact, p) = try Self.runner { $0.footStrike = .rearfoot }
        let heel = { (t: Double) -> SagittalPoint in model.leg(.left, at: t)!.heel }
        let ic = contact.initialContact, dt = 1e-5
        // Over the ground the heel moves at the touchdown speed on both sides of the landing
        // (finite differences over 10 µs: the speed changes by < 1e-3 m/s in that time).
        let arriving = (heel(ic).x - heel(ic - dt).x) / dt
        let landed = (heel(ic + dt).x - heel(ic).x) / dt
        #expect(abs(arriving - p.touchdownSpeedMetersPerSecond) < 2e-3, "arriving at \(arriving) m/s")
        #expect(abs(landed - p.touchdownSpeedMetersPerSecond) < 2e-3, "landed at \(landed) m/s")
        // The settling follows u(2 − u): three quarters of the way at half the settle time, at
        // rest (and fully sunk) from the settle time on. 1 µm covers rounding.
        let settle = p.landingSettleSeconds
        let slide = p.touchdownSpeedMetersPerSecond * settle / 2
        #expect(abs(heel(ic + settle / 2).x - heel(ic).x - 0.75 * slide) < 1e-6)
        #expect(abs(heel(ic + settle).x - heel(ic).x - slide) < 1e-6)
        #expect(abs(heel(ic + settle + 0.01).x - heel(ic + settle).x) < 1e-9)
        #expect(abs(heel(ic).y) < 1e-6)
        #expect(abs(heel(ic + settle).y + p.shoeCompressionMeters) < 1e-6)
    }

    @Test("the foot comes down at the touchdown sink speed and stays above the ground until it lands",
          arguments: [(0.0, 2.5), (0.4, 2.5), (1.2, 2.5), (0.1, 4.5), (1.2, 4.5)])
    func landingSinkSpeed(sink: Double, speed: Double) throws {
        let (model, contact, _) = try Self.runner {
            $0.touchdownSinkSpeedMetersPerSecond = sink
            $0.speedMetersPerSecond = speed
            if speed > 4 { $0.contactTimeSeconds = 0.18; $0.cadenceStepsPerMinute = 180; $0.overstrideMeters = 0.05 }  // a fast runner's stance fits the leg
            $0.shoeCompressionMeters = 0  // the landed heel stays at y = 0
        }
        let heel = { (t: Double) -> SagittalPoint in model.leg(.left, at: t)!.heel }
        let ic = contact.initialContact, dt = 1e-5
        // Finite difference over the last 10 µs of the swing: the speed changes by < 1e-3 m/s in that time.
        let sinking = (heel(ic - dt).y - heel(ic).y) / dt
        #expect(abs(sinking - sink) < 2e-3, "sinking at \(sinking) m/s")
        // Through the whole swing before this contact the sole is above the ground (1 µm at the edge).
        let previousToeOff = model.feet[.left]!.contacts.last { $0.initialContact < ic }!.toeOff!
        for time in stride(from: previousToeOff, to: ic, by: 0.0005) {
            let leg = model.leg(.left, at: time)!
            #expect(min(leg.heel.y, leg.toe.y) > -1e-6, "sole at \(min(leg.heel.y, leg.toe.y)) m at \(time) s")
        }
    }

    @Test("the overstride is measured where the heel lands, not where it comes to rest")
    func overstrideAtTouchdown() throws {
        let (model, contact, p) = try Self.runner { $0.footStrike = .rearfoot; $0.touchdownSpeedMetersPerSecond = 1.2 }
        let leg = model.leg(.left, at: contact.initialContact)!
        let hip = model.pelvis(at: contact.initialContact)
        #expect(abs(leg.heel.x - hip.x - p.overstrideMeters) < 1e-6)
    }

    @Test("the foot leaves the ground at the toe-off angle", arguments: [35.0, 45.0, 60.0])
    func toeOffAngle(degrees: Double) throws {
        let (model, contact, _) = try Self.runner { $0.toeOffAngleDegrees = degrees }
        let pose = try #require(model.feet[.left]!.pose(at: contact.toeOff!))
        #expect(abs(pose.angle * 180 / .pi + degrees) < 1e-6)
    }

    @Test("the heel and foot-index landmarks sit off the sole by the given offsets")
    func footLandmarkOffsets() throws {
        let (model, contact, p) = try Self.runner {
            $0.heelLandmarkHeightMeters = 0.03
            $0.footIndexSetbackMeters = 0.05
            $0.footIndexHeightMeters = 0.02
        }
        // Mid-stance: the foot lies flat, so the offsets are plain x and y distances.
        let time = (contact.initialContact + contact.toeOff!) / 2
        let sole = model.leg(.left, at: time)!
        let points = try #require(model.landmarks(at: time))
        let heel = points[BlazePoseLandmark.leftHeel.rawValue], index = points[BlazePoseLandmark.leftFootIndex.rawValue]
        #expect(abs(heel.x - sole.heel.x) < 1e-9 && abs(heel.y - sole.heel.y - p.heelLandmarkHeightMeters) < 1e-9)
        #expect(abs(index.x - (sole.toe.x - p.footIndexSetbackMeters)) < 1e-9)
        #expect(abs(index.y - sole.toe.y - p.footIndexHeightMeters) < 1e-9)
        // Tilted at toe-off, the offsets turn with the sole: the landmarks keep their distances.
        let leaving = model.leg(.left, at: contact.toeOff!)!
        let tilted = try #require(model.landmarks(at: contact.toeOff!))
        let tiltedHeel = tilted[BlazePoseLandmark.leftHeel.rawValue]
        let rise = ((tiltedHeel.x - leaving.heel.x) * (tiltedHeel.x - leaving.heel.x)
            + (tiltedHeel.y - leaving.heel.y) * (tiltedHeel.y - leaving.heel.y)).squareRoot()
        #expect(abs(rise - p.heelLandmarkHeightMeters) < 1e-9)
        #expect(tiltedHeel.x > leaving.heel.x, "raised off a sole tilted toes-down, the heel leans forward")
    }
}

@Suite("GaitSim right foot differing from the left")
struct RightFootTests {
    @Test("the right foot sinks, leaves and lands by its own parameters; the left foot is untouched")
    func rightFootOwnParameters() throws {
        let (plain, _, p) = try LandingTests.runner()
        let (changed, _, _) = try LandingTests.runner {
            $0.rightFoot.shoeCompressionMeters = $0.shoeCompressionMeters + 0.01
            $0.rightFoot.toeOffAngleDegrees = 37
            $0.rightFoot.landingSettleSeconds = $0.landingSettleSeconds + 0.01
        }
        let right = try #require(changed.feet[.right]), left = try #require(changed.feet[.left])
        // The right foot takes its own values, the left keeps the runner's.
        #expect(right.compression == p.shoeCompressionMeters + 0.01 && left.compression == p.shoeCompressionMeters)
        #expect(abs(right.toeOffAngle + 37 * Double.pi / 180) < 1e-12 && abs(left.toeOffAngle + 45 * Double.pi / 180) < 1e-12)
        #expect(right.settleSeconds == p.landingSettleSeconds + 0.01)
        // The left foot's path is exactly the one without the changes (the whole leg may still
        // move a little: a deeper-sinking right foot lowers the pelvis); a settled right heel sits
        // 1 cm lower (1 µm covers rounding).
        for t in stride(from: 0.5, to: 2.5, by: 0.01) {
            let (a, b) = (left.pose(at: t)!, plain.feet[.left]!.pose(at: t)!)
            #expect(a.heel == b.heel && a.angle == b.angle)
        }
        let contact = changed.schedule.contacts(of: .right).first { $0.initialContact > 0.5 }!
        let settled = contact.initialContact + 0.05
        #expect(abs(changed.leg(.right, at: settled)!.heel.y - plain.leg(.right, at: settled)!.heel.y + 0.01) < 1e-6)
    }

    @Test("the right foot's landmark offsets move the right foot's landmarks only")
    func rightFootLandmarkOffsets() throws {
        let (plain, contact, _) = try LandingTests.runner()
        let (changed, _, _) = try LandingTests.runner {
            $0.rightFoot.heelLandmarkHeightMeters = 0.03
            $0.rightFoot.footIndexHeightMeters = 0.02
            $0.rightFoot.footIndexSetbackMeters = 0.05
        }
        // At the left foot's mid-stance the right foot is in the air, tilted: compare distances
        // from the sole, which do not depend on the tilt.
        let time = (contact.initialContact + contact.toeOff!) / 2
        let (before, after) = (try #require(plain.landmarks(at: time)), try #require(changed.landmarks(at: time)))
        for landmark in [BlazePoseLandmark.leftHeel, .leftFootIndex] {
            #expect(before[landmark.rawValue] == after[landmark.rawValue], "the left foot's \(landmark) stays")
        }
        let sole = changed.leg(.right, at: time)!
        func distance(_ a: Vector3, _ b: SagittalPoint) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }
        #expect(abs(distance(after[BlazePoseLandmark.rightHeel.rawValue], sole.heel) - 0.03) < 1e-9)
        #expect(abs(distance(after[BlazePoseLandmark.rightFootIndex.rawValue], sole.toe)
                    - (0.05 * 0.05 + 0.02 * 0.02).squareRoot()) < 1e-9)
    }

    @Test("a random right foot stays within the drawn ranges, differs from runner to runner and is reproducible")
    func randomChanges() throws {
        var generator = SeededGenerator(seed: 11)
        var seen: Set<Double> = []
        for _ in 0..<200 {
            var p = SimulationParameters()
            p.shoeCompressionMeters = Double.random(in: 0.005...0.025, using: &generator)
            p.swingApproach = Double.random(in: 0...1, using: &generator)
            p.rightFoot = .random(around: p, using: &generator)
            try p.validate()
            let right = p.foot(.right)
            #expect((0.003...0.03).contains(right.shoeCompressionMeters) && (0...1).contains(right.swingApproach))
            #expect((30...65).contains(right.toeOffAngleDegrees) && (0.008...0.05).contains(right.landingSettleSeconds))
            #expect(abs(right.toeOffAngleDegrees - p.toeOffAngleDegrees) <= 8)
            #expect((0...0.035).contains(right.heelLandmarkHeightMeters) && (0...0.06).contains(right.footIndexSetbackMeters)
                    && (0...0.03).contains(right.footIndexHeightMeters))
            seen.insert(right.toeOffAngleDegrees)
        }
        #expect(seen.count == 200)
        var (first, second) = (SeededGenerator(seed: 5), SeededGenerator(seed: 5))
        #expect(SimulationParameters.FootOverrides.random(around: SimulationParameters(), using: &first)
                == SimulationParameters.FootOverrides.random(around: SimulationParameters(), using: &second))
    }

    @Test("each foot lands at its own strike angle; an angle outside the pattern's band is refused")
    func ownStrikeAngles() throws {
        let (model, contact, _) = try LandingTests.runner {
            $0.footStrike = .midfoot
            $0.footStrikeAngleDegrees = 6
            $0.rightFoot.footStrikeAngleDegrees = -1
        }
        let rightContact = model.schedule.contacts(of: .right).first { $0.initialContact > 0.5 }!
        // The sole's angle at initial contact, as the truth measures it (to 0.01°: the pose at IC
        // is the strike pose itself, up to rounding).
        func angle(_ side: BodySide, at time: Double) -> Double {
            let leg = model.leg(side, at: time)!
            return SagittalAngles.footAngle(heel: leg.heel, toe: leg.toe)
        }
        #expect(abs(angle(.left, at: contact.initialContact) - 6) < 0.01)
        #expect(abs(angle(.right, at: rightContact.initialContact) + 1) < 0.01)
        var p = SimulationParameters()
        p.footStrike = .rearfoot
        p.footStrikeAngleDegrees = 5
        #expect(throws: SimulationError.self) { try p.validate() }
        p.footStrikeAngleDegrees = 12
        try p.validate()
        p.rightFoot.footStrikeAngleDegrees = 4
        #expect(throws: SimulationError.self) { try p.validate() }
        var generator = SeededGenerator(seed: 2)
        for pattern in FootStrikePattern.allCases {
            for _ in 0..<100 {
                let drawn = SimulationParameters.randomStrikeAngle(pattern, using: &generator)
                #expect(FootStrikePattern(footStrikeAngleDegrees: drawn) == pattern)
            }
        }
    }

    @Test("a right foot beyond a parameter's range is refused, naming the foot")
    func rightFootValidated() throws {
        var p = SimulationParameters()
        p.rightFoot.swingApproach = 1.3
        #expect(throws: SimulationError.invalidParameter("right foot: swing approach must be 0-1")) { try p.validate() }
        p.rightFoot.swingApproach = 1
        try p.validate()
    }
}
