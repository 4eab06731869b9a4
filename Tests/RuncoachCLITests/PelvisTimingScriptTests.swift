import Foundation
import Testing

/// `runcoach simulate --pelvis-low-shift` read by `scripts/analysis/pelvis_timing.py`, next to the
/// force-plate trial's own pelvis timing (docs/training.md, "The pelvis bottoms out early").
@Suite("runcoach simulate --pelvis-low-shift and scripts/analysis/pelvis_timing.py")
struct PelvisTimingScriptTests {
    /// The script's mean shift (share of the contact time) for one foot.
    static func share(_ output: String, _ side: String) throws -> Double {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(side + " foot (") }, "\(side) in \(output)")
        let words = line.split(separator: " ")
        let index = try #require(words.firstIndex(of: "of"))
        return try #require(Double(words[index - 1]), "\(line)")
    }

    /// The script's tilt for one foot's stances: the left hip's height above the right's at IC,
    /// mid-stance and toe-off, % of the hip-to-ankle length.
    static func tilt(_ output: String, _ side: String) throws -> [Double] {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(side + " foot tilt:") }, "\(side) in \(output)")
        let values = line.split(separator: " ").compactMap { Double($0) }
        try #require(values.count == 3, "\(line)")
        return values
    }

    @Test("a simulated runner bottoms out at the share given, 0 by default; bad shares are refused")
    func simulated() throws {
        let folder = try CLI.temporaryFolder()
        for shift in [0.0, -0.1] {
            let poses = folder + "/shift\(shift).json", truth = folder + "/shift\(shift).truth.json"
            let simulated = try CLI.runcoach(["simulate", "--duration", "6", "--fps", "120", "--pelvis-low-shift=\(shift)",
                                              "--out", poses, "--truth", truth])
            #expect(simulated.status == 0, "\(simulated.stderr)")
            let read = try CLI.python("scripts/analysis/pelvis_timing.py", [poses, truth])
            #expect(read.status == 0, "\(read.stderr)")
            // Frames 8.3 ms apart in contacts of about 0.25 s: the lowest frame is within 0.017 of
            // the share, and the mean over 8 contacts closer; 0.025 leaves room for the pixel rounding.
            for side in ["left", "right"] {
                #expect(abs(try Self.share(read.stdout, side) - shift) <= 0.025, "\(read.stdout)")
            }
            // Level hips: both feet's stances see the same perspective offset (measured equal to
            // 0.01 % of the leg; 0.1 % leaves room for the pixel rounding).
            for (left, right) in zip(try Self.tilt(read.stdout, "left"), try Self.tilt(read.stdout, "right")) {
                #expect(abs(left - right) <= 0.1, "\(read.stdout)")
            }
        }
        let refused = try CLI.runcoach(["simulate", "--pelvis-low-shift", "0.5", "--out", folder + "/never.json"])
        #expect(refused.status == 2 && refused.stderr.contains("pelvis low shift must be -0.25-0.25"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/never.json"))
        let usage = try CLI.python("scripts/analysis/pelvis_timing.py", [folder + "/shift0.0.json"])
        #expect(usage.status != 0 && usage.stderr.contains("Usage: python3 scripts/analysis/pelvis_timing.py"), "\(usage.stderr)")
    }

    @Test("the force-plate trial's pelvis bottoms out before mid-stance, earlier on the right foot, and tilts")
    func trial() throws {
        let folder = try CLI.temporaryFolder()
        let trial = try CLI.convertedFukuchiTrial(in: folder)
        let read = try CLI.python("scripts/analysis/pelvis_timing.py", [trial.poses, trial.truth])
        #expect(read.status == 0, "\(read.stderr)")
        // Measured 2026-12-07: −0.027 (−7.3 ms) left, −0.062 (−17.1 ms) right; 0.01 covers a
        // change in the conversion's rounding, not the 0.035 between the feet.
        #expect(abs(try Self.share(read.stdout, "left") + 0.027) <= 0.01, "\(read.stdout)")
        #expect(abs(try Self.share(read.stdout, "right") + 0.062) <= 0.01, "\(read.stdout)")
        // Its pelvis tilts: at mid-stance the swing side's hip is lower, so the left hip stands
        // 1.16 % of the leg higher in the left foot's stances than in the right's (measured
        // +1.49 against +0.33 %); 0.2 % covers the conversion's rounding, not the tilt.
        let midStance = try Self.tilt(read.stdout, "left")[1] - Self.tilt(read.stdout, "right")[1]
        #expect(abs(midStance - 1.16) <= 0.2, "\(read.stdout)")
    }
}
