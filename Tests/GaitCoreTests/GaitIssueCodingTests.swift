import Foundation
import Testing
@testable import GaitCore

@Suite("GaitIssue coding")
struct GaitIssueCodingTests {
    @Test("an issue written before notAssessableReason existed still decodes, as assessable")
    func decodesOlderIssue() throws {
        let json = """
            {"kind": "asymmetry", "detected": false, "probability": 0.2, "severity": "none",
             "evidence": [], "cue": ""}
            """
        let issue = try JSONDecoder().decode(GaitIssue.self, from: Data(json.utf8))
        #expect(issue.notAssessableReason == nil)
        #expect(issue.kind == .asymmetry)
    }

    @Test("a not-assessable issue round-trips with its reason and is never detected")
    func notAssessableRoundTrip() throws {
        let issue = GaitIssue.notAssessable(.verticalBounce, reason: "vertical oscillation withheld")
        #expect(!issue.detected && issue.probability == 0 && issue.severity == .none)
        let decoded = try JSONDecoder().decode(GaitIssue.self, from: JSONEncoder().encode(issue))
        #expect(decoded == issue)
    }
}
