import Foundation
import GaitCore

/// Renders a `ValidationReport` as one self-contained HTML page: verdict, errors and warnings in
/// separate tables, split sizes against the recommendations, per-video facts, class balance and
/// diversity coverage.
public enum ValidationHTML {
    public static func render(_ report: ValidationReport) -> String {
        var body = "<h1>Dataset validation: \(escape(report.dataset))</h1>\n"
        let verdict = report.passed
            ? "<p class=\"pass\">Passed: no errors, \(report.warnings.count) warnings.</p>"
            : "<p class=\"fail\">Failed: \(report.errors.count) errors, \(report.warnings.count) warnings.</p>"
        body += verdict + "\n"
        body += findingsTable("Errors (training must not go ahead)", report.errors, cssClass: "error")
        body += findingsTable("Warnings (below the recommendations)", report.warnings, cssClass: "warning")

        body += "<h2>Split sizes</h2>\n<table><tr><th>part</th><th>videos</th><th>recommended</th><th>labelled</th><th>runners</th><th>duration (s)</th></tr>\n"
        for part in SplitPart.allCases {
            let summary = report.parts[part] ?? PartSummary()
            let short = summary.videos < (summary.recommendedVideos ?? 0)
            body += "<tr\(short ? " class=\"short\"" : "")><td>\(part.rawValue)</td><td>\(summary.videos)</td><td>≥ \(summary.recommendedVideos ?? 0)</td>"
                + "<td>\(summary.labelledVideos)</td><td>\(summary.runners)</td><td>\(String(format: "%.1f", summary.durationSeconds))</td></tr>\n"
        }
        body += "</table>\n<p>Not in a split: \(report.unassignedVideos) videos. Runners: \(report.runners).</p>\n"

        body += "<h2>Videos</h2>\n<table><tr><th>id</th><th>runner</th><th>part</th><th>duration (s)</th><th>fps</th><th>size</th><th>camera</th>"
            + "<th>pose coverage</th><th>leg visibility</th><th>labelled</th><th>contacts</th><th>phase-labelled frames</th><th>form score</th></tr>\n"
        for video in report.videos {
            let cells = [
                video.id, video.runner, video.part?.rawValue ?? "—", number(video.durationSeconds, "%.1f"), number(video.fps, "%.2f"),
                video.width.map { "\($0)×\(video.height ?? 0)" } ?? "—", video.cameraAngle?.rawValue ?? "—",
                percent(video.poseCoverage), number(video.legVisibility, "%.2f"), video.labelled ? "yes" : "no", "\(video.contacts)",
                percent(video.phaseLabelledShare), number(video.formScore, "%.1f"),
            ]
            body += "<tr>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
        }
        body += "</table>\n"

        body += "<h2>Class balance</h2>\n<table><tr><th>phase</th><th>labelled frames</th></tr>\n"
        for phase in GaitPhase.allCases { body += "<tr><td>\(phase.rawValue)</td><td>\(report.phaseFrames[phase.rawValue] ?? 0)</td></tr>\n" }
        body += "</table>\n<table><tr><th>issue</th><th>present</th><th>absent</th></tr>\n"
        for kind in IssueKind.allCases {
            body += "<tr><td>\(kind.rawValue)</td><td>\(report.issuePresent[kind] ?? 0)</td><td>\(report.issueAbsent[kind] ?? 0)</td></tr>\n"
        }
        body += "</table>\n<p>Form scores: \(report.formScores.isEmpty ? "none" : report.formScores.map { String(format: "%.1f", $0) }.joined(separator: ", "))</p>\n"

        body += "<h2>Diversity</h2>\n<table><tr><th>axis</th><th>videos per value</th><th>recommended values</th></tr>\n"
        for axis in VideoEntry.diversityAxes where axis != "runner" {
            let values = (report.diversity[axis] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            body += "<tr><td>\(axis)</td><td>\(escape(values))</td><td>≥ \(report.recommendations.minimumValuesPerAxis[axis] ?? 1)</td></tr>\n"
        }
        body += "</table>\n"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Dataset validation: \(escape(report.dataset))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; font-size: 0.9em; }
            th { background: #f2f2f2; }
            .pass { color: #1a7f37; font-weight: bold; } .fail { color: #b42318; font-weight: bold; }
            tr.error td { background: #fde8e8; } tr.warning td { background: #fff6e0; } tr.short td { background: #fff6e0; }
            </style></head><body>
            \(body)</body></html>

            """
    }

    static func findingsTable(_ title: String, _ findings: [ValidationFinding], cssClass: String) -> String {
        var html = "<h2>\(escape(title)): \(findings.count)</h2>\n"
        guard !findings.isEmpty else { return html + "<p>None.</p>\n" }
        html += "<table><tr><th>check</th><th>video</th><th>message</th></tr>\n"
        for finding in findings {
            html += "<tr class=\"\(cssClass)\"><td>\(escape(finding.check))</td><td>\(escape(finding.video ?? "—"))</td><td>\(escape(finding.message))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    static func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "—" }
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
    static func escape(_ text: String) -> String { XMLEscaping.escape(text) }
}
