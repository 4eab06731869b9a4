import Foundation
import Testing

/// `scripts/analysis/landing_sensitivity.py`: how fast the overstriding label's measures change
/// around initial contact (docs/training.md, "How precisely the landing must be timed").
@Suite("scripts/analysis/landing_sensitivity.py")
struct LandingSensitivityScriptTests {
    /// The median of the line that starts with `prefix`: "… median X, …".
    static func median(_ output: String, _ prefix: String) throws -> Double {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(prefix) in \(output)")
        let after = try #require(line.range(of: "median "), "\(line)")
        return try #require(Double(line[after.upperBound...].prefix { $0 != "," }), "\(line)")
    }

    @Test("on treadmill runners the heel's lead falls at belt speed over leg length after contact; F1 against landing-time error; bad input is named")
    func rates() throws {
        let run = try CLI.python("scripts/analysis/landing_sensitivity.py", ["--runners", "6", "--runcoach", CLI.executable])
        #expect(run.status == 0, "\(run.stderr)")
        // The planted heel travels back with the belt (2.3-5.5 m/s) while the hips stay: over legs
        // of 0.74-0.98 m that is 0.0023-0.0074 leg lengths per ms, give or take the landing's slide.
        let lead = try Self.median(run.stdout, "heel lead over the hip:")
        #expect((0.002...0.0075).contains(lead), "\(run.stdout)")
        // The shank turns at tens to hundreds of degrees per second around contact.
        let shank = try Self.median(run.stdout, "shank angle:")
        #expect((20...1000).contains(shank), "\(run.stdout)")
        // With an evaluation's recordings: exact measures read at contact flag exactly the label's
        // runners (F1 1 at 0 ms), and the table runs to 8 ms.
        let folder = try CLI.temporaryFolder()
        let recordings = folder + "/recordings.csv"
        try """
            runner,overstriding_flag,truth.shankAngleAtContact,truth.overstrideLegLengths
            a,1,15,0.40
            b,1,12,0.33
            c,0,2,0.15
            d,0,6.5,0.27

            """.write(toFile: recordings, atomically: true, encoding: .utf8)
        let table = try CLI.python("scripts/analysis/landing_sensitivity.py", ["--runners", "2", "--runcoach", CLI.executable,
                                                                               "--recordings", recordings])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("overstriding on 4 recordings (2 with the issue)") && table.stdout.contains("sd 0 ms: F1 1.000")
                && table.stdout.contains("sd 8 ms: F1 "), "\(table.stdout)")
        try "runner,score\na,1\n".write(toFile: recordings, atomically: true, encoding: .utf8)
        let wrong = try CLI.python("scripts/analysis/landing_sensitivity.py", ["--runners", "2", "--runcoach", CLI.executable,
                                                                               "--recordings", recordings])
        #expect(wrong.status != 0 && wrong.stderr.contains("not a recordings.csv of simulated runners"), "\(wrong.stderr)")
        let missing = try CLI.python("scripts/analysis/landing_sensitivity.py", ["--runners", "1", "--runcoach", "/nonexistent/runcoach"])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/runcoach: no runcoach executable"), "\(missing.stderr)")
    }
}
