import ArgumentParser
import Foundation
import GaitCore
import GaitSim

extension FootStrikePattern: ExpressibleByArgument {}
extension SimulationParameters.Mode: ExpressibleByArgument {}
extension SimulationParameters.Environment: ExpressibleByArgument {}
extension SimulationParameters.Direction: ExpressibleByArgument {}

/// `runcoach simulate`: writes a synthetic runner's pose sequence and its exact ground truth.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a runner: a runcoach-pose file plus exact ground truth in the report's format.",
        discussion: "Every option has a realistic default (a treadmill runner filmed from the side at 60 fps). "
            + "The same seed gives the same files.")

    @Option(help: "Pose file to write (runcoach-pose JSON).") var out: String
    @Option(help: "Ground-truth file to write (runcoach-report JSON with exact values).") var truth: String?
    @Option(help: "Random seed.") var seed: UInt64 = 1

    @Option(help: "running or walking (double support, no flight).") var mode: SimulationParameters.Mode = .running
    @Option(help: "Speed, m/s.") var speed: Double?
    @Option(help: "Cadence, steps/min.") var cadence: Double?
    @Option(name: .customLong("contact-time"), help: "Ground contact time, s.") var contactTime: Double?
    @Option(name: .customLong("vertical-oscillation"), help: "Pelvis rise per step, m.") var verticalOscillation: Double?
    @Option(help: "Horizontal hip-to-heel distance at initial contact, m.") var overstride: Double?
    @Option(name: .customLong("trunk-lean"), help: "Trunk forward lean, degrees.") var trunkLean: Double?
    @Option(help: "Contact-time asymmetry L vs R, %.") var asymmetry: Double?
    @Option(name: .customLong("foot-strike"), help: "rearfoot, midfoot or forefoot.") var footStrike: FootStrikePattern?
    @Option(name: .customLong("runner-height"), help: "Runner height, m.") var runnerHeight: Double?
    @Flag(name: .customLong("hide-height"), help: "Leave the runner's height out of the pose file.") var hideHeight = false
    @Option(help: "treadmill or overground (static camera).") var environment: SimulationParameters.Environment?
    @Option(help: "leftToRight or rightToLeft.") var direction: SimulationParameters.Direction?
    @Option(name: .customLong("camera-yaw"), help: "Camera angle off the side view, degrees (30-45 = oblique).") var cameraYaw: Double?
    @Option(name: .customLong("camera-distance"), help: "Camera distance, m.") var cameraDistance: Double?
    @Option(help: "Frame rate, fps.") var fps: Double?
    @Option(help: "Clip length, s.") var duration: Double?
    @Option(name: .customLong("image-width"), help: "Image width, px.") var width: Int?
    @Option(name: .customLong("image-height"), help: "Image height, px.") var height: Int?
    @Option(help: "Landmark noise standard deviation, px.") var noise: Double?
    @Option(name: .customLong("occlusion"), help: "Share of time the far leg is hidden, 0-0.9.") var farLegOcclusion: Double?
    @Option(name: .customLong("dropped-frames"), help: "Share of frames dropped, 0-0.5.") var droppedFrames: Double?
    @Option(name: .customLong("swing-lateness"), help: "How late in the swing the foot travels forward, 0-20 (0 = minimum jerk; about 8 = the Fukuchi 2017 runner).") var swingLateness: Double?
    @Option(name: .customLong("swing-approach"), help: "How the foot comes down, 0-1 (0 = a sine arc; 1 = the Fukuchi 2017 runner, skimming low before landing).") var swingApproach: Double?
    @Option(name: .customLong("swing-clearance"), help: "Swing arc height as a multiple of the default, 0.3-2.") var swingClearance: Double?
    @Option(name: .customLong("pelvis-low-shift"), help: "When the pelvis is lowest in each stance, after mid-stance, as a share of the contact time, -0.25-0.25 (0 = at mid-stance; negative = before).") var pelvisLowShift: Double?
    @Option(name: .customLong("toe-flex"), help: "Share of the heel's rise before toe-off taken up by the toes bending at the ball of the foot, 0-1 (0 = a rigid sole rolling over its tip; 1 = toes flat until toe-off).") var toeFlex: Double?
    @Option(name: .customLong("foot-index-setback"), help: "How far the foot-index landmark sits behind the toe tip, m (a marker on the metatarsal heads: 4-6 cm).") var footIndexSetback: Double?
    @Option(name: .customLong("foot-index-height"), help: "How far the foot-index landmark sits above the sole, m.") var footIndexHeight: Double?
    @Option(name: .customLong("touchdown-sink-speed"), help: "Downward speed of the foot at initial contact, m/s (default: the swing arc's own).") var touchdownSinkSpeed: Double?

    /// The parameters these options describe.
    func parameters() -> SimulationParameters {
        var p = mode == .walking ? SimulationParameters.walking : SimulationParameters()
        func apply<T>(_ value: T?, _ path: WritableKeyPath<SimulationParameters, T>) {
            if let value { p[keyPath: path] = value }
        }
        apply(speed, \.speedMetersPerSecond)
        apply(cadence, \.cadenceStepsPerMinute)
        apply(contactTime, \.contactTimeSeconds)
        apply(verticalOscillation, \.verticalOscillationMeters)
        apply(overstride, \.overstrideMeters)
        apply(trunkLean, \.trunkLeanDegrees)
        apply(asymmetry, \.asymmetryPercent)
        apply(footStrike, \.footStrike)
        apply(runnerHeight, \.runnerHeightMeters)
        apply(environment, \.environment)
        apply(direction, \.direction)
        apply(cameraYaw, \.cameraYawDegrees)
        apply(cameraDistance, \.cameraDistanceMeters)
        apply(fps, \.framesPerSecond)
        apply(duration, \.durationSeconds)
        apply(width, \.imageWidth)
        apply(height, \.imageHeight)
        apply(noise, \.landmarkNoisePixels)
        apply(farLegOcclusion, \.farLegOcclusion)
        apply(droppedFrames, \.droppedFrameFraction)
        apply(swingLateness, \.swingLateness)
        apply(swingApproach, \.swingApproach)
        apply(swingClearance, \.swingClearanceScale)
        apply(toeFlex, \.toeFlex)
        apply(pelvisLowShift, \.pelvisLowShift)
        apply(footIndexSetback, \.footIndexSetbackMeters)
        apply(footIndexHeight, \.footIndexHeightMeters)
        if let touchdownSinkSpeed { p.touchdownSinkSpeedMetersPerSecond = touchdownSinkSpeed }
        p.statesRunnerHeight = !hideHeight
        return p
    }

    func validate() throws {
        do {
            try parameters().validate()
        } catch let error as SimulationError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let (poses, truthReport) = try RunnerSimulator(parameters: parameters()).simulate(seed: seed)
        try RuncoachPoseFormat.write(poses, to: out)
        if let truth { try truthReport.write(to: truth) }
        let steps = truthReport.events.count
        print("wrote \(out): \(poses.frames.count) frames, \(steps) foot contacts\(truth.map { "; truth in \($0)" } ?? "")")
    }
}
