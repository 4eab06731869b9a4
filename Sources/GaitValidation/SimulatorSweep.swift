import Foundation
import GaitCore
import GaitSim

/// One recording condition of the simulator sweep.
public struct SweepScenario: Sendable {
    public var name: String
    public var parameters: SimulationParameters

    public init(name: String, _ configure: (inout SimulationParameters) -> Void) {
        self.name = name
        var parameters = SimulationParameters()
        configure(&parameters)
        self.parameters = parameters
    }

    /// The conditions of the documented sweep: frame rates, views, landmark noise, far-leg
    /// occlusion, dropped frames and strike patterns.
    public static let standard: [SweepScenario] = [
        SweepScenario(name: "side, 25 fps") { $0.framesPerSecond = 25 },
        SweepScenario(name: "side, 30 fps") { $0.framesPerSecond = 30 },
        SweepScenario(name: "side, 60 fps") { _ in },
        SweepScenario(name: "side, 120 fps") { $0.framesPerSecond = 120 },
        SweepScenario(name: "side, 240 fps") { $0.framesPerSecond = 240 },
        SweepScenario(name: "side, 60 fps, noise 1 px") { $0.landmarkNoisePixels = 1 },
        SweepScenario(name: "side, 60 fps, noise 2 px") { $0.landmarkNoisePixels = 2 },
        SweepScenario(name: "side, 60 fps, noise 4 px") { $0.landmarkNoisePixels = 4 },
        SweepScenario(name: "side, 30 fps, noise 2 px") { $0.framesPerSecond = 30; $0.landmarkNoisePixels = 2 },
        SweepScenario(name: "side, 240 fps, noise 2 px") { $0.framesPerSecond = 240; $0.landmarkNoisePixels = 2 },
        SweepScenario(name: "oblique 30°, 60 fps") { $0.cameraYawDegrees = 30 },
        SweepScenario(name: "oblique 45°, 60 fps, noise 2 px") { $0.cameraYawDegrees = 45; $0.landmarkNoisePixels = 2 },
        SweepScenario(name: "side, 60 fps, far leg hidden 20%") { $0.farLegOcclusion = 0.2 },
        SweepScenario(name: "side, 60 fps, 10% frames dropped") { $0.droppedFrameFraction = 0.1 },
        SweepScenario(name: "side, 60 fps, forefoot strike") { $0.footStrike = .forefoot },
        SweepScenario(name: "overground, 60 fps, noise 2 px") {
            $0.environment = .overground; $0.cameraDistanceMeters = 8; $0.landmarkNoisePixels = 2; $0.durationSeconds = 12
        },
    ]
}

/// How the analysis did on one scenario, pooled over seeds.
public struct SweepResult: Sendable {
    public var scenario: String
    public var seeds: Int
    /// Contacts in the truth while the runner is in view, and how many were matched, missed and extra.
    public var truthContacts: Int
    public var matched: Int
    public var missed: Int
    public var extra: Int
    /// Root mean square error of initial contact and toe-off over all matched contacts, ms.
    public var initialContactRMSEMs: Double?
    public var toeOffRMSEMs: Double?
    /// Largest |report − truth| over the seeds: cadence (steps/min), mean ground contact time (ms),
    /// vertical oscillation (cm).
    public var cadenceErrorStepsPerMinute: Double?
    public var contactTimeErrorMs: Double?
    public var verticalOscillationErrorCm: Double?
    /// Share of frames whose phase matches the truth, pooled.
    public var phaseAgreement: Double?
    /// Runs the analysis refused, with the reason.
    public var failures: [String]
}

/// Simulates each scenario, analyses it and scores the report against the simulator's truth.
public enum SimulatorSweep {
    /// Runs `scenarios`, each with seeds 1…`seeds`; `progress` is called after each run.
    public static func run(
        _ scenarios: [SweepScenario] = SweepScenario.standard, seeds: Int = 3, progress: (String) -> Void = { _ in }
    ) -> [SweepResult] {
        scenarios.map { scenario in
            var result = SweepResult(
                scenario: scenario.name, seeds: seeds, truthContacts: 0, matched: 0, missed: 0, extra: 0, failures: [])
            var icErrors: [Double] = [], toErrors: [Double] = []
            var cadence: [Double] = [], contact: [Double] = [], oscillation: [Double] = []
            var agreeing = 0.0, compared = 0
            for seed in 1...seeds {
                progress("\(scenario.name), seed \(seed)")
                do {
                    let (poses, truth) = try RunnerSimulator(parameters: scenario.parameters).simulate(seed: UInt64(seed))
                    let report = try GaitAnalyzer().analyze(poses)
                    // Only contacts while the runner is in view can be found (overground clips), and a
                    // landing needs 0.15 s of approach in view to be timed.
                    let inView = poses.trimmedToPerson().map { ($0.frames.first!.time + 0.15)...max($0.frames.first!.time + 0.15, $0.frames.last!.time) }
                    let visible = truth.events.filter { inView?.contains($0.initialContact) ?? false }
                    let events = GaitEventComparison(
                        detected: report.events.filter { inView?.contains($0.initialContact) ?? false }, truth: visible)
                    result.truthContacts += visible.count
                    result.matched += events.matches.count
                    result.missed += events.missed.count
                    result.extra += events.extra.count
                    icErrors += events.matches.map(\.initialContactErrorMs)
                    toErrors += events.matches.compactMap(\.toeOffErrorMs)
                    func error(_ key: MetricKey) -> Double? {
                        guard let a = report.metrics[key]?.number, let b = truth.metrics[key]?.number else { return nil }
                        return abs(a - b)
                    }
                    error(.cadence).map { cadence.append($0) }
                    error(.groundContactTime).map { contact.append($0 * 1000) }
                    error(.verticalOscillation).map { oscillation.append($0 * 100) }
                    let phases = PhaseAgreement(detected: report.phases, truth: truth.phases)
                    if let share = phases.phaseAgreement {
                        agreeing += share * Double(phases.comparedFrames)
                        compared += phases.comparedFrames
                    }
                } catch {
                    result.failures.append("seed \(seed): \(error)")
                }
            }
            result.initialContactRMSEMs = rms(icErrors)
            result.toeOffRMSEMs = rms(toErrors)
            result.cadenceErrorStepsPerMinute = cadence.max()
            result.contactTimeErrorMs = contact.max()
            result.verticalOscillationErrorCm = oscillation.max()
            result.phaseAgreement = compared > 0 ? agreeing / Double(compared) : nil
            return result
        }
    }

    /// The results as a Markdown table.
    public static func markdown(_ results: [SweepResult]) -> String {
        func f(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }
        var lines = [
            "| condition | contacts (matched / truth, extra) | IC RMSE ms | TO RMSE ms | cadence error steps/min | contact time error ms | vertical oscillation error cm | phase agreement |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in results {
            let contacts = "\(r.matched) / \(r.truthContacts), \(r.extra)" + (r.failures.isEmpty ? "" : " (\(r.failures.count) refused)")
            lines.append("| \(r.scenario) | \(contacts) | \(f(r.initialContactRMSEMs, "%.1f")) | \(f(r.toeOffRMSEMs, "%.1f")) | "
                + "\(f(r.cadenceErrorStepsPerMinute, "%.2f")) | \(f(r.contactTimeErrorMs, "%.1f")) | "
                + "\(f(r.verticalOscillationErrorCm, "%.2f")) | \(f(r.phaseAgreement.map { $0 * 100 }, "%.1f%%")) |")
        }
        return lines.joined(separator: "\n")
    }

    private static func rms(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
    }
}
