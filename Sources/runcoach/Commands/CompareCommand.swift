import ArgumentParser
import Foundation
import GaitCore
import GaitRender

/// `runcoach compare`: scores a report's events, phases and metrics against a ground truth.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Score a report against a ground truth (simulator or force plate): IC/TO errors, phase agreement, metric differences.",
        discussion: """
            Contacts pair when they are the same foot with initial contacts within --window seconds \
            (default 40% of the truth's median step time). Errors are report − truth: positive means late.
            """)

    @Option(help: "The analysis report (runcoach-report JSON).") var report: String
    @Option(help: "The ground truth (runcoach-report JSON from simulate or convert fukuchi).") var truth: String
    @Option(help: "Pairing window, seconds.") var window: Double?

    func validate() throws {
        if let window, !(window > 0) { throw ValidationError("--window must be a positive number of seconds") }
    }

    func run() throws {
        let detected = try ReportFile.load(path: report), reference = try ReportFile.load(path: truth)
        let events = GaitEventComparison(detected: detected.events, truth: reference.events, windowSeconds: window)
        let phases = PhaseAgreement(detected: detected.phases, truth: reference.phases)
        func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "-" }
        var lines = [
            "Events (window \(String(format: "%.0f", events.windowSeconds * 1000)) ms): \(events.matches.count) matched, "
                + "\(events.missed.count) truth contacts missed, \(events.extra.count) extra detections",
            "  initial contact: RMSE \(ms(events.initialContact.rmseMs)), bias \(ms(events.initialContact.meanBiasMs)), "
                + "max \(ms(events.initialContact.maxAbsoluteMs)), n \(events.initialContact.n)",
            "  toe-off:         RMSE \(ms(events.toeOff.rmseMs)), bias \(ms(events.toeOff.meanBiasMs)), "
                + "max \(ms(events.toeOff.maxAbsoluteMs)), n \(events.toeOff.n)",
            "Phases: \(phases.comparedFrames) frames compared, phase agreement "
                + (phases.phaseAgreement.map { String(format: "%.1f%%", $0 * 100) } ?? "-")
                + ", stance side agreement " + (phases.sideAgreement.map { String(format: "%.1f%%", $0 * 100) } ?? "-"),
            "Metrics (report − truth):",
        ]
        for key in MetricKey.allCases {
            guard let truthValue = reference.metrics[key]?.number else { continue }
            let reported = detected.metrics[key]
            if let value = reported?.number {
                lines.append("  \(key.rawValue): \(format(value)) vs \(format(truthValue)) \(key.unit) (\(format(value - truthValue, signed: true)))")
            } else if case .withheld(let reason) = reported {
                lines.append("  \(key.rawValue): withheld (\(reason)); truth \(format(truthValue)) \(key.unit)")
            }
        }
        print(lines.joined(separator: "\n"))
    }

    private func format(_ value: Double, signed: Bool = false) -> String {
        String(format: signed ? "%+.4g" : "%.4g", value)
    }
}
