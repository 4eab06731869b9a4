import GaitCore

/// A gait report as readable plain text for a terminal: what was analysed, how far to trust it,
/// the form score, the metrics, the issues with what to do, and the notes.
///
/// Plain text by default; ANSI colour only when `Options.color` is set. Values are shown in the
/// units people read (ms, cm, °) with the report's uncertainty, rounded as `MetricDisplay` states.
public struct TerminalReport: Sendable {
    public struct Options: Sendable {
        /// Add ANSI colour codes (for an interactive terminal).
        public var color: Bool
        /// Wrap long sentences at this many characters.
        public var width: Int

        public init(color: Bool = false, width: Int = 100) {
            self.color = color
            self.width = max(40, width)
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The whole report as text, ending with a newline.
    public func render(_ report: GaitReport) -> String {
        var lines: [String] = []
        lines.append(style("Endurance Run Coach: running gait report", .bold))
        lines += headerLines(report)
        lines += confidenceLines(report.confidence)
        lines += scoreLines(report)
        lines += metricLines(report)
        lines += issueLines(report)
        if let model = report.model {
            lines.append("")
            lines.append(heading("Neural model"))
            lines += wrap("\(model.name): \(model.fusion)")
        }
        if !report.notes.isEmpty {
            lines.append("")
            lines.append(heading("Notes"))
            for note in report.notes { lines += wrap(note, bullet: true) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    func headerLines(_ report: GaitReport) -> [String] {
        var lines: [String] = []
        if let input = report.input {
            lines += wrap(
                "Input: \(input.source), \(input.frameCount) frames, \(NumberText.fixed(input.durationSeconds, 1)) s "
                    + "at \(NumberText.fixed(input.nominalFPS, 0)) fps nominal, \(input.width)×\(input.height) px",
                depth: 0)
        }
        lines.append("Generator: \(report.generator)")
        let activity = "Activity: \(report.activity.rawValue)"
        lines.append(report.activity == .running ? activity : style(activity, .yellow))
        if report.activity != .running {
            lines += wrap(
                "The form score and issues describe running; this clip was not recognised as running, so "
                    + "treat them as not applicable.", depth: 0)
        }
        if let capture = report.capture {
            lines.append("")
            lines.append(heading("Capture"))
            for line in CaptureText.lines(capture) { lines += wrap(line, bullet: true) }
            for remark in capture.remarks { lines += wrap(remark, bullet: true) }
        }
        return lines
    }

    func confidenceLines(_ confidence: ConfidenceSummary?) -> [String] {
        var lines = ["", heading("Confidence")]
        guard let confidence else {
            lines.append("  not rated")
            return lines
        }
        let levelColor: ANSIStyle = confidence.level == .low ? .red : (confidence.level == .moderate ? .yellow : .green)
        var summary = "  Overall " + style(
            "\(NumberText.fixed(confidence.overall, 0))% (\(confidence.level.displayName))", levelColor)
        summary += ": pose \(NumberText.fixed(confidence.pose, 0))%, events \(NumberText.fixed(confidence.events, 0))%"
        if let model = confidence.model { summary += ", model \(NumberText.fixed(model, 0))%" }
        lines.append(summary)
        for reason in confidence.reasons { lines += wrap(reason, bullet: true) }
        if !confidence.advice.isEmpty {
            lines.append("  To raise it:")
            for advice in confidence.advice { lines += wrap(advice, bullet: true, depth: 2) }
        }
        return lines
    }

    func scoreLines(_ report: GaitReport) -> [String] {
        var lines = ["", heading("Form score")]
        guard let score = report.score else {
            lines.append("  no score (too few metrics could be rated; see the notes)")
            return lines
        }
        lines.append("  " + style("\(NumberText.fixed(score.value, 1)) / 10", .bold))
        var rows = [["component", "value", "sub-score", "weight", "ideal range"]]
        for component in score.components {
            let display = MetricDisplay(reportUnit: component.metric.unit)
            rows.append([
                component.name,
                component.value.map { display.text($0) } ?? "withheld",
                component.score.map { NumberText.fixed($0, 1) } ?? "—",
                NumberText.percent(fromShare: component.weight),
                display.range(component.idealRange),
            ])
        }
        lines += TextLayout.table(rows, rightAligned: [2, 3])
        return lines
    }

    func metricLines(_ report: GaitReport) -> [String] {
        var lines = ["", heading("Metrics")]
        var rows = [["metric", "value", "n", "left", "right", "L/R asym."]]
        var withheld: [(MetricKey, String)] = []
        for (key, result) in report.orderedMetrics {
            switch result {
            case .withheld(let reason):
                withheld.append((key, reason))
            case .measured(let measurement):
                let display = MetricDisplay(reportUnit: measurement.unit)
                rows.append([
                    key.displayName,
                    measurement.displayValue,
                    String(measurement.n),
                    measurement.left.map(display.text) ?? "",
                    measurement.right.map(display.text) ?? "",
                    measurement.asymmetryPercent.map { NumberText.fixed($0, 1) + "%" } ?? "",
                ])
            }
        }
        if rows.count == 1 {
            lines.append("  no metric could be measured")
        } else {
            lines += TextLayout.table(rows, rightAligned: [2, 3, 4, 5])
        }
        if !withheld.isEmpty {
            lines.append("  Withheld:")
            for (key, reason) in withheld { lines += wrap("\(key.displayName): \(reason)", bullet: true, depth: 2) }
        }
        return lines
    }

    func issueLines(_ report: GaitReport) -> [String] {
        var lines = ["", heading("Issues")]
        if report.issues.isEmpty {
            lines.append("  not rated")
            return lines
        }
        for issue in report.issues {
            lines.append("  " + issueHeadline(issue))
            if let reason = issue.notAssessableReason {
                lines += wrap(reason, depth: 2)
                continue
            }
            for evidence in issue.evidence {
                let display = MetricDisplay(reportUnit: evidence.unit)
                lines += wrap(
                    "\(evidence.metric.displayName): \(display.text(evidence.value)) "
                        + "(normal \(display.range(evidence.normalRange)))", bullet: true, depth: 2)
            }
            if issue.detected && !issue.cue.isEmpty {
                lines += wrap("Try: " + issue.cue, depth: 2)
            }
        }
        return lines
    }

    func issueHeadline(_ issue: GaitIssue) -> String {
        let name = issue.kind.displayName
        if issue.notAssessableReason != nil {
            return "\(name): " + style("not assessable", .yellow)
        }
        let probability = NumberText.percent(fromShare: issue.probability)
        if issue.detected {
            return "\(name): " + style("detected, \(issue.severity.rawValue)", .red) + " (probability \(probability))"
        }
        return "\(name): " + style("not detected", .green) + " (probability \(probability))"
    }

    // MARK: - Helpers

    func heading(_ text: String) -> String { style(text, .cyan) }

    func style(_ text: String, _ ansi: ANSIStyle) -> String { ansi.apply(text, enabled: options.color) }

    /// `text` wrapped to the width, indented two spaces per `depth`, optionally as a "- " bullet.
    func wrap(_ text: String, bullet: Bool = false, depth: Int = 1) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        return TextLayout.wrap(
            text, width: options.width, firstIndent: indent + (bullet ? "- " : ""),
            indent: indent + (bullet ? "  " : ""))
    }
}
