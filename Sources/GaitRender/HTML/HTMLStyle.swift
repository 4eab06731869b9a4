/// The page's style sheet, inlined so the file needs nothing else to display.
enum HTMLStyle {
    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c;
               max-width: 820px; margin: 24px auto; padding: 0 16px; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 4px; }
        h2 { font-size: 1.2em; margin-top: 32px; border-bottom: 1px solid #cbd5e0; padding-bottom: 4px; }
        .meta { color: #4a5568; margin: 2px 0; }
        .banner { background: #fefcbf; border: 1px solid #d69e2e; padding: 8px 12px; border-radius: 4px; }
        .cards { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 16px; }
        .card { border: 1px solid #cbd5e0; border-radius: 6px; padding: 10px 14px; min-width: 150px; }
        .card .big, .score-total { font-size: 1.8em; font-weight: 600; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.92em; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
        td.num { text-align: right; white-space: nowrap; }
        .detected { color: #c53030; font-weight: 600; }
        .clear { color: #2f855a; }
        .na { color: #975a16; }
        .legend span { display: inline-block; margin-right: 14px; }
        .swatch { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin-right: 4px; }
        svg.chart { display: block; margin: 8px 0; max-width: 100%; height: auto; font-size: 11px; }
        svg .plot-area { fill: #f7fafc; stroke: #cbd5e0; }
        svg .grid { stroke: #e2e8f0; }
        svg .tick { stroke: #718096; }
        svg .tick-label, svg .axis-label, svg .withheld { fill: #4a5568; }
        svg .bar-value { fill: #1a202c; }
        svg .bar-value.inside { fill: #ffffff; }
        svg .level-band.low { fill: #fed7d7; }
        svg .level-band.moderate { fill: #feebc8; }
        svg .level-band.good { fill: #c6f6d5; }
        svg .level-band.high { fill: #9ae6b4; }
        svg .bar.confidence, svg .bar.score-component { fill: #2d3748; }
        .empty { color: #718096; font-style: italic; }
        """
}
