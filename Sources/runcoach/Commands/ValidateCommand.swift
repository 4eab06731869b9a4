import ArgumentParser
import Foundation
import GaitCore
import GaitValidation

/// `runcoach validate`: the accuracy checks behind docs/analysis.md.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Measure the analysis against exact ground truth (simulator sweep, Fukuchi 2017 force plate).",
        subcommands: [ValidateSimulatorCommand.self, ValidateFukuchiCommand.self])
}

/// `runcoach validate sim`: the simulator sweep as a Markdown table.
struct ValidateSimulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the simulator sweep (frame rates, views, noise, occlusion) and print its Markdown table.")

    @Option(help: "Seeds per condition.") var seeds: Int = 3

    func validate() throws {
        guard (1...50).contains(seeds) else { throw ValidationError("--seeds must be 1-50") }
    }

    func run() throws {
        let results = SimulatorSweep.run(seeds: seeds) { step in
            FileHandle.standardError.write(Data("\r\u{1B}[Kvalidate: \(step)".utf8))
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        print(SimulatorSweep.markdown(results))
    }
}

/// `runcoach validate fukuchi`: events against the Fukuchi 2017 force plate.
struct ValidateFukuchiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fukuchi",
        abstract: "Convert the Fukuchi 2017 markers to poses, analyse them and score the events against the force plate.")

    @Option(help: "Folder with the Fukuchi 2017 files.") var dir: String = "../shared/data/fukuchi2017"
    @Option(help: "Subject id.") var subject: String = "RBDS001"
    @Option(help: "Trial name.") var trial: String = "runT25"

    func run() throws {
        let result = try FukuchiValidation.run(directory: dir, subject: subject, trial: trial)
        func line(_ name: String, _ c: GaitEventComparison) -> String {
            func ms(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "–" }
            return "\(name): \(c.matches.count) matched, \(c.missed.count) missed, \(c.extra.count) extra; "
                + "IC RMSE \(ms(c.initialContact.rmseMs)) ms (bias \(ms(c.initialContact.meanBiasMs))), "
                + "TO RMSE \(ms(c.toeOff.rmseMs)) ms (bias \(ms(c.toeOff.meanBiasMs)))"
        }
        print(line("whole trial", result.events))
        print(line("first half ", result.firstHalf))
        print(line("second half", result.secondHalf))
        if let agreement = result.phases.phaseAgreement {
            print(String(format: "phase agreement %.1f%% over %d frames", 100 * agreement, result.phases.comparedFrames))
        }
        for key in [MetricKey.cadence, .groundContactTime, .flightTime, .dutyFactor, .contactTimeBalance, .speed] {
            guard let a = result.report.metrics[key]?.number, let b = result.truth.metrics[key]?.number else { continue }
            print(String(format: "%@: %.4g vs force plate %.4g %@ (%+.3g)", key.rawValue, a, b, key.unit, a - b))
        }
    }
}
