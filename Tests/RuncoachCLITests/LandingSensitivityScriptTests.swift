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

    @Test("on treadmill runners the heel's lead falls at belt speed over leg length after contact; a missing runcoach is named")
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
        let missing = try CLI.python("scripts/analysis/landing_sensitivity.py", ["--runners", "1", "--runcoach", "/nonexistent/runcoach"])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/runcoach: no runcoach executable"), "\(missing.stderr)")
    }
}
