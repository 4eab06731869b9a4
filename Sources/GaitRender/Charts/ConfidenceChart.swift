import GaitCore

/// The report's confidence as horizontal bars (overall, pose, events and, when present, model) over
/// the level bands Low < 60 ≤ Moderate < 75 ≤ Good ≤ 90 < High. Bars carry `data-part` and
/// `data-percent`.
enum ConfidenceChart {
    static let levelBands: [(name: String, low: Double, high: Double)] = [
        ("low", 0, 60), ("moderate", 60, 75), ("good", 75, 90), ("high", 90, 100),
    ]

    static func chart(id: String, confidence: ConfidenceSummary) -> Markup {
        var parts: [(String, Double)] = [("overall", confidence.overall), ("pose", confidence.pose), ("events", confidence.events)]
        if let model = confidence.model { parts.append(("model", model)) }
        let frame = ChartFrame(height: 44 + 30 * Double(parts.count), xDomain: 0...100, yDomain: 0...Double(parts.count), left: 80)
        let rowHeight = frame.plotHeight / Double(parts.count)
        var content: [Markup] = []
        for band in levelBands {
            content.append(.tag("rect", [
                ("class", "level-band \(band.name)"), ("x", SVGNumber.coordinate(frame.x(band.low))),
                ("y", SVGNumber.coordinate(frame.top)), ("width", SVGNumber.coordinate(frame.x(band.high) - frame.x(band.low))),
                ("height", SVGNumber.coordinate(frame.plotHeight)),
            ], [.tag("title", text: "\(band.name): \(NumberText.fixed(band.low, 0))–\(NumberText.fixed(band.high, 0))%")]))
        }
        for (row, (part, percent)) in parts.enumerated() {
            let clamped = min(100, max(0, percent))
            let y = frame.top + Double(row) * rowHeight + rowHeight * 0.25
            content.append(.tag("rect", [
                ("class", "bar confidence \(part)"), ("data-part", part), ("data-percent", SVGNumber.value(percent)),
                ("x", SVGNumber.coordinate(frame.x(0))), ("y", SVGNumber.coordinate(y)),
                ("width", SVGNumber.coordinate(frame.x(clamped) - frame.x(0))), ("height", SVGNumber.coordinate(rowHeight * 0.5)),
            ]))
            content.append(frame.barLabel(
                NumberText.fixed(percent, 0) + "%", value: clamped, barTop: y, barHeight: rowHeight * 0.5))
        }
        let ticks = (0..<parts.count).map { Double(parts.count - 1 - $0) + 0.5 }
        return frame.svg(
            id: id, label: "Confidence", xLabel: "confidence (%)", yLabel: "", xTicks: [0, 60, 75, 90, 100], yTicks: ticks,
            yTickText: { parts[parts.count - 1 - Int($0.rounded(.down))].0 }, content: content)
    }
}
