import Foundation
import Testing
@testable import GaitCore
@testable import GaitSim

@Suite("GaitSim synthetic runner")
struct SimulatorTests {
    @Test("the same seed gives the same sequence and truth; another seed does not")
    func deterministic() throws {
        var p = SimulationParameters()
        p.durationSeconds = 3
        p.landmarkNoisePixels = 2
        let a = try RunnerSimulator(parameters: p).simulate(seed: 7)
        let b = try RunnerSimulator(parameters: p).simulate(seed: 7)
        let c = try RunnerSimulator(parameters: p).simulate(seed: 8)
        #expect(a.poses == b.poses)
        #expect(a.truth == b.truth)
        #expect(a.poses != c.poses)
    }

    @Test("the sole touches the ground exactly from initial contact to toe-off",
          arguments: FootStrikePattern.allCases, [0.0, 0.5, 1.0])
    func soleOnGroundExactlyDuringContact(strike: FootStrikePattern, toeFlex: Double) throws {
        var p = SimulationParameters()
        p.footStrike = strike
        p.toeFlex = toeFlex
        p.durationSeconds = 3
        p.shoeCompressionMeters = 0  // a rigid foot: the sole is exactly at the ground in contact
        var generator = SeededGenerator(seed: 3)
        let schedule = ContactSchedule(parameters: p, start: -2.5, end: 5.5, using: &generator)
        let model = try RunnerKinematics(parameters: p, schedule: schedule)
        for side in BodySide.allCases {
            let contacts = schedule.contacts(of: side)
            for time in stride(from: 0.0, through: 3.0, by: 0.0005) {
                guard let leg = model.leg(side, at: time) else { continue }
                let lowest = min(leg.heel.y, leg.toeJoint.y, leg.toe.y)
                let inContact = contacts.contains { time >= $0.initialContact && time <= $0.toeOff! }
                if inContact {
                    // Planted: the pivot point is exactly on the ground (1 µm covers rounding).
                    #expect(abs(lowest) < 1e-6, "\(side) at \(time): sole at \(lowest) m during contact")
                } else {
                    // In the air the sole is above the ground (allow 1 µm at the contact edges).
                    #expect(lowest > -1e-6, "\(side) at \(time): sole below ground (\(lowest) m) in swing")
                }
            }
        }
    }

    @Test("a shod foot sinks by the compression depth after touchdown and stays there until toe-off")
    func shoeCompression() throws {
        var p = SimulationParameters()
        p.durationSeconds = 3
        var generator = SeededGenerator(seed: 3)
        let schedule = ContactSchedule(parameters: p, start: -2.5, end: 5.5, using: &generator)
        let model = try RunnerKinematics(parameters: p, schedule: schedule)
        let contact = schedule.contacts(of: .left).first { $0.initialContact > 0.5 }!
        let lowest = { (t: Double) -> Double in let leg = model.leg(.left, at: t)!; return min(leg.heel.y, leg.toe.y) }
        // Touching at IC (1 µm for rounding), fully sunk by mid-stance, above the sunk level in the air.
        #expect(abs(lowest(contact.initialContact)) < 1e-6)
        let middle = (contact.initialContact + contact.toeOff!) / 2
        #expect(abs(lowest(middle) + p.shoeCompressionMeters) < 1e-6)
        #expect(lowest(contact.initialContact - 0.01) > 0)
    }

    @Test("truth metrics equal the parameters that set them")
    func truthMatchesParameters() throws {
        var p = SimulationParameters()
        p.cadenceStepsPerMinute = 176
        p.contactTimeSeconds = 0.22
        p.verticalOscillationMeters = 0.09
        p.overstrideMeters = 0.15
        p.footStrike = .forefoot
        p.asymmetryPercent = 8
        p.stepTimeVariability = 0
        let truth = try RunnerSimulator(parameters: p).simulate(seed: 1).truth
        func value(_ key: MetricKey) -> Double { truth.metrics[key]!.number! }
        // Without step-time variability every value is exact up to floating-point rounding.
        #expect(abs(value(.cadence) - 176) < 1e-6)
        #expect(abs(value(.groundContactTime) - 0.22) < 0.22 * 0.08 / 2 + 1e-9)
        #expect(abs(value(.verticalOscillation) - 0.09) < 1e-4)  // 201-point sampling of the cosine peak
        #expect(abs(value(.overstride) - 0.15) < 1e-9)
        // Thigh + shank = 0.491 of the runner's height (Winter 2009).
        #expect(abs(value(.overstrideLegLengths) - 0.15 / (0.491 * p.runnerHeightMeters)) < 1e-9)
        #expect(abs(value(.footStrikeAngle) + 7) < 1e-9)
        #expect(truth.metrics[.footStrikePattern]?.measurement?.value == .category("forefoot"))
        let balance = truth.metrics[.contactTimeBalance]!.measurement!
        #expect(abs(balance.asymmetryPercent! - 8) < 1e-6)
        #expect(truth.activity == .running)
        #expect(truth.issues.count == IssueKind.allCases.count)
        #expect(truth.issue(.asymmetry)?.detected == true)
    }

    @Test("every frame of the truth has a phase, consistent with the events")
    func truthPhasesCoverEveryFrame() throws {
        let (poses, truth) = try RunnerSimulator(parameters: SimulationParameters()).simulate(seed: 2)
        #expect(truth.phases.count == poses.frames.count)
        #expect(truth.phases.allSatisfy { $0.phase != nil })
        for event in truth.events {
            guard let toeOff = event.toeOff else { continue }
            let inside = truth.phases.filter { $0.t >= event.initialContact && $0.t < toeOff }
            #expect(inside.allSatisfy { $0.side == StanceSide(event.side) && $0.phase != .swing })
        }
    }

    @Test("walking mode overlaps the contacts (double support) and has no flight")
    func walkingHasDoubleSupport() throws {
        let truth = try RunnerSimulator(parameters: .walking).simulate(seed: 1).truth
        let pairs = zip(truth.events, truth.events.dropFirst())
        #expect(pairs.allSatisfy { a, b in a.toeOff.map { $0 > b.initialContact } ?? true })
        #expect(truth.activity == .walking)
        #expect(truth.metrics[.flightTime]?.measurement == nil)
    }

    @Test("impossible parameters are refused with the parameter named")
    func invalidParameters() {
        var p = SimulationParameters()
        p.contactTimeSeconds = 0.5  // longer than the step time: no flight
        #expect(throws: SimulationError.self) { try RunnerSimulator(parameters: p).simulate(seed: 1) }
        p = SimulationParameters()
        p.framesPerSecond = 5
        #expect(throws: SimulationError.invalidParameter("frame rate must be 10-1000 fps")) { try p.validate() }
    }

    @Test("dropped frames leave gaps in time and occlusion hides the far leg")
    func degradation() throws {
        var p = SimulationParameters()
        p.droppedFrameFraction = 0.2
        p.farLegOcclusion = 0.3
        p.durationSeconds = 5
        let poses = try RunnerSimulator(parameters: p).simulate(seed: 4).poses
        let expected = 5 * 60 + 1
        // 20% dropped from 299 droppable frames: expect about 60, allow ±4 SD of a binomial (≈ 28).
        #expect(abs(Double(expected - poses.frames.count) - 0.2 * 299) < 28)
        let farHeel = BlazePoseLandmark.leftHeel  // runner travels left to right: right side faces camera
        let hidden = poses.frames.filter { ($0[farHeel]?.visibility ?? 1) < 0.35 }.count
        // Occluded share 30% in 0.1-0.3 s episodes over 5 s: few episodes, so allow 10-55%.
        let share = Double(hidden) / Double(poses.frames.count)
        #expect(share > 0.10 && share < 0.55, "hidden share \(share)")
    }
}
