import GaitCore

/// A joint angle over time for both legs, with each initial contact (solid line) and toe-off
/// (dashed line) marked in the side's colour.
///
/// Lines break where the angle was not measured. Markers carry `data-t` (seconds) and `data-side`.
enum JointAngleChart {
    /// The chart, or `nil` when neither side has a measured value.
    static func chart(
        id: String, title: String, times: [Double], left: [Double?], right: [Double?], events: [GaitEvent]
    ) -> Markup? {
        let values = (left + right).compactMap { $0 }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max(), let first = times.first, let last = times.last,
            last > first
        else { return nil }
        let frame = ChartFrame(xDomain: first...last, yDomain: LinearScale.niceDomain(low...high))
        var content: [Markup] = []
        for (side, angles) in [(BodySide.left, left), (BodySide.right, right)] {
            for segment in segments(times: times, values: angles) {
                let points = thinned(segment, frame: frame).map { "\(SVGNumber.coordinate(frame.x($0.t))),\(SVGNumber.coordinate(frame.y($0.value)))" }
                content.append(.tag("polyline", [
                    ("class", "series \(side.rawValue)"), ("data-side", side.rawValue), ("fill", "none"),
                    ("stroke", ChartColor.side(side)), ("stroke-width", "1.8"), ("points", points.joined(separator: " ")),
                ]))
            }
        }
        content += eventMarkers(events, frame: frame)
        return frame.svg(id: id, label: title, xLabel: "time (s)", yLabel: "degrees", content: content)
    }

    /// Vertical lines at each initial contact and toe-off inside the chart's time range.
    static func eventMarkers(_ events: [GaitEvent], frame: ChartFrame) -> [Markup] {
        var markers: [Markup] = []
        let top = SVGNumber.coordinate(frame.top)
        let bottom = SVGNumber.coordinate(frame.height - frame.bottom)
        for event in events {
            let instants: [(kind: String, t: Double)] = [("ic", event.initialContact)] + (event.toeOff.map { [("to", $0)] } ?? [])
            for (kind, t) in instants where frame.x.domain.contains(t) {
                let x = SVGNumber.coordinate(frame.x(t))
                var attributes = [
                    ("class", "event \(kind) \(event.side.rawValue)"), ("data-t", SVGNumber.value(t)),
                    ("data-side", event.side.rawValue), ("x1", x), ("x2", x), ("y1", top), ("y2", bottom),
                    ("stroke", ChartColor.side(event.side)), ("stroke-width", "1"),
                ]
                if kind == "to" { attributes.append(("stroke-dasharray", "4 3")) }
                markers.append(.tag("line", attributes, [
                    .tag("title", text: "\(event.side.rawValue) \(kind == "ic" ? "initial contact" : "toe-off") at \(NumberText.fixed(t, 3)) s")
                ]))
            }
        }
        return [.tag("g", [("class", "events")], markers)]
    }

    /// `segment` unchanged when it has at most two points per pixel column of the plot; otherwise
    /// the first and last point and, in each pixel column, the lowest and highest point in time
    /// order, so a long clip draws the same envelope with far fewer points (peaks are kept).
    static func thinned(_ segment: [(t: Double, value: Double)], frame: ChartFrame) -> [(t: Double, value: Double)] {
        let columns = Int(frame.plotWidth.rounded(.up))
        guard segment.count > 2 * columns, let first = segment.first, let last = segment.last else { return segment }
        var kept: [(t: Double, value: Double)] = [first]
        var column = -1
        var low = first, high = first
        func flush() {
            guard column >= 0 else { return }
            kept += low.t <= high.t ? [low, high] : [high, low]
        }
        for point in segment.dropFirst().dropLast() {
            let pointColumn = Int(frame.x(point.t) - frame.left)
            if pointColumn != column {
                flush()
                column = pointColumn
                low = point
                high = point
            } else {
                if point.value < low.value { low = point }
                if point.value > high.value { high = point }
            }
        }
        flush()
        kept.append(last)
        return kept
    }

    /// Runs of consecutive measured, finite values.
    static func segments(times: [Double], values: [Double?]) -> [[(t: Double, value: Double)]] {
        var segments: [[(t: Double, value: Double)]] = []
        var current: [(t: Double, value: Double)] = []
        for (t, value) in zip(times, values) {
            if let value, value.isFinite, t.isFinite {
                current.append((t, value))
            } else if !current.isEmpty {
                segments.append(current)
                current = []
            }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }
}
