import ArgumentParser
import Foundation
import GaitCore
import GaitData

/// `runcoach dataset validate`: the dataset against the recommendations; JSON + HTML report.
struct DatasetValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the dataset (size, capture, poses, labels, balance, diversity, leakage); writes reports/validation.json and .html.",
        discussion: "Exit code 1 when there are errors; warnings (e.g. below the recommended size) do not fail.")

    @OptionGroup var location: DatasetLocation
    @Flag(help: "Treat warnings as errors.") var strict = false

    func run() throws {
        let report = try DatasetValidation.run(layout: location.layout)
        print(report.summary)
        if !report.passed { throw CLIExit.impossible("the dataset has \(report.errors.count) errors (see \(location.layout.reportsFolder)/validation.html)") }
        if strict && !report.warnings.isEmpty { throw CLIExit.impossible("--strict: \(report.warnings.count) warnings") }
    }
}

/// Validation with the reports written (shared with the pipeline).
enum DatasetValidation {
    static func run(layout: DatasetLayout) throws -> ValidationReport {
        let validator = DatasetValidator(layout: layout, probe: { try VideoFactsProbe.facts(path: $0) })
        let report = try validator.validate()
        try AtomicFile.write(report.jsonData(), to: layout.reportsFolder + "/validation.json")
        try AtomicFile.write(ValidationHTML.render(report), to: layout.reportsFolder + "/validation.html")
        return report
    }
}
