import Foundation
import Testing

/// `scripts/analysis/two_stage_reader.py`: overstriding read from a foot's landmarks with no landing
/// given, first when the foot lands, then how (docs/training.md, "Both stages together").
@Suite("scripts/analysis/two_stage_reader.py")
struct TwoStageReaderScriptTests {
    @Test("trained on exported runners, it times the others' landings better than their rough guesses and reads their measures closer than their spread")
    func readsLandingsThenMeasures() throws {
        let folder = try CLI.temporaryFolder()
        for (name, count, seed) in [("train", "40", "5"), ("test", "20", "6")] {
            let export = try CLI.runcoach(["export", "labels", "--synthetic", count, "--synthetic-seconds", "4", "--data-seed", seed,
                                           "--synthetic-exact-landmarks", "--out", folder + "/" + name])
            #expect(export.status == 0, "\(export.stderr)")
        }
        let run = try CLI.mlPython("scripts/analysis/two_stage_reader.py", [folder + "/train", "--test", folder + "/test"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("to train on (40 runners)"), "\(run.stdout)")
        func rms(_ stage: String) throws -> Double {
            let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("landings, \(stage): per-contact RMS ") },
                                    "\(run.stdout)")
            return try #require(Double(line.split(separator: " ")[stage.split(separator: " ").count + 3]), "\(line)")
        }
        // A reader that learnt nothing keeps its guess's own error (uniform ±20 ms: 11.5 ms RMS);
        // 40 training runners with exact landmarks take it to about 6.5 ms (1,800: 3 ms).
        let (guesses, windows, templates) = (try rms("the rough guesses"), try rms("each contact's window"),
                                             try rms("and each runner's foot's template"))
        #expect(windows < 0.8 * guesses && templates < 0.8 * guesses, "\(run.stdout)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("overstriding on ") }, "\(run.stdout)")
        let sds = line.components(separatedBy: "per-runner error sd: ")[1]
            .split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        // Learning nothing, the error is the runners' own spread (about 5.6 z and 2.5 z here); at
        // the read landings 40 runners take both under 0.45 of it (shank 0.18, lead 0.43 measured).
        #expect(sds[0] < 0.6 * sds[2] && sds[1] < 0.6 * sds[3], "\(line)")
        let missing = try CLI.mlPython("scripts/analysis/two_stage_reader.py", [folder + "/train", "--test", folder + "/nothing"])
        #expect(missing.status != 0 && missing.stderr.contains("cannot read \(folder)/nothing"), "\(missing.stderr)")
    }
}
