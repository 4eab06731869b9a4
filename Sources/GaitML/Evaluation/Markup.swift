/// Text placed in the evaluation's HTML and SVG.
enum Markup {
    /// `text` with the characters that markup reserves replaced by their entities.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A 360 × 360 pixel SVG with one plot over [0, 1] × [0, 1], framed, with ticks every 0.25: the
/// evaluation's reliability diagrams and issue scatter plots.
struct UnitSquarePlot {
    let size = 360.0, margin = 40.0
    var plot: Double { size - 2 * margin }

    /// Pixel position of `value` (0-1) along the horizontal and vertical axes.
    func x(_ value: Double) -> Double { margin + value * plot }
    func y(_ value: Double) -> Double { size - margin - value * plot }

    /// The whole SVG: `title` above, `content` (elements in pixel coordinates) inside the frame,
    /// the axes labelled `xLabel` and `yLabel`.
    func svg(title: String, xLabel: String, yLabel: String, content: [String]) -> String {
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size))\" height=\"\(Int(size))\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" font-family=\"sans-serif\" font-size=\"11\">"]
        parts.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        parts.append("<text x=\"\(margin)\" y=\"20\" font-size=\"13\">\(Markup.escaped(title))</text>")
        parts += content
        parts.append("<rect x=\"\(margin)\" y=\"\(margin)\" width=\"\(plot)\" height=\"\(plot)\" fill=\"none\" stroke=\"black\"/>")
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.2f</text>", x(tick), size - margin + 14, tick))
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>", margin - 4, y(tick) + 4, tick))
        }
        parts.append("<text x=\"\(size / 2)\" y=\"\(size - 6)\" text-anchor=\"middle\">\(Markup.escaped(xLabel))</text>")
        parts.append("<text x=\"12\" y=\"\(size / 2)\" transform=\"rotate(-90 12 \(size / 2))\" text-anchor=\"middle\">\(Markup.escaped(yLabel))</text>")
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }
}
