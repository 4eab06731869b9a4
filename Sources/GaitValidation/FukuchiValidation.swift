import Foundation
import GaitCore

/// Scores the analysis against the Fukuchi 2017 force plate: the markers become a side-view pose
/// sequence, the analyzer finds the contacts, and they are compared with the force plate's.
public enum FukuchiValidation {
    public struct Result: Sendable {
        public var events: GaitEventComparison
        public var phases: PhaseAgreement
        /// The same comparison on the first and the second half of the trial (the touchdown
        /// correction was calibrated on the first half only).
        public var firstHalf: GaitEventComparison
        public var secondHalf: GaitEventComparison
        public var report: GaitReport
        public var truth: GaitReport
    }

    /// Converts, analyses and compares `subject`/`trial` in `directory`.
    public static func run(directory: String, subject: String = "RBDS001", trial: String = "runT25") throws -> Result {
        let converted = try Fukuchi2017.convert(directory: directory, subject: subject, trial: trial)
        let report = try GaitAnalyzer().analyze(converted.poses)
        let truth = converted.truth
        let middle = (converted.poses.frames.first!.time + converted.poses.frames.last!.time) / 2
        func half(_ first: Bool) -> GaitEventComparison {
            let keep = { (event: GaitEvent) in (event.initialContact < middle) == first }
            return GaitEventComparison(detected: report.events.filter(keep), truth: truth.events.filter(keep))
        }
        return Result(
            events: GaitEventComparison(detected: report.events, truth: truth.events),
            phases: PhaseAgreement(detected: report.phases, truth: truth.phases),
            firstHalf: half(true), secondHalf: half(false), report: report, truth: truth)
    }
}
