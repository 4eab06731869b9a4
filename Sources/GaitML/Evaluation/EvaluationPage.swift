import Foundation
import GaitCore

/// The evaluation as one self-contained HTML page (`evaluation.html`): whole-recording results
/// first (what a user of the analyzer gets), then single windows, the confusion matrices, per-class
/// and per-issue numbers, accuracy by stratum and the reliability diagrams inline as SVG.
public enum EvaluationPage {
    public static func html(title: String, windows: EvaluationReport, uncalibrated: EvaluationReport,
                            recordings: RecordingEvaluation) -> String {
        var body: [String] = ["<h1>\(Markup.escaped(title))</h1>"]
        body.append("<h2>Whole recordings (\(recordings.recordings), \(recordings.labelledFrames) labelled frames)</h2>")
        body.append(summaryTable([
            ("per-frame phase accuracy", percent(recordings.phases.accuracy)),
            ("phase calibration error (ECE)", String(format: "%.4f", recordings.phaseCalibration.expectedCalibrationError)),
            ("form score MAE / RMSE / Pearson r", regression(recordings.formScore)),
        ]))
        body.append(phaseTable(recordings.phases))
        body.append(issueTable(recordings.issues, caption: "Issues per recording (operating points fitted on validation)"))
        if let clear = recordings.issuesClearOfLabelBand {
            body.append(issueTable(clear, caption: "The same, on the recordings whose label is clear of its rule's threshold "
                                   + "(\(RecordingEvaluation.labelBandDescription))"))
        }
        if !recordings.outcomes.isEmpty {
            body.append("<p>Each recording's issue probability against its label (red: the model's flag is wrong; "
                + "the recordings are listed in recordings.csv):</p><div class=\"plots\">")
            body += IssueKind.allCases.map { RecordingOutcome.issueScatterSVG(recordings.outcomes, kind: $0) }
            body.append("</div>")
        }
        if !recordings.phaseAccuracyByStratum.isEmpty {
            body.append("<table><caption>Per-frame phase accuracy by stratum</caption><tr><th>stratum</th><th>value</th><th>accuracy</th><th>frames</th></tr>")
            for key in recordings.phaseAccuracyByStratum.keys.sorted() {
                let values = recordings.phaseAccuracyByStratum[key]!
                for value in values.keys.sorted() {
                    body.append("<tr><td>\(Markup.escaped(key))</td><td>\(Markup.escaped(value))</td><td>\(percent(values[value]!.accuracy))</td><td>\(values[value]!.frames)</td></tr>")
                }
            }
            body.append("</table>")
        }
        if let timing = recordings.eventTiming { body.append(eventTimingTable(timing)) }
        if let analyzer = recordings.analyzer { body.append(analyzerSection(analyzer)) }
        body.append("<h2>Single windows (\(windows.windows) windows of 30 frames, \(windows.labelledFrames) labelled frames)</h2>")
        body.append(summaryTable([
            ("per-frame phase accuracy", percent(windows.phases.accuracy)),
            ("multi-task loss", String(format: "%.4f", windows.loss)),
            ("phase ECE calibrated / raw", String(format: "%.4f / %.4f (T = %.3f)", windows.phaseCalibration.expectedCalibrationError,
                                                  uncalibrated.phaseCalibration.expectedCalibrationError, windows.phaseTemperature)),
            ("confidence ECE calibrated / raw", String(format: "%.4f / %.4f (T = %.3f)", windows.confidenceCalibration.expectedCalibrationError,
                                                       uncalibrated.confidenceCalibration.expectedCalibrationError, windows.confidenceTemperature)),
            ("form score MAE / RMSE / Pearson r", regression(windows.formScore)),
        ]))
        body.append(phaseTable(windows.phases))
        body.append(issueTable(windows.issues, caption: "Issues per window (probability 0.5)"))
        body.append("<h2>Reliability diagrams</h2><div class=\"plots\">")
        body.append(recordings.phaseCalibration.svg(title: "Phase, whole recordings"))
        body.append(windows.phaseCalibration.svg(title: "Phase, windows (calibrated)"))
        body.append(uncalibrated.phaseCalibration.svg(title: "Phase, windows (raw)"))
        body.append(windows.confidenceCalibration.svg(title: "Confidence head (calibrated)"))
        body.append("</div>")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Markup.escaped(title))</title>
            <style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}\
            td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}\
            caption{text-align:left;font-weight:bold;margin-bottom:4px}.plots svg{margin:0 12px 12px 0}</style></head>
            <body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    private static func summaryTable(_ rows: [(String, String)]) -> String {
        "<table>" + rows.map { "<tr><th>\(Markup.escaped($0.0))</th><td>\(Markup.escaped($0.1))</td></tr>" }.joined() + "</table>"
    }

    /// Confusion matrix (rows true, columns predicted) with precision, recall and F1 per class.
    private static func phaseTable(_ metrics: ClassificationMetrics) -> String {
        var rows = ["<table><caption>Phases: confusion matrix (rows true, columns predicted) and per-class scores</caption><tr><th>true \\ predicted</th>"
                    + metrics.classNames.map { "<th>\(Markup.escaped($0))</th>" }.joined() + "<th>precision</th><th>recall</th><th>F1</th></tr>"]
        for (index, name) in metrics.classNames.enumerated() {
            rows.append("<tr><td>\(Markup.escaped(name))</td>" + metrics.confusion[index].map { "<td>\($0)</td>" }.joined()
                        + String(format: "<td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>", metrics.precision[index], metrics.recall[index], metrics.f1[index]))
        }
        return rows.joined() + "</table>"
    }

    private static func eventTimingTable(_ timing: EventTiming) -> String {
        var rows = ["<table><caption>Contacts timed by the model's phases (model − label; negative = early)</caption>"
            + "<tr><th>foot</th><th>event</th><th>bias (ms)</th><th>RMS (ms)</th><th>found</th></tr>"]
        for foot in timing.byFoot.keys.sorted() {
            for (event, name) in [("initialContact", "initial contact"), ("toeOff", "toe-off")] {
                guard let errors = timing.byFoot[foot]?[event] else { continue }
                let bias = errors.biasMilliseconds.map { String(format: "%+.1f", $0) } ?? "–"
                let rms = errors.rmsMilliseconds.map { String(format: "%.1f", $0) } ?? "–"
                rows.append("<tr><td>\(Markup.escaped(foot))</td><td>\(name)</td><td>\(bias)</td><td>\(rms)</td><td>\(errors.matched)/\(errors.matched + errors.missed)</td></tr>")
            }
        }
        return rows.joined(separator: "\n") + "</table>"
    }

    private static func issueTable(_ issues: [String: BinaryMetrics], caption: String) -> String {
        var rows = ["<table><caption>\(Markup.escaped(caption))</caption><tr><th>issue</th><th>F1</th>"
            + "<th title=\"percentile bootstrap over the recordings\">F1, 95 % interval</th>"
            + "<th title=\"at the threshold best for this data: an upper bound, not an operating point\">best F1</th>"
            + "<th>ROC AUC</th><th>positives</th><th>negatives</th></tr>"]
        for kind in IssueKind.allCases {
            guard let metrics = issues[kind.rawValue] else { continue }
            rows.append(String(format: "<tr><td>%@</td><td>%@</td><td>%@</td><td>%@</td><td>%@</td><td>%d</td><td>%d</td></tr>", kind.rawValue,
                               metrics.f1.map { String(format: "%.3f", $0) } ?? "n/a (no positive)",
                               metrics.f1Interval.map { String(format: "%.3f-%.3f", $0[0], $0[1]) } ?? "n/a",
                               BinaryMetrics.formatted(metrics.bestF1),
                               BinaryMetrics.formatted(metrics.auc), metrics.positives, metrics.negatives))
        }
        return rows.joined() + "</table>"
    }

    /// The model, the rules and the two fused, on the recordings the analyzer accepts.
    private static func analyzerSection(_ comparison: AnalyzerComparison) -> String {
        var rows = ["<h2>Model, rules and both (<code>runcoach analyze --model</code>) on the analyzer's recordings</h2>",
                    "<p>\(comparison.analysed) recordings analysed, \(comparison.refused) refused by the analyzer (too short, "
                    + "too few contacts: the model may still read them). Issues at probability 0.5.</p>",
                    "<table><tr><th>source</th><th>phase accuracy</th><th>form score MAE</th>"
                    + IssueKind.allCases.map { "<th>\($0.rawValue) F1 (AUC)</th>" }.joined() + "</tr>"]
        let sources: [(String, ClassificationMetrics?, RegressionMetrics, [String: BinaryMetrics])] = [
            ("model", comparison.modelPhases, comparison.modelScore, comparison.modelIssues),
            ("rules", comparison.rulePhases, comparison.ruleScore, comparison.ruleIssues),
            ("rules + model", nil, comparison.fusedScore, comparison.fusedIssues),
        ]
        for (name, phases, score, issues) in sources {
            let issueCells = IssueKind.allCases.map { kind in
                let metrics = issues[kind.rawValue]
                return "<td>\(BinaryMetrics.formatted(metrics?.f1)) (\(BinaryMetrics.formatted(metrics?.auc)))</td>"
            }.joined()
            rows.append("<tr><td>\(name)</td><td>\(phases.map { percent($0.accuracy) } ?? "the rules' phases")</td>"
                        + "<td>\(score.count == 0 ? "n/a" : String(format: "%.3f", score.meanAbsoluteError))</td>\(issueCells)</tr>")
        }
        return rows.joined() + "</table>"
    }

    private static func regression(_ metrics: RegressionMetrics) -> String {
        metrics.count == 0 ? "no rated recordings"
            : String(format: "%.3f / %.3f / %.3f points (n %d)", metrics.meanAbsoluteError, metrics.rootMeanSquaredError, metrics.pearsonR, metrics.count)
    }

    private static func percent(_ value: Double) -> String { String(format: "%.2f %%", 100 * value) }
}
