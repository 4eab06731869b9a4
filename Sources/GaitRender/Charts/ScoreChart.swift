import GaitCore

/// The form score's components as horizontal bars of their 0-10 sub-scores, each labelled with its
/// weight; a withheld component shows "withheld" instead of a bar. Bars carry `data-component`,
/// `data-score` and `data-weight`.
enum ScoreChart {
    static func chart(id: String, score: FormScore) -> Markup {
        let components = score.components
        let count = max(components.count, 1)
        let frame = ChartFrame(height: 44 + 30 * Double(count), xDomain: 0...10, yDomain: 0...Double(count), left: 150)
        let rowHeight = frame.plotHeight / Double(count)
        var content: [Markup] = []
        for (row, component) in components.enumerated() {
            let y = frame.top + Double(row) * rowHeight + rowHeight * 0.25
            let weight = "weight " + NumberText.percent(fromShare: component.weight)
            guard let subScore = component.score else {
                content.append(.tag("text", [
                    ("class", "withheld"), ("data-component", component.name), ("x", SVGNumber.coordinate(frame.x(0) + 4)),
                    ("y", SVGNumber.coordinate(y + rowHeight * 0.25 + 4)),
                ], text: "withheld (\(weight), renormalised away)"))
                continue
            }
            let clamped = min(10, max(0, subScore))
            content.append(.tag("rect", [
                ("class", "bar score-component"), ("data-component", component.name), ("data-score", SVGNumber.value(subScore)),
                ("data-weight", SVGNumber.value(component.weight)), ("x", SVGNumber.coordinate(frame.x(0))),
                ("y", SVGNumber.coordinate(y)), ("width", SVGNumber.coordinate(frame.x(clamped) - frame.x(0))),
                ("height", SVGNumber.coordinate(rowHeight * 0.5)),
            ]))
            content.append(frame.barLabel(
                "\(NumberText.fixed(subScore, 1)) (\(weight))", value: clamped, barTop: y, barHeight: rowHeight * 0.5))
        }
        let ticks = (0..<components.count).map { Double(count - 1 - $0) + 0.5 }
        return frame.svg(
            id: id, label: "Form score components", xLabel: "sub-score (0-10)", yLabel: "", yTicks: ticks,
            yTickText: { components[count - 1 - Int($0.rounded(.down))].name }, content: content)
    }
}
