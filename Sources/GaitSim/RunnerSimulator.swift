import Foundation
import GaitCore

/// The synthetic runner: turns `SimulationParameters` into a BlazePose-33 pose sequence as a
/// camera would see it, together with the exact ground truth in the report's own shape.
///
/// Everything random (step-time variability, noise, occlusions, dropped frames, which foot leads)
/// comes from the seed, so `simulate(seed:)` is reproducible.
public struct RunnerSimulator: Sendable {
    public let parameters: SimulationParameters

    /// Version written into the truth's `generator`.
    public static let version = "0.1.0"

    public init(parameters: SimulationParameters) {
        self.parameters = parameters
    }

    /// Simulates one recording.
    /// - Returns: the pose sequence and its ground truth (events, phases, per-step records,
    ///   metrics, capture facts; score and issues from `FormAssessment` on the exact metrics).
    public func simulate(seed: UInt64) throws -> (poses: PoseSequence, truth: GaitReport) {
        let p = parameters
        var generator = SeededGenerator(seed: seed)
        let kinematics = try plan(using: &generator)
        let view = SimulatedView(parameters: p)

        var frames: [PoseFrame] = []
        var frameTimes: [Double] = []
        let frameCount = Int((p.durationSeconds * p.framesPerSecond).rounded(.down)) + 1
        let degradation = Degradation(parameters: p, using: &generator)
        for index in 0..<frameCount {
            let time = Double(index) / p.framesPerSecond
            guard degradation.keepsFrame(index, of: frameCount, using: &generator) else { continue }
            frameTimes.append(time)
            guard let body = kinematics.landmarks(at: time) else {
                frames.append(PoseFrame(time: time, landmarks: nil))
                continue
            }
            let observed = view.observe(body, at: time)
            frames.append(PoseFrame(time: time, landmarks: observed.map {
                degradation.degrade($0, at: time, view: view, using: &generator)
            }))
        }
        let source = "runcoach-sim \(Self.version) seed \(seed): \(p.mode.rawValue) \(p.environment.rawValue), "
            + "\(format(p.speedMetersPerSecond)) m/s, \(format(p.cadenceStepsPerMinute)) steps/min, "
            + "\(p.cameraYawDegrees == 0 ? "side view" : "camera yaw \(format(p.cameraYawDegrees))°"), \(format(p.framesPerSecond)) fps"
        let poses = PoseSequence(
            nominalFPS: p.framesPerSecond, width: p.imageWidth, height: p.imageHeight, source: source,
            runner: p.statesRunnerHeight ? RunnerInfo(heightMeters: p.runnerHeightMeters) : nil, frames: frames)
        let truth = SimulatorTruth(parameters: p, kinematics: kinematics, view: view)
            .report(frameTimes: frameTimes, frames: frames, source: source)
        return (poses, truth)
    }

    /// Throws what `simulate(seed:)` would throw for these parameters and seed (an invalid
    /// parameter, a stance foot beyond the leg's reach), without rendering a frame.
    public func checkFeasible(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        _ = try plan(using: &generator)
    }

    /// The contacts and the body's motion: every check `simulate` makes happens here.
    private func plan(using generator: inout SeededGenerator) throws -> RunnerKinematics {
        try parameters.validate()
        let schedule = ContactSchedule(parameters: parameters, start: -2.5, end: parameters.durationSeconds + 2.5, using: &generator)
        return try RunnerKinematics(parameters: parameters, schedule: schedule)
    }

    private func format(_ value: Double) -> String { String(format: "%g", value) }
}
