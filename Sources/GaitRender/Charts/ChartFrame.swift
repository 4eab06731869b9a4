import GaitCore

/// The geometry of one chart: the SVG canvas, its plot area and the scales that map data into it.
///
/// The plot area is drawn as a `rect` with class `plot-area`, and the chart's `svg` element carries
/// `data-x-min`, `data-x-max`, `data-y-min`, `data-y-max`, so a reader (or a test) can map any
/// coordinate back to data.
struct ChartFrame {
    /// Canvas size, px.
    var width: Double
    var height: Double
    /// Plot-area margins, px.
    var left = 56.0
    var right = 16.0
    var top = 14.0
    var bottom = 36.0
    var x: LinearScale
    var y: LinearScale

    init(width: Double = 760, height: Double = 240, xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>, left: Double = 56) {
        self.width = width
        self.height = height
        self.left = left
        x = LinearScale(domain: xDomain, start: left, end: width - right)
        y = LinearScale(domain: yDomain, start: height - bottom, end: top)
    }

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    /// The `svg` element with the data domain attributes, the plot-area background, axes and `content`.
    func svg(
        id: String, label: String, xLabel: String, yLabel: String, xTicks: [Double]? = nil,
        xTickText: (Double) -> String = SVGNumber.label, yTicks: [Double]? = nil,
        yTickText: (Double) -> String = SVGNumber.label, content: [Markup]
    ) -> Markup {
        var children: [Markup] = [
            .tag("title", text: label),
            .tag("rect", [
                ("class", "plot-area"), ("x", SVGNumber.coordinate(left)), ("y", SVGNumber.coordinate(top)),
                ("width", SVGNumber.coordinate(plotWidth)), ("height", SVGNumber.coordinate(plotHeight)),
            ]),
        ]
        children += yAxis(ticks: yTicks ?? y.ticks(), text: yTickText, label: yLabel)
        children += xAxis(ticks: xTicks ?? x.ticks(count: 8), text: xTickText, label: xLabel)
        children += content
        return .tag("svg", [
            ("id", id), ("class", "chart"), ("role", "img"), ("aria-label", label),
            ("width", SVGNumber.coordinate(width)), ("height", SVGNumber.coordinate(height)),
            ("viewBox", "0 0 \(SVGNumber.coordinate(width)) \(SVGNumber.coordinate(height))"),
            ("data-x-min", SVGNumber.value(x.domain.lowerBound)), ("data-x-max", SVGNumber.value(x.domain.upperBound)),
            ("data-y-min", SVGNumber.value(y.domain.lowerBound)), ("data-y-max", SVGNumber.value(y.domain.upperBound)),
        ], children)
    }

    /// The value label of a horizontal bar ending at `value`: inside the bar's end (light text) when
    /// the bar reaches past 60% of the axis, just after it otherwise.
    func barLabel(_ label: String, value: Double, barTop: Double, barHeight: Double) -> Markup {
        let end = x(value)
        let inside = (value - x.domain.lowerBound) / (x.domain.upperBound - x.domain.lowerBound) > 0.6
        return .tag("text", [
            ("class", inside ? "bar-value inside" : "bar-value"),
            ("x", SVGNumber.coordinate(inside ? end - 4 : end + 4)),
            ("y", SVGNumber.coordinate(barTop + barHeight / 2 + 4)), ("text-anchor", inside ? "end" : "start"),
        ], text: label)
    }

    func xAxis(ticks: [Double], text: (Double) -> String, label: String) -> [Markup] {
        let baseline = height - bottom
        var marks: [Markup] = []
        for tick in ticks {
            let px = SVGNumber.coordinate(x(tick))
            marks.append(.tag("line", [("class", "tick"), ("x1", px), ("x2", px), ("y1", SVGNumber.coordinate(baseline)), ("y2", SVGNumber.coordinate(baseline + 4))]))
            marks.append(.tag("text", [("class", "tick-label"), ("x", px), ("y", SVGNumber.coordinate(baseline + 16)), ("text-anchor", "middle")], text: text(tick)))
        }
        marks.append(.tag("text", [("class", "axis-label"), ("x", SVGNumber.coordinate(left + plotWidth / 2)), ("y", SVGNumber.coordinate(height - 4)), ("text-anchor", "middle")], text: label))
        return [.tag("g", [("class", "x-axis")], marks)]
    }

    func yAxis(ticks: [Double], text: (Double) -> String, label: String) -> [Markup] {
        var marks: [Markup] = []
        for tick in ticks {
            let py = SVGNumber.coordinate(y(tick))
            marks.append(.tag("line", [("class", "grid"), ("x1", SVGNumber.coordinate(left)), ("x2", SVGNumber.coordinate(width - right)), ("y1", py), ("y2", py)]))
            marks.append(.tag("text", [("class", "tick-label"), ("x", SVGNumber.coordinate(left - 6)), ("y", SVGNumber.coordinate(y(tick) + 4)), ("text-anchor", "end")], text: text(tick)))
        }
        marks.append(.tag("text", [
            ("class", "axis-label"), ("x", "12"), ("y", SVGNumber.coordinate(top + plotHeight / 2)), ("text-anchor", "middle"),
            ("transform", "rotate(-90 12 \(SVGNumber.coordinate(top + plotHeight / 2)))"),
        ], text: label))
        return [.tag("g", [("class", "y-axis")], marks)]
    }
}

/// Number text inside SVG.
enum SVGNumber {
    /// A pixel coordinate, 2 decimals.
    static func coordinate(_ value: Double) -> String { NumberText.fixed(value, 2) }
    /// A data value kept in a `data-` attribute: enough digits to map coordinates back.
    static func value(_ value: Double) -> String { NumberText.fixed(value, 6) }
    /// A tick label: no decimals for whole numbers, otherwise up to 2.
    static func label(_ value: Double) -> String {
        if value == value.rounded() { return NumberText.fixed(value, 0) }
        if (value * 10) == (value * 10).rounded() { return NumberText.fixed(value, 1) }
        return NumberText.fixed(value, 2)
    }
}

/// Colours shared by the charts and the page's legend (also in the page's CSS classes).
enum ChartColor {
    static func side(_ side: BodySide) -> String { side == .left ? "#2b6cb0" : "#dd6b20" }
    static func phase(_ phase: GaitPhase?) -> String {
        switch phase {
        case .contact: return "#2c7a7b"
        case .midStance: return "#38a169"
        case .toeOff: return "#d69e2e"
        case .swing: return "#a0aec0"
        case nil: return "#e2e8f0"
        }
    }
}
