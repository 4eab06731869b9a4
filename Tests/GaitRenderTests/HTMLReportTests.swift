import Foundation
import GaitCore
import Testing
@testable import GaitRender

@Suite("HTML report")
struct HTMLReportTests {
    let html = HTMLReport().render(SampleReports.running)

    func parsed(_ report: GaitReport = SampleReports.running) throws -> XMLNode {
        try XMLNode.parse(HTMLReport().render(report))
    }

    /// The plot area and data domain of a chart, for mapping coordinates back to data.
    struct ChartGeometry {
        var plotX, plotY, plotWidth, plotHeight: Double
        var xMin, xMax, yMin, yMax: Double

        init(_ svg: XMLNode) throws {
            let area = try #require(svg.all.first { $0.hasClass("plot-area") })
            plotX = try #require(area.number("x"))
            plotY = try #require(area.number("y"))
            plotWidth = try #require(area.number("width"))
            plotHeight = try #require(area.number("height"))
            xMin = try #require(svg.number("data-x-min"))
            xMax = try #require(svg.number("data-x-max"))
            yMin = try #require(svg.number("data-y-min"))
            yMax = try #require(svg.number("data-y-max"))
        }

        func x(_ value: Double) -> Double { plotX + (value - xMin) / (xMax - xMin) * plotWidth }
        func y(_ value: Double) -> Double { plotY + plotHeight - (value - yMin) / (yMax - yMin) * plotHeight }
    }

    /// Coordinates are written with 2 decimals: ±0.005 px rounding, 0.011 px allows two roundings.
    static let pixelTolerance = 0.011

    @Test("the page is one well-formed XHTML document with no external resource and no script")
    func selfContained() throws {
        let root = try parsed()
        #expect(root.name == "html")
        for forbidden in ["http://", "https://", "<script", "src=", "url(", "@import", "<link"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        for id in ["chart-knee", "chart-hip", "chart-steps", "chart-phases", "chart-confidence", "chart-score"] {
            #expect(root.element(id: id)?.name == "svg", "missing \(id)")
        }
    }

    @Test("text from the report is escaped and reads back unchanged")
    func escaping() throws {
        #expect(!html.contains("<side>") && !html.contains("<markup>"))
        let root = try parsed()
        #expect(root.allText.contains("treadmill <side> & co.json"))
        #expect(root.allText.contains("a note with <markup> & \"quotes\""))
    }

    @Test("initial-contact and toe-off markers sit at their event times")
    func eventMarkers() throws {
        let svg = try #require(try parsed().element(id: "chart-knee"))
        let geometry = try ChartGeometry(svg)
        let ics = svg.all.filter { $0.name == "line" && $0.hasClass("ic") }
        let tos = svg.all.filter { $0.name == "line" && $0.hasClass("to") }
        let events = SampleReports.events
        #expect(ics.count == events.count)
        #expect(tos.count == events.compactMap(\.toeOff).count)
        for (marker, event) in zip(ics, events) {
            let t = try #require(marker.number("data-t"))
            #expect(abs(t - event.initialContact) < 1e-6)
            #expect(marker.attributes["data-side"] == event.side.rawValue)
            #expect(abs(try #require(marker.number("x1")) - geometry.x(t)) < Self.pixelTolerance)
        }
        // The time axis spans exactly the series: 0 to the last frame.
        #expect(geometry.xMin == 0 && abs(geometry.xMax - SampleReports.frameTimes.last!) < 1e-6)
    }

    @Test("angle lines follow the series and break where a value is missing")
    func angleLines() throws {
        let svg = try #require(try parsed().element(id: "chart-knee"))
        let geometry = try ChartGeometry(svg)
        let series = SampleReports.series
        let leftLines = svg.descendants("polyline").filter { $0.hasClass("left") }
        let rightLines = svg.descendants("polyline").filter { $0.hasClass("right") }
        #expect(leftLines.count == 1 && rightLines.count == 2)  // frame 30 of the right knee is missing
        let points = try #require(leftLines.first?.attributes["points"]).split(separator: " ").map {
            $0.split(separator: ",").compactMap { Double($0) }
        }
        #expect(points.count == series.t.count)
        for index in [0, 17, series.t.count - 1] {
            let value = try #require(series.kneeFlexionLeft[index])
            #expect(abs(points[index][0] - geometry.x(series.t[index])) < Self.pixelTolerance)
            #expect(abs(points[index][1] - geometry.y(value)) < Self.pixelTolerance)
        }
        // The knee series runs 10°..110°: the value axis covers it, on round numbers.
        #expect(geometry.yMin <= 10 && geometry.yMax >= 110)
    }

    @Test("step bars have the steps' contact and flight times as heights")
    func stepBars() throws {
        let svg = try #require(try parsed().element(id: "chart-steps"))
        let geometry = try ChartGeometry(svg)
        #expect(geometry.yMin == 0)
        let contactBars = svg.descendants("rect").filter { $0.hasClass("contact") }
        let steps = SampleReports.steps
        #expect(contactBars.count == steps.compactMap(\.contactTime).count)
        for bar in contactBars {
            let index = try #require(bar.number("data-step").map(Int.init))
            let milliseconds = try #require(steps[index].contactTime) * 1000
            #expect(abs(try #require(bar.number("data-ms")) - milliseconds) < 1e-6)
            #expect(bar.attributes["data-side"] == steps[index].side.rawValue)
            let height = try #require(bar.number("height"))
            #expect(abs(height - milliseconds / geometry.yMax * geometry.plotHeight) < Self.pixelTolerance)
        }
        #expect(svg.descendants("rect").contains { $0.hasClass("flight") })
    }

    @Test("phase bands start at the contacts and sit in their side's row")
    func phaseBands() throws {
        let svg = try #require(try parsed().element(id: "chart-phases"))
        let geometry = try ChartGeometry(svg)
        let bands = svg.descendants("rect").filter { $0.hasClass("phase") }
        #expect(bands.count == PhaseTimelineChart.runs(SampleReports.phases).count)
        let contactBands = bands.filter { $0.attributes["data-phase"] == "contact" }
        let frame = 1 / SampleReports.fps
        for event in SampleReports.events {
            // The first frame at or after the contact starts the band: within one frame of the event.
            let band = try #require(contactBands.first {
                let start = $0.number("data-t-start") ?? -1
                return start >= event.initialContact - 1e-9 && start < event.initialContact + frame
            })
            #expect(band.attributes["data-side"] == event.side.rawValue)
            #expect(abs(try #require(band.number("x")) - geometry.x(try #require(band.number("data-t-start")))) < Self.pixelTolerance)
        }
        // Left bands in the top row, right in the middle, flight at the bottom.
        let rowY = { (side: String) in Set(bands.filter { $0.attributes["data-side"] == side }.compactMap { $0.number("y") }) }
        #expect(rowY("left").count == 1 && rowY("right").count == 1 && rowY("none").count == 1)
        #expect(rowY("left").first! < rowY("right").first! && rowY("right").first! < rowY("none").first!)
    }

    @Test("confidence bars are as long as their percentages, over the level thresholds")
    func confidenceBars() throws {
        let svg = try #require(try parsed().element(id: "chart-confidence"))
        let geometry = try ChartGeometry(svg)
        let bars = svg.descendants("rect").filter { $0.hasClass("confidence") }
        #expect(bars.map { $0.attributes["data-part"] ?? "" } == ["overall", "pose", "events"])
        for (bar, percent) in zip(bars, [82.4, 91, 78]) {
            #expect(abs(try #require(bar.number("width")) - percent / 100 * geometry.plotWidth) < Self.pixelTolerance)
        }
        let bands = svg.descendants("rect").filter { $0.hasClass("level-band") }
        let bandStarts = try bands.map { geometry.xMin + (try #require($0.number("x")) - geometry.plotX) / geometry.plotWidth * 100 }
        #expect(zip(bandStarts, [0.0, 60, 75, 90]).allSatisfy { abs($0 - $1) < 0.01 })
    }

    @Test("score bars show sub-scores; a withheld component says so")
    func scoreBars() throws {
        var metrics = SampleReports.metrics
        metrics[.trunkLean] = .withheld(reason: "trunk hidden")
        var report = SampleReports.running
        report.metrics = metrics
        report.score = FormAssessment.assess(metrics).score
        let svg = try #require(try parsed(report).element(id: "chart-score"))
        let geometry = try ChartGeometry(svg)
        for bar in svg.descendants("rect").filter({ $0.hasClass("score-component") }) {
            let score = try #require(bar.number("data-score"))
            #expect(abs(try #require(bar.number("width")) - score / 10 * geometry.plotWidth) < Self.pixelTolerance)
        }
        let withheld = svg.descendants("text").filter { $0.hasClass("withheld") }
        #expect(withheld.map { $0.attributes["data-component"] } == ["trunkLean"])
    }

    @Test("a walking report renders, says it is not running and has no charts it cannot draw")
    func walking() throws {
        let root = try parsed(SampleReports.walking)
        #expect(root.element(id: "not-running")?.allText.contains("walking") == true)
        #expect(root.element(id: "chart-knee") == nil && root.element(id: "chart-score") == nil)
        let text = root.allText
        #expect(text.contains("No form score") && text.contains("not assessable"))
        #expect(text.contains("This report has no joint-angle series."))
        #expect(root.element(id: "card-issues")?.allText.contains("not assessed") == true)
    }

    @Test("a report with a series but no events draws the angles and says no contacts are marked")
    func noEvents() throws {
        var report = SampleReports.running
        report.events = []
        let root = try parsed(report)
        #expect(root.allText.contains("No gait events were detected"))
        let svg = try #require(root.element(id: "chart-knee"))
        #expect(svg.descendants("line").filter { $0.hasClass("event") }.isEmpty)
    }

    @Test("an empty report still gives a well-formed page")
    func emptyReport() throws {
        let root = try parsed(SampleReports.empty)
        #expect(root.allText.contains("No metric could be measured."))
        #expect(root.descendants("svg").isEmpty)
    }
}

@Suite("Joint angle chart thinning")
struct JointAngleThinningTests {
    @Test("a 10-minute series is drawn with at most four points per pixel column, keeping every peak")
    func longSeries() throws {
        let times = (0..<36_000).map { Double($0) / 60 }
        // A 1.5 Hz wave with one spike: the spike and the extremes must survive thinning.
        var angles: [Double?] = times.map { 60 + 50 * sin(2 * .pi * 1.5 * $0) }
        angles[20_000] = 170
        let svg = try #require(JointAngleChart.chart(
            id: "knee", title: "knee", times: times, left: angles, right: angles.map { _ in nil }, events: []))
        let root = try XMLNode.parse(svg.rendered)
        let line = try #require(root.descendants("polyline").first)
        let points = try #require(line.attributes["points"]).split(separator: " ").map {
            $0.split(separator: ",").compactMap { Double($0) }
        }
        let geometry = try HTMLReportTests.ChartGeometry(root)
        // Two per column plus the end points: at most 2 × ceil(plot width) + 2 points.
        #expect(points.count <= 2 * Int(geometry.plotWidth.rounded(.up)) + 2)
        #expect(points.count > Int(geometry.plotWidth))
        let ys = points.map { $0[1] }
        // Tolerance: 2-decimal coordinates (±0.005 px).
        #expect(abs(ys.min()! - geometry.y(170)) < 0.011)
        #expect(abs(ys.max()! - geometry.y(10)) < 0.05)  // the wave's troughs (10°) fall between samples by < 0.03 px
        // Time order is kept: x never decreases.
        #expect(zip(points, points.dropFirst()).allSatisfy { $0[0] <= $1[0] })
    }
}
