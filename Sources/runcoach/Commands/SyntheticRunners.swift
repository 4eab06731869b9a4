import Foundation
import GaitCore
import GaitML
import GaitSim

/// Labelled training data from the simulator: runners with random body, pace, form, camera and
/// noise, each its own runner ID (so splits never share a runner).
enum SyntheticRunners {
    /// Ways the simulated runners may vary beyond `randomParameters`, each drawn from a generator of
    /// its own so that the runners are otherwise the ones the seed gives without it.
    struct Variations: OptionSet {
        let rawValue: Int
        /// The right foot lands and leaves differently from the left (`FootOverrides.random`).
        static let feetDiffer = Variations(rawValue: 1 << 0)
        /// Each foot lands at its own strike angle, drawn within the runner's strike pattern's band
        /// (`SimulationParameters.randomStrikeAngle`), instead of the pattern's one usual angle.
        static let strikeAngles = Variations(rawValue: 1 << 1)
        /// Each foot's toes bend at the metatarsal heads (`simulate(_:seed:variations:)`), so that
        /// the model cannot time the toe-off by how one foot's toe point rises.
        static let toeFlex = Variations(rawValue: 1 << 2)
        /// The pelvis bottoms out before or after each foot's mid-stance, by a share of the contact
        /// time drawn per foot from `pelvisLowShifts`, so that the model cannot time the contacts by
        /// the pelvis alone.
        static let pelvisTiming = Variations(rawValue: 1 << 3)
        /// The landmarks come out exact: no pixel noise, far-leg occlusion or dropped frames (the
        /// runner, camera and truth are the ones drawn without it), to tell what the pose
        /// estimator's errors cost from what the model misreads in the motion itself.
        static let exactLandmarks = Variations(rawValue: 1 << 4)
    }

    /// The pelvis timings drawn with `.pelvisTiming`, shares of the contact time after mid-stance:
    /// around the Fukuchi 2017 runner's −0.03 (left) and −0.06 (right), a little more room before
    /// mid-stance than after.
    static let pelvisLowShifts = -0.12...0.06

    /// `count` simulated recordings of `seconds` each, drawn from `seed`, with `variations`;
    /// `progress` sees each one.
    static func make(count: Int, seed: UInt64, seconds: Double, variations: Variations = [],
                     progress: (Int) -> Void = { _ in }) throws -> [LabelledSequence] {
        var generator = SeededGenerator(seed: seed)
        var sequences: [LabelledSequence] = []
        for index in 0..<count {
            // Some random combinations are impossible (the simulator refuses a foot beyond the leg's
            // reach, say): draw again, a bounded number of times.
            var attempts = 0
            while true {
                attempts += 1
                var p = randomParameters(seconds: seconds, using: &generator)
                let runSeed = generator.next()
                if variations.contains(.feetDiffer) {
                    var footGenerator = SeededGenerator(seed: runSeed ^ 0x5EED_F007)
                    p.rightFoot = .random(around: p, using: &footGenerator)
                }
                if variations.contains(.strikeAngles) {
                    var strikeGenerator = SeededGenerator(seed: runSeed ^ 0x57_81CE_A9)
                    p.footStrikeAngleDegrees = SimulationParameters.randomStrikeAngle(p.footStrike, using: &strikeGenerator)
                    p.rightFoot.footStrikeAngleDegrees = SimulationParameters.randomStrikeAngle(p.footStrike, using: &strikeGenerator)
                }
                if variations.contains(.exactLandmarks) {
                    p.landmarkNoisePixels = 0
                    p.farLegOcclusion = 0
                    p.droppedFrameFraction = 0
                }
                let simulated: (poses: PoseSequence, truth: GaitReport)
                do {
                    (p, simulated) = try simulate(p, seed: runSeed, variations: variations)
                } catch let error as SimulationError where attempts < 100 {
                    _ = error
                    continue
                }
                let pace = p.speedMetersPerSecond < 3.3 ? "easy" : (p.speedMetersPerSecond < 4.4 ? "steady" : "fast")
                var sequence = LabelledSequence(
                    poses: simulated.poses, truth: simulated.truth, runnerID: "sim-\(seed)-\(index)",
                    strata: ["pace": pace, "camera": p.cameraYawDegrees == 0 ? "side" : "oblique", "environment": p.environment.rawValue])
                sequence.details.merge(details(of: p)) { existing, _ in existing }
                sequences.append(sequence)
                break
            }
            progress(index + 1)
        }
        return sequences
    }

    /// Simulates `p` with `seed`. With `.toeFlex` each foot's toes bend by a share drawn from 0-1,
    /// with `.pelvisTiming` each foot's pelvis low point moves by a share drawn from
    /// `pelvisLowShifts`, each from a generator of its own, drawn again (up to 20 times, then
    /// without them) where they would take a stance foot beyond the leg's reach. The runner
    /// without them is checked first, so that one the simulator refuses is refused (and redrawn)
    /// whatever the variations: a runner's other draws never depend on them.
    private static func simulate(_ p: SimulationParameters, seed: UInt64, variations: Variations) throws
        -> (parameters: SimulationParameters, simulated: (poses: PoseSequence, truth: GaitReport))
    {
        let plain = RunnerSimulator(parameters: p)
        guard !variations.isDisjoint(with: [.toeFlex, .pelvisTiming]) else { return (p, try plain.simulate(seed: seed)) }
        try plain.checkFeasible(seed: seed)
        var toeGenerator = SeededGenerator(seed: seed ^ 0x70E_F1E5)
        var pelvisGenerator = SeededGenerator(seed: seed ^ 0x9E1_7150)
        for _ in 0..<20 {
            var varied = p
            if variations.contains(.toeFlex) {
                varied.toeFlex = Double.random(in: 0...1, using: &toeGenerator)
                varied.rightFoot.toeFlex = Double.random(in: 0...1, using: &toeGenerator)
            }
            if variations.contains(.pelvisTiming) {
                varied.pelvisLowShift = Double.random(in: pelvisLowShifts, using: &pelvisGenerator)
                varied.rightFoot.pelvisLowShift = Double.random(in: pelvisLowShifts, using: &pelvisGenerator)
            }
            if let simulated = try? RunnerSimulator(parameters: varied).simulate(seed: seed) { return (varied, simulated) }
        }
        return (p, try plain.simulate(seed: seed))
    }

    /// The drawn parameters a recording's errors may depend on (body, camera, recording quality),
    /// for `LabelledSequence.details`.
    private static func details(of p: SimulationParameters) -> [String: Double] {
        let values: [String: Double?] = [
            "sim.runnerHeightMeters": p.runnerHeightMeters, "sim.framesPerSecond": p.framesPerSecond,
            "sim.cameraYawDegrees": p.cameraYawDegrees, "sim.cameraDistanceMeters": p.cameraDistanceMeters,
            "sim.landmarkNoisePixels": p.landmarkNoisePixels, "sim.farLegOcclusion": p.farLegOcclusion,
            "sim.droppedFrameFraction": p.droppedFrameFraction,
            "sim.touchdownSinkSpeedMetersPerSecond": p.touchdownSinkSpeedMetersPerSecond,
            "sim.landingSettleSeconds": p.landingSettleSeconds, "sim.shoeCompressionMeters": p.shoeCompressionMeters,
            "sim.leftToeFlex": p.toeFlex, "sim.rightToeFlex": p.foot(.right).toeFlex,
            "sim.leftPelvisLowShift": p.pelvisLowShift, "sim.rightPelvisLowShift": p.foot(.right).pelvisLowShift,
            // The foot's path and landmarks, which move where a reader sees the landing.
            "sim.swingLateness": p.swingLateness, "sim.swingApproach": p.swingApproach,
            "sim.swingClearanceScale": p.swingClearanceScale, "sim.touchdownSpeedMetersPerSecond": p.touchdownSpeedMetersPerSecond,
            "sim.toeOffAngleDegrees": p.toeOffAngleDegrees, "sim.heelLandmarkHeightMeters": p.heelLandmarkHeightMeters,
            "sim.footIndexSetbackMeters": p.footIndexSetbackMeters, "sim.footIndexHeightMeters": p.footIndexHeightMeters,
            "sim.trunkLeanDegrees": p.trunkLeanDegrees, "sim.cameraHeightMeters": p.cameraHeightMeters,
        ]
        return values.compactMapValues { $0 }
    }

    /// One random runner, camera and recording quality.
    private static func randomParameters(seconds: Double, using generator: inout SeededGenerator) -> SimulationParameters {
            var p = SimulationParameters()
            p.speedMetersPerSecond = Double.random(in: 2.3...5.5, using: &generator)
            p.cadenceStepsPerMinute = Double.random(in: 150...192, using: &generator)
            // Contact time falls with speed: the body travels 0.55-0.85 m over the planted foot
            // (Fukuchi 2017 RBDS001: 0.277 s at 2.5 m/s, 0.69 m), so slow runners stay down longest.
            let stanceDistance = Double.random(in: 0.55...0.85, using: &generator)
            p.contactTimeSeconds = min(0.32, max(0.15, stanceDistance / p.speedMetersPerSecond))
            p.verticalOscillationMeters = Double.random(in: 0.045...0.13, using: &generator)
            p.overstrideMeters = Double.random(in: 0.0...0.26, using: &generator)
            p.trunkLeanDegrees = Double.random(in: 0...14, using: &generator)
            p.asymmetryPercent = Double.random(in: 0...1, using: &generator) < 0.3 ? Double.random(in: 4...16, using: &generator) : Double.random(in: 0...3, using: &generator)
            p.footStrike = FootStrikePattern.allCases.randomElement(using: &generator)!
            p.runnerHeightMeters = Double.random(in: 1.5...2.0, using: &generator)
            p.environment = SimulationParameters.Environment.allCases.randomElement(using: &generator)!
            p.direction = SimulationParameters.Direction.allCases.randomElement(using: &generator)!
            p.cameraYawDegrees = Double.random(in: 0...1, using: &generator) < 0.6 ? 0 : Double.random(in: 5...45, using: &generator)
            p.cameraDistanceMeters = Double.random(in: 3...8, using: &generator)
            p.cameraHeightMeters = Double.random(in: 0.6...1.4, using: &generator)
            p.framesPerSecond = [30.0, 60, 60, 120].randomElement(using: &generator)!
            p.landmarkNoisePixels = Double.random(in: 0...3, using: &generator)
            p.farLegOcclusion = Double.random(in: 0...0.3, using: &generator)
            p.droppedFrameFraction = Double.random(in: 0...0.03, using: &generator)
            // Shoes differ: the landmarks keep sinking 5-25 mm after touchdown (13 mm fits the
            // Fukuchi 2017 runner's markers), so the model cannot take a fixed offset for the landing.
            p.shoeCompressionMeters = Double.random(in: 0.005...0.025, using: &generator)
            p.toeOffAngleDegrees = Double.random(in: 35...60, using: &generator)
            p.touchdownSpeedMetersPerSecond = Double.random(in: 0.2...1.4, using: &generator)
            // Feet come down at 0.2-0.9 m/s on the Fukuchi 2017 markers; the plain arc, at 1.1-1.4.
            p.touchdownSinkSpeedMetersPerSecond = Double.random(in: 0.1...1.3, using: &generator)
            p.landingSettleSeconds = Double.random(in: 0.01...0.045, using: &generator)
            // The swing's shape, from minimum jerk and a sine arc to a foot that swings forward late
            // and skims low before it lands (the Fukuchi 2017 runner: lateness 8, approach 1,
            // clearance 0.7), so the model cannot time the landing by the shape of one of them.
            p.swingLateness = Double.random(in: 0...12, using: &generator)
            p.swingApproach = Double.random(in: 0...1, using: &generator)
            p.swingClearanceScale = Double.random(in: 0.6...1.2, using: &generator)
            p.heelLandmarkHeightMeters = Double.random(in: 0...0.035, using: &generator)
            p.footIndexSetbackMeters = Double.random(in: 0...0.06, using: &generator)
            p.footIndexHeightMeters = Double.random(in: 0...0.03, using: &generator)
            p.durationSeconds = seconds
            // Keep a flight phase whatever the draws: contact below the step time. Slow runners reach
            // three quarters of it (Fukuchi 2017 RBDS001 at 2.5 m/s: 0.28 s of a 0.385 s step).
            p.contactTimeSeconds = min(p.contactTimeSeconds, 0.78 * p.stepTimeSeconds / (1 + p.asymmetryPercent / 200))
            return p
    }
}
