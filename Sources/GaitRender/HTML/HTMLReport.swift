import GaitCore

/// A gait report as one self-contained HTML page: inline CSS and inline SVG charts drawn here, no
/// script and no external resource, so it opens anywhere and can be archived as a single file.
///
/// The markup is XHTML-well-formed (it parses with an XML parser) and every text from the report is
/// escaped. Charts: knee and hip angles over time with initial contacts and toe-offs marked
/// (`report.series`, `report.events`), contact and flight time per step (`report.steps`), the
/// phase timeline (`report.phases`), confidence with the level thresholds and the score components.
/// A report without some of these (a walking clip, no events, withheld metrics) gets a sentence
/// saying so in the chart's place.
public struct HTMLReport: Sendable {
    public init() {}

    /// The whole page.
    public func render(_ report: GaitReport) -> String {
        let page: Markup = .tag("html", [("lang", "en")], [
            .tag("head", [], [
                .tag("meta", [("charset", "utf-8")]),
                .tag("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .tag("title", text: "Running gait report: \(report.input?.source ?? report.generator)"),
                .tag("style", [], [.text(HTMLStyle.css)]),
            ]),
            .tag("body", [], body(report)),
        ])
        return "<!DOCTYPE html>\n" + page.rendered + "\n"
    }

    func body(_ report: GaitReport) -> [Markup] {
        var body: [Markup] = [.tag("h1", text: "Running gait report")]
        if let input = report.input {
            body.append(.tag("p", [("class", "meta")], text:
                "\(input.source): \(input.frameCount) frames, \(NumberText.fixed(input.durationSeconds, 1)) s at "
                + "\(NumberText.fixed(input.nominalFPS, 0)) fps, \(input.width)×\(input.height) px"))
        }
        body.append(.tag("p", [("class", "meta")], text: "Activity: \(report.activity.rawValue). Written by \(report.generator)."))
        if report.activity != .running {
            body.append(.tag("p", [("class", "banner"), ("id", "not-running")], text:
                "This clip was recognised as \(report.activity == .walking ? "walking" : "neither running nor walking"), "
                + "not running: the running-form score and issues do not apply to it."))
        }
        body.append(summaryCards(report))
        body += confidenceSection(report.confidence)
        body += scoreSection(report)
        body.append(.tag("h2", text: "Issues"))
        body.append(HTMLTables.issues(report.issues))
        body.append(.tag("h2", text: "Metrics"))
        body.append(HTMLTables.metrics(report))
        if let withheld = HTMLTables.withheld(report) { body.append(withheld) }
        body += chartSections(report)
        body += captureSection(report.capture)
        if let model = report.model {
            body.append(.tag("h2", text: "Neural model"))
            body.append(.tag("p", text: "\(model.name): \(model.fusion)"))
        }
        if !report.notes.isEmpty {
            body.append(.tag("h2", text: "Notes"))
            body.append(HTMLTables.list(report.notes))
        }
        body.append(.tag("p", [("class", "meta")], text: "\(report.format) version \(report.version)"))
        return body
    }

    func summaryCards(_ report: GaitReport) -> Markup {
        let score = report.score.map { NumberText.fixed($0.value, 1) + " / 10" } ?? "—"
        let confidence = report.confidence.map { "\(NumberText.fixed($0.overall, 0))% \($0.level.displayName)" } ?? "—"
        let detected = report.issues.filter(\.detected).map(\.kind.displayName)
        let assessed = report.issues.contains { $0.notAssessableReason == nil }
        let issues = !detected.isEmpty ? detected.joined(separator: ", ") : (assessed ? "none detected" : "not assessed")
        return .tag("div", [("class", "cards")], [
            card("Form score", score, id: "card-score"),
            card("Confidence", confidence, id: "card-confidence"),
            card("Issues", issues, id: "card-issues"),
        ])
    }

    func card(_ title: String, _ value: String, id: String) -> Markup {
        .tag("div", [("class", "card"), ("id", id)], [.tag("div", text: title), .tag("div", [("class", "big")], text: value)])
    }

    func confidenceSection(_ confidence: ConfidenceSummary?) -> [Markup] {
        var section: [Markup] = [.tag("h2", text: "Confidence")]
        guard let confidence else { return section + [HTMLTables.empty("The confidence was not rated.")] }
        section.append(.tag("p", text:
            "Overall \(NumberText.fixed(confidence.overall, 0))%: \(confidence.level.displayName) "
            + "(High above 90%, Good 75-90%, Moderate 60-75%, Low below 60%)."))
        section.append(ConfidenceChart.chart(id: "chart-confidence", confidence: confidence))
        if !confidence.reasons.isEmpty { section.append(HTMLTables.list(confidence.reasons)) }
        if !confidence.advice.isEmpty {
            section.append(.tag("p", text: "To raise it:"))
            section.append(HTMLTables.list(confidence.advice))
        }
        return section
    }

    func scoreSection(_ report: GaitReport) -> [Markup] {
        var section: [Markup] = [.tag("h2", text: "Form score")]
        guard let score = report.score else {
            return section + [HTMLTables.empty("No form score: too few metrics could be rated (see the notes).")]
        }
        section.append(.tag("p", [("class", "score-total")], text: "\(NumberText.fixed(score.value, 1)) / 10"))
        section.append(ScoreChart.chart(id: "chart-score", score: score))
        section.append(HTMLTables.scoreComponents(score))
        return section
    }

    func chartSections(_ report: GaitReport) -> [Markup] {
        var section: [Markup] = [.tag("h2", text: "Joint angles")]
        section.append(legend([("left leg", ChartColor.side(.left)), ("right leg", ChartColor.side(.right))],
                              extra: "solid line: initial contact, dashed line: toe-off"))
        if report.events.isEmpty {
            section.append(HTMLTables.empty("No gait events were detected, so no contacts are marked."))
        }
        if let series = report.series {
            let knee = JointAngleChart.chart(
                id: "chart-knee", title: "Knee flexion (degrees)", times: series.t, left: series.kneeFlexionLeft,
                right: series.kneeFlexionRight, events: report.events)
            let hip = JointAngleChart.chart(
                id: "chart-hip", title: "Hip flexion (degrees)", times: series.t, left: series.hipFlexionLeft,
                right: series.hipFlexionRight, events: report.events)
            section.append(.tag("h3", text: "Knee flexion"))
            section.append(knee ?? HTMLTables.empty("The knee angle was not measured."))
            section.append(.tag("h3", text: "Hip flexion (+) / extension (−)"))
            section.append(hip ?? HTMLTables.empty("The hip angle was not measured."))
        } else {
            section.append(HTMLTables.empty("This report has no joint-angle series."))
        }
        section.append(.tag("h2", text: "Contact and flight time per step"))
        section.append(.tag("p", text: "Dark bars: ground contact time; light bars: the flight that follows."))
        section.append(StepMetricsChart.chart(id: "chart-steps", steps: report.steps)
            ?? HTMLTables.empty("No step has a measured contact or flight time."))
        section.append(.tag("h2", text: "Gait phases"))
        section.append(legend(GaitPhase.allCases.map { ($0.rawValue, ChartColor.phase($0)) } + [("not covered", ChartColor.phase(nil))]))
        section.append(PhaseTimelineChart.chart(id: "chart-phases", phases: report.phases)
            ?? HTMLTables.empty("This report has no per-frame phases."))
        return section
    }

    func legend(_ entries: [(String, String)], extra: String? = nil) -> Markup {
        var spans: [Markup] = entries.map { name, color in
            .tag("span", [], [.tag("span", [("class", "swatch"), ("style", "background: \(color)")], text: ""), .text(name)])
        }
        if let extra { spans.append(.tag("span", text: extra)) }
        return .tag("p", [("class", "legend")], spans)
    }

    func captureSection(_ capture: CaptureSummary?) -> [Markup] {
        guard let capture else { return [] }
        return [.tag("h2", text: "Capture"), HTMLTables.list(CaptureText.lines(capture) + capture.remarks)]
    }
}
