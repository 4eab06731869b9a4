import Foundation
import Testing
@testable import GaitCore

@Suite("Report model coding")
struct ReportCodingTests {
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

    @Test("an event without a toe-off is written with \"toeOff\": null, as the report format states")
    func eventToeOffNull() throws {
        let event = GaitEvent(side: .left, initialContact: 1.85, toeOff: nil, confidence: 0.9)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(event)) as? [String: Any]
        #expect(object?.keys.sorted() == ["confidence", "initialContact", "side", "toeOff"])
        #expect(object?["toeOff"] is NSNull)
        #expect(try JSONDecoder().decode(GaitEvent.self, from: JSONEncoder().encode(event)) == event)
    }
}
