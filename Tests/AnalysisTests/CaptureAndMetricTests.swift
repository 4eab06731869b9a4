import Foundation
import Testing
import GaitCore
import GaitSim

/// The analyzer reads the recording (view, direction, environment, scale) and the runner's form
/// (distances, angles, strike pattern) as the simulator made them.
@Suite("Capture detection and metrics against the simulator")
struct CaptureAndMetricTests {
    func analyse(_ configure: (inout SimulationParameters) -> Void, seed: UInt64 = 1) throws -> (report: GaitReport, truth: GaitReport, parameters: SimulationParameters) {
        var parameters = SimulationParameters()
        configure(&parameters)
        let (poses, truth) = try RunnerSimulator(parameters: parameters).simulate(seed: seed)
        return (try GaitAnalyzer().analyze(poses), truth, parameters)
    }

    @Test("view, direction and environment", arguments: [
        (0.0, SimulationParameters.Direction.leftToRight, SimulationParameters.Environment.treadmill),
        (0.0, .rightToLeft, .treadmill),
        (35.0, .leftToRight, .treadmill),
        (45.0, .rightToLeft, .treadmill),
        (0.0, .leftToRight, .overground),
    ])
    func capture(yaw: Double, direction: SimulationParameters.Direction, environment: SimulationParameters.Environment) throws {
        let (report, _, _) = try analyse {
            $0.cameraYawDegrees = yaw
            $0.direction = direction
            $0.environment = environment
            if environment == .overground { $0.cameraDistanceMeters = 8; $0.durationSeconds = 12 }
        }
        let capture = try #require(report.capture)
        #expect(capture.view == (yaw < 20 ? .side : .oblique))
        // The shoulder-width estimate of the view angle: within 8° (shoulder rotation and
        // perspective blur it; the side/oblique decision has a 20° margin).
        #expect(abs(try #require(capture.viewAngleDegrees) - yaw) < 8)
        #expect(capture.direction == (direction == .leftToRight ? .leftToRight : .rightToLeft))
        #expect(capture.environment == (environment == .treadmill ? .treadmill : .overground))
    }

    @Test("scale from the stated height within 3%, and from assumed proportions within its stated uncertainty")
    func scale() throws {
        let stated = try analyse { _ in }
        let truthScale = try #require(stated.truth.capture?.pixelsPerMeter)
        // 3% is the stated uncertainty of a leg-length scale (individual proportions).
        #expect(abs(try #require(stated.report.capture?.pixelsPerMeter) / truthScale - 1) < 0.03)
        let assumed = try analyse { $0.statesRunnerHeight = false; $0.runnerHeightMeters = 1.85 }
        let capture = try #require(assumed.report.capture)
        let error = abs(try #require(capture.pixelsPerMeter) / (try #require(assumed.truth.capture?.pixelsPerMeter)) - 1)
        // A 1.85 m runner scaled as 1.70 m is 8.8% off; two stated standard uncertainties cover it.
        #expect(error < 2 * (try #require(capture.scaleRelativeUncertainty)))
        #expect(capture.scaleSource?.contains("assumed") == true)
    }

    @Test("foot-strike pattern is recognised", arguments: FootStrikePattern.allCases)
    func strikePattern(pattern: FootStrikePattern) throws {
        let (report, _, _) = try analyse { $0.footStrike = pattern; $0.landmarkNoisePixels = 1 }
        #expect(report.metrics[.footStrikePattern]?.measurement?.value == .category(pattern.rawValue))
    }

    @Test("distances and angles agree with the exact values", arguments: [0.0, 2.0])
    func formMetrics(noise: Double) throws {
        let (report, truth, _) = try analyse { $0.landmarkNoisePixels = noise; $0.overstrideMeters = 0.18; $0.trunkLeanDegrees = 9 }
        func pair(_ key: MetricKey) throws -> (value: Double, truth: Double, uncertainty: Double) {
            let measured = try #require(report.metrics[key]?.measurement, "\(key) withheld")
            return (try #require(measured.value.number), try #require(truth.metrics[key]?.number), measured.uncertainty ?? 0)
        }
        // Tolerances: 1 cm for overstride and pelvis rise (3 px at this scale), 1° for trunk
        // lean (a rigid segment), 3% for speed (the leg-length scale's uncertainty).
        let overstride = try pair(.overstride)
        #expect(abs(overstride.value - overstride.truth) < 0.01)
        let oscillation = try pair(.verticalOscillation)
        #expect(abs(oscillation.value - oscillation.truth) < 0.01)
        let lean = try pair(.trunkLean)
        #expect(abs(lean.value - lean.truth) < 1)
        let speed = try pair(.speed)
        #expect(abs(speed.value / speed.truth - 1) < 0.03)
        // Knee and shank angles at contact change by up to ~500°/s around the impact; a 60 fps
        // low-passed sample smooths the V-shaped minimum by a few degrees: 6° tolerance.
        for key in [MetricKey.kneeFlexionAtContact, .shankAngleAtContact, .peakKneeFlexionStance, .hipExtensionAtToeOff] {
            let angle = try pair(key)
            #expect(abs(angle.value - angle.truth) < 6, "\(key): \(angle.value) vs \(angle.truth)")
        }
        // Stated uncertainties cover the timing errors (3 standard uncertainties).
        for key in [MetricKey.cadence, .groundContactTime, .flightTime] {
            let timing = try pair(key)
            #expect(abs(timing.value - timing.truth) <= 3 * timing.uncertainty, "\(key)")
        }
    }
}
