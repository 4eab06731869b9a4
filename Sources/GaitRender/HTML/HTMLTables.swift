import GaitCore

/// The HTML report's tables and lists.
enum HTMLTables {
    static func table(header: [String], rows: [[Markup]], numericColumns: Set<Int> = []) -> Markup {
        .tag("table", [], [
            .tag("thead", [], [.tag("tr", [], header.map { .tag("th", text: $0) })]),
            .tag("tbody", [], rows.map { row in
                .tag("tr", [], row.enumerated().map { column, cell in
                    .tag("td", numericColumns.contains(column) ? [("class", "num")] : [], [cell])
                })
            }),
        ])
    }

    static func list(_ items: [String]) -> Markup {
        .tag("ul", [], items.map { .tag("li", text: $0) })
    }

    static func empty(_ sentence: String) -> Markup {
        .tag("p", [("class", "empty")], text: sentence)
    }

    /// Measured metrics: name, value ± uncertainty, n, SD, left, right, asymmetry.
    static func metrics(_ report: GaitReport) -> Markup {
        let rows: [[Markup]] = report.orderedMetrics.compactMap { key, result in
            guard let measurement = result.measurement else { return nil }
            let display = MetricDisplay(reportUnit: measurement.unit)
            return [
                .text(key.displayName), .text(measurement.displayValue), .text(String(measurement.n)),
                .text(measurement.sd.map(display.text) ?? ""), .text(measurement.left.map(display.text) ?? ""),
                .text(measurement.right.map(display.text) ?? ""),
                .text(measurement.asymmetryPercent.map { NumberText.fixed($0, 1) + "%" } ?? ""),
            ]
        }
        guard !rows.isEmpty else { return empty("No metric could be measured.") }
        return table(
            header: ["Metric", "Value ± uncertainty", "n", "SD", "Left", "Right", "L/R asymmetry"], rows: rows,
            numericColumns: [1, 2, 3, 4, 5, 6])
    }

    /// Withheld metrics with their reasons, or `nil` when none was withheld.
    static func withheld(_ report: GaitReport) -> Markup? {
        let rows: [[Markup]] = report.orderedMetrics.compactMap { key, result in
            guard case .withheld(let reason) = result else { return nil }
            return [.text(key.displayName), .text(reason)]
        }
        return rows.isEmpty ? nil : table(header: ["Withheld metric", "Why"], rows: rows)
    }

    static func issues(_ issues: [GaitIssue]) -> Markup {
        guard !issues.isEmpty else { return empty("The issues were not rated.") }
        let rows: [[Markup]] = issues.map { issue in
            let status: Markup
            if issue.notAssessableReason != nil {
                status = .tag("span", [("class", "na")], text: "not assessable")
            } else if issue.detected {
                status = .tag("span", [("class", "detected")], text: "detected, \(issue.severity.rawValue)")
            } else {
                status = .tag("span", [("class", "clear")], text: "not detected")
            }
            let evidence = issue.notAssessableReason.map { [$0] } ?? issue.evidence.map { item in
                let display = MetricDisplay(reportUnit: item.unit)
                return "\(item.metric.displayName): \(display.text(item.value)) (normal \(display.range(item.normalRange)))"
            }
            return [
                .text(issue.kind.displayName), status,
                .text(issue.notAssessableReason == nil ? NumberText.percent(fromShare: issue.probability) : "—"),
                evidence.count == 1 ? .text(evidence[0]) : list(evidence), .text(issue.cue),
            ]
        }
        return table(header: ["Issue", "Status", "Probability", "Evidence", "What to try"], rows: rows, numericColumns: [2])
    }

    static func scoreComponents(_ score: FormScore) -> Markup {
        let rows: [[Markup]] = score.components.map { component in
            let display = MetricDisplay(reportUnit: component.metric.unit)
            return [
                .text(component.name), .text(component.metric.displayName),
                .text(component.value.map { display.text($0) } ?? "withheld"),
                .text(component.score.map { NumberText.fixed($0, 1) } ?? "—"),
                .text(NumberText.percent(fromShare: component.weight)), .text(display.range(component.idealRange)),
            ]
        }
        return table(
            header: ["Component", "Metric", "Value", "Sub-score", "Weight", "Ideal range"], rows: rows,
            numericColumns: [2, 3, 4])
    }
}
