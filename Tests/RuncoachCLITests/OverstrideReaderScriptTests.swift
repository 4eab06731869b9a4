import Foundation
import Testing

/// `scripts/analysis/overstride_reader.py`: how well a foot's own landmarks around its landings
/// tell the overstriding label (docs/training.md, "How well the landmarks tell overstriding").
@Suite("scripts/analysis/overstride_reader.py")
struct OverstrideReaderScriptTests {
    @Test("trained on exported runners, the reader measures other runners' landings closer than their own spread; a missing folder is named")
    func readsOverstriding() throws {
        let folder = try CLI.temporaryFolder()
        for (name, count, seed) in [("train", "40", "5"), ("test", "20", "6")] {
            let export = try CLI.runcoach(["export", "labels", "--synthetic", count, "--synthetic-seconds", "4", "--data-seed", seed,
                                           "--synthetic-exact-landmarks", "--out", folder + "/" + name])
            #expect(export.status == 0, "\(export.stderr)")
        }
        let run = try CLI.mlPython("scripts/analysis/overstride_reader.py", [folder + "/train", "--test", folder + "/test"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("to train on (40 runners)"), "\(run.stdout)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("overstriding on ") }, "\(run.stdout)")
        #expect(line.contains("F1 ") && line.contains("AUC "), "\(line)")
        let sds = line.components(separatedBy: "per-runner error sd: ")[1]
            .split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        let (shank, lead, shankSpread, leadSpread) = (sds[0], sds[1], sds[2], sds[3])
        // A reader that learnt nothing reads every runner at the training mean: its error is the
        // runners' own spread (about 6 z for the shank, 2.5-3 z for the lead). With exact landmarks and exact landings, 40 training
        // runners take the shank angle and the heel's lead to well under half of it (1,800: 0.3 z).
        #expect(shank < 0.5 * shankSpread && lead < 0.5 * leadSpread, "\(line)")
        #expect(run.stdout.contains("  side camera: ") || run.stdout.contains("  oblique camera: "), "\(run.stdout)")
        // Runners filmed as drawn hide their far leg at times (visibility 0.05-0.3): with
        // --min-visibility 0.5 those landmarks count as missing, and contacts whose windows miss one are not read.
        let drawn = try CLI.runcoach(["export", "labels", "--synthetic", "10", "--synthetic-seconds", "4", "--data-seed", "6",
                                      "--out", folder + "/drawn"])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        func testContacts(_ options: [String]) throws -> Int? {
            let run = try CLI.mlPython("scripts/analysis/overstride_reader.py", [folder + "/train", "--test", folder + "/drawn"] + options)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout.components(separatedBy: " to test on").first?.split(separator: " ").last.flatMap { Int($0) }
        }
        let (all, seen) = (try testContacts([]), try testContacts(["--min-visibility", "0.5"]))
        #expect(all != nil && seen != nil && seen! < all!, "\(String(describing: all)) contacts, \(String(describing: seen)) seen")
        let missing = try CLI.mlPython("scripts/analysis/overstride_reader.py", [folder + "/nothing", "--test", folder + "/test"])
        #expect(missing.status != 0 && missing.stderr.contains("cannot read \(folder)/nothing"), "\(missing.stderr)")
    }
}
