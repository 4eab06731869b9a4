/// Plain-text layout helpers: column padding and word wrapping, by visible characters.
enum TextLayout {
    /// `text` padded with spaces on the right to `width` characters (never truncated).
    static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` padded with spaces on the left to `width` characters (never truncated).
    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` broken into lines of at most `width` characters at spaces (a longer word stays whole),
    /// the first prefixed with `firstIndent`, the rest with `indent`.
    static func wrap(_ text: String, width: Int, firstIndent: String, indent: String) -> [String] {
        var lines: [String] = []
        var current = firstIndent
        var currentHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if currentHasWord && current.count + 1 + word.count > width {
                lines.append(current)
                current = indent + word
            } else {
                current += (currentHasWord ? " " : "") + word
            }
            currentHasWord = true
        }
        lines.append(current)
        return lines
    }

    /// Rows laid out in columns as wide as their widest cell, separated by two spaces; columns
    /// listed in `rightAligned` are aligned right (numbers).
    static func table(_ rows: [[String]], rightAligned: Set<Int> = [], indent: String = "  ") -> [String] {
        let columnCount = rows.map(\.count).max() ?? 0
        let widths = (0..<columnCount).map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                rightAligned.contains(column) ? padLeft(cell, widths[column]) : padRight(cell, widths[column])
            }
            var line = indent + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
