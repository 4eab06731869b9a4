import GaitCore

/// Contact time and flight time of every step as bars, coloured by the foot that was down
/// (flight bars lighter). Bars carry `data-step` (0-based), `data-side` and `data-ms`.
enum StepMetricsChart {
    /// The chart, or `nil` when no step has a contact or flight time.
    static func chart(id: String, steps: [StepRecord]) -> Markup? {
        let values = steps.flatMap { [$0.contactTime, $0.flightTime] }.compactMap { $0 }.filter(\.isFinite)
        guard let high = values.max(), !steps.isEmpty else { return nil }
        let count = Double(steps.count)
        let frame = ChartFrame(xDomain: 0...count, yDomain: LinearScale.niceDomain(0...max(high * 1000, 1)))
        let band = frame.plotWidth / count
        let barWidth = max(band * 0.4, 0.5)
        var bars: [Markup] = []
        for (index, step) in steps.enumerated() {
            let start = frame.x(Double(index)) + band * 0.1
            for (kind, seconds, offset) in [("contact", step.contactTime, 0.0), ("flight", step.flightTime, barWidth)] {
                guard let seconds, seconds.isFinite else { continue }
                let milliseconds = max(0, seconds * 1000)
                let top = frame.y(milliseconds)
                bars.append(.tag("rect", [
                    ("class", "bar \(kind) \(step.side.rawValue)"), ("data-step", String(index)),
                    ("data-side", step.side.rawValue), ("data-ms", SVGNumber.value(milliseconds)),
                    ("x", SVGNumber.coordinate(start + offset)), ("y", SVGNumber.coordinate(top)),
                    ("width", SVGNumber.coordinate(barWidth)), ("height", SVGNumber.coordinate(frame.y(0) - top)),
                    ("fill", ChartColor.side(step.side)), ("fill-opacity", kind == "contact" ? "0.9" : "0.35"),
                ], [.tag("title", text: "step \(index + 1), \(step.side.rawValue): \(kind) \(NumberText.fixed(milliseconds, 0)) ms")]))
            }
        }
        let every = max(1, Int((count / 12).rounded(.up)))
        let ticks = stride(from: 0, to: steps.count, by: every).map { Double($0) + 0.5 }
        return frame.svg(
            id: id, label: "Contact and flight time per step", xLabel: "step", yLabel: "milliseconds",
            xTicks: ticks, xTickText: { String(Int($0.rounded(.down)) + 1) }, content: [.tag("g", [("class", "bars")], bars)])
    }
}

