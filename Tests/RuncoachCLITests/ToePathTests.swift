import Foundation
import Testing

/// `runcoach simulate --toe-flex` read by `scripts/analysis/toe_paths.py`, next to the force-plate
/// trial's own toe-off paths (docs/training.md, "Toes that bend").
@Suite("runcoach simulate --toe-flex and scripts/analysis/toe_paths.py")
struct ToePathTests {
    /// The script's mean heights (cm) for one foot's landmark, at −47, −27, −13, 0, +13, +27 ms
    /// from toe-off.
    static func heights(_ output: String, _ row: String) throws -> [Double] {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(row + " (") }, "\(row) in \(output)")
        return line.split(separator: ":").last!.split(separator: " ").compactMap { Double($0) }
    }

    @Test("flat toes keep the foot-index point down until toe-off; a rigid sole lifts it from heel-off")
    func simulatedToePaths() throws {
        let folder = try CLI.temporaryFolder()
        var paths: [Double: [Double]] = [:]
        for flex in [0.0, 1.0] {
            let poses = folder + "/flex\(flex).json", truth = folder + "/flex\(flex).truth.json"
            let simulated = try CLI.runcoach(["simulate", "--duration", "4", "--toe-flex", String(flex), "--foot-index-setback", "0.05",
                                              "--foot-index-height", "0.025", "--out", poses, "--truth", truth])
            #expect(simulated.status == 0, "\(simulated.stderr)")
            let read = try CLI.python("scripts/analysis/toe_paths.py", [poses, truth, "86"])
            #expect(read.status == 0, "\(read.stderr)")
            paths[flex] = try Self.heights(read.stdout, "left foot index")
        }
        // Flat toes: within 1 mm of mid-stance (the landmarks' pixel rounding) until 13 ms before
        // toe-off, then up by more than 2 cm 27 ms after it. A point 5 cm behind a rigid sole's tip
        // rises about 5 cm × sin(angle): over 1 cm 47 ms before toe-off.
        let flat = try #require(paths[1.0]), rigid = try #require(paths[0.0])
        #expect(flat.count == 6 && flat[0...2].allSatisfy { abs($0) < 0.1 } && flat[5] > 2, "\(flat)")
        #expect(rigid.count == 6 && rigid[0] > 1, "\(rigid)")
        let refused = try CLI.runcoach(["simulate", "--toe-flex", "2", "--out", folder + "/never.json"])
        #expect(refused.status == 2 && refused.stderr.contains("toe flex must be 0-1"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/never.json"))
    }

    @Test("the force-plate trial's foot-index points stay within 1 cm of mid-stance until toe-off; its heels rise 14-15 cm")
    func trialToePaths() throws {
        let folder = try CLI.temporaryFolder()
        let trial = try CLI.convertedFukuchiTrial(in: folder)
        let read = try CLI.python("scripts/analysis/toe_paths.py", [trial.poses, trial.truth, "80"])
        #expect(read.status == 0, "\(read.stderr)")
        // Measured 2026-12-07: left foot index −0.58 … −0.25 cm until toe-off, right −0.54 … +0.17
        // (−0.40 … +0.65 before the right foot's swapped MT1/MT5 labels were undone); heels +14.1 /
        // +15.2 cm at toe-off (0.5 cm covers a change in the conversion's rounding).
        for side in ["left", "right"] {
            let index = try Self.heights(read.stdout, side + " foot index"), heel = try Self.heights(read.stdout, side + " heel")
            #expect(index.count == 6 && index[0...3].allSatisfy { abs($0) < 1 }, "\(side): \(index)")
            #expect(heel.count == 6 && (13.6...15.7).contains(heel[3]), "\(side): \(heel)")
        }
        let bad = try CLI.python("scripts/analysis/toe_paths.py", [trial.truth, trial.truth])
        #expect(bad.status != 0 && bad.stderr.contains("expected a runcoach-pose file"), "\(bad.stderr)")
    }
}
