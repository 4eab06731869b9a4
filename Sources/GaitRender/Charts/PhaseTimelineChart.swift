import GaitCore

/// The per-frame gait phases as coloured bands on three rows: left foot on the ground, right foot
/// on the ground, and flight (no foot down). Frames the events do not cover are grey on the
/// flight row. Bands carry `data-phase`, `data-side`, `data-t-start` and `data-t-end` (seconds).
enum PhaseTimelineChart {
    /// Consecutive frames with the same phase and side.
    struct Run: Equatable {
        var phase: GaitPhase?
        var side: StanceSide
        var start: Double
        var end: Double
    }

    /// Rows from the top: left, right, flight.
    static let rows: [(label: String, side: StanceSide)] = [("left", .left), ("right", .right), ("flight", .none)]

    /// The chart, or `nil` when there are fewer than two frames.
    static func chart(id: String, phases: [FramePhase]) -> Markup? {
        let runs = runs(phases)
        guard let first = runs.first, let last = runs.last, last.end > first.start else { return nil }
        let frame = ChartFrame(height: 150, xDomain: first.start...last.end, yDomain: 0...Double(rows.count))
        let rowHeight = frame.plotHeight / Double(rows.count)
        var bands: [Markup] = []
        for run in runs {
            let row = rows.firstIndex { $0.side == run.side } ?? rows.count - 1
            let x0 = frame.x(run.start)
            let name = run.phase?.rawValue ?? "unknown"
            bands.append(.tag("rect", [
                ("class", "phase \(name) \(run.side.rawValue)"), ("data-phase", name), ("data-side", run.side.rawValue),
                ("data-t-start", SVGNumber.value(run.start)), ("data-t-end", SVGNumber.value(run.end)),
                ("x", SVGNumber.coordinate(x0)), ("y", SVGNumber.coordinate(frame.top + Double(row) * rowHeight + 2)),
                ("width", SVGNumber.coordinate(max(frame.x(run.end) - x0, 0.5))),
                ("height", SVGNumber.coordinate(rowHeight - 4)), ("fill", ChartColor.phase(run.phase)),
            ], [.tag("title", text: "\(name), \(run.side.rawValue): \(NumberText.fixed(run.start, 3))–\(NumberText.fixed(run.end, 3)) s")]))
        }
        // y ticks at row centres, labelled with the row name (row 0 is at the top).
        let ticks = (0..<rows.count).map { Double(rows.count - 1 - $0) + 0.5 }
        return frame.svg(
            id: id, label: "Gait phase timeline", xLabel: "time (s)", yLabel: "", yTicks: ticks,
            yTickText: { rows[rows.count - 1 - Int($0.rounded(.down))].label },
            content: [.tag("g", [("class", "phases")], bands)])
    }

    /// Runs of equal (phase, side). A run ends where the next begins; the last one lasts one median
    /// frame interval past its last frame.
    static func runs(_ phases: [FramePhase]) -> [Run] {
        let frames = phases.filter { $0.t.isFinite }
        guard frames.count >= 2 else { return [] }
        let intervals = zip(frames, frames.dropFirst()).map { $1.t - $0.t }.sorted()
        let frameInterval = intervals[intervals.count / 2]
        var runs: [Run] = []
        for frame in frames {
            if var last = runs.last, last.phase == frame.phase, last.side == frame.side {
                last.end = frame.t + frameInterval
                runs[runs.count - 1] = last
            } else {
                if !runs.isEmpty { runs[runs.count - 1].end = frame.t }
                runs.append(Run(phase: frame.phase, side: frame.side, start: frame.t, end: frame.t + frameInterval))
            }
        }
        return runs
    }
}
