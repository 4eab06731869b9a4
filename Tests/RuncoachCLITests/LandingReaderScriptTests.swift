import Foundation
import Testing

/// `scripts/analysis/landing_reader.py`: how precisely a foot's own landmarks time its landing
/// (docs/training.md, "What the landmarks hold about the landing").
@Suite("scripts/analysis/landing_reader.py")
struct LandingReaderScriptTests {
    @Test("trained on exported runners, the reader times the others' landings better than its guess, or another folder's; a missing folder is named")
    func readsLandings() throws {
        let folder = try CLI.temporaryFolder()
        let export = try CLI.runcoach(["export", "labels", "--synthetic", "24", "--synthetic-seconds", "4", "--data-seed", "5",
                                       "--synthetic-exact-landmarks", "--out", folder + "/labels"])
        #expect(export.status == 0, "\(export.stderr)")
        let run = try CLI.mlPython("scripts/analysis/landing_reader.py", [folder + "/labels"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("to train on (16 runners)") && run.stdout.contains("to test on (8 runners)"), "\(run.stdout)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("reader: per-contact RMS ") }, "\(run.stdout)")
        let numbers = line.split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        let (reader, guess) = (numbers[0], numbers[1])
        // A reader that learnt nothing scores its guess's own error (uniform ±20 ms: 11.5 ms RMS);
        // 16 training runners with exact landmarks already take it to about 7 ms (1,206: 3.4 ms).
        #expect(reader < 0.8 * guess, "\(line)")
        // Trained on all 24 and scored on two other runners: each runner's landings, foot by foot.
        let others = try CLI.runcoach(["export", "labels", "--synthetic", "2", "--synthetic-seconds", "4", "--data-seed", "6",
                                       "--synthetic-exact-landmarks", "--out", folder + "/others"])
        #expect(others.status == 0, "\(others.stderr)")
        let scored = try CLI.mlPython("scripts/analysis/landing_reader.py", [folder + "/labels", "--test", folder + "/others"])
        #expect(scored.status == 0 && scored.stdout.contains("to train on (24 runners)") && scored.stdout.contains("to test on (2 runners)"),
                "\(scored.stdout) \(scored.stderr)")
        #expect(scored.stdout.components(separatedBy: "ms on average (positive: the reader is late); left ").count == 3, "\(scored.stdout)")
        let missing = try CLI.mlPython("scripts/analysis/landing_reader.py", [folder + "/nothing"])
        #expect(missing.status != 0 && missing.stderr.contains("cannot read \(folder)/nothing"), "\(missing.stderr)")
    }
}
