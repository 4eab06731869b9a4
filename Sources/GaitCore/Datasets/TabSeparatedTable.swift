import Foundation

/// A table of numbers read from a tab-separated text file with one header line, as the Fukuchi
/// 2017 running dataset (and many motion-capture exports) ship their marker and force data.
///
/// Cells that read `NaN` (a marker the cameras lost) or are empty become `Double.nan`; any other
/// cell that is not a number is an error naming the file, the line and the column.
struct TabSeparatedTable {
    /// Column names from the header line.
    let columns: [String]
    /// One array per data line, each with `columns.count` values.
    let rows: [[Double]]
    /// The file the table came from, for error messages.
    let path: String

    /// Reads the table at `path`.
    init(path: String) throws {
        let data = try PoseFileLoader.contents(of: path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw GaitCoreError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw GaitCoreError.unreadableFile(path: path, reason: "the file is empty")
        }
        let columns = headerLine.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var rows: [[Double]] = []
        rows.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count == columns.count else {
                throw GaitCoreError.unreadableFile(
                    path: path, reason: "line \(offset + 2) has \(cells.count) cells, the header \(columns.count)")
            }
            var row: [Double] = []
            row.reserveCapacity(cells.count)
            for (column, cell) in cells.enumerated() {
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.lowercased() == "nan" {
                    row.append(.nan)
                } else if let value = Double(trimmed), value.isFinite {
                    row.append(value)
                } else {
                    throw GaitCoreError.unreadableFile(
                        path: path, reason: "line \(offset + 2), column \(columns[column]): '\(trimmed)' is not a number")
                }
            }
            rows.append(row)
        }
        self.columns = columns
        self.rows = rows
        self.path = path
    }

    /// The index of column `name`, or an error naming the file and the column.
    func columnIndex(_ name: String) throws -> Int {
        guard let index = columns.firstIndex(of: name) else {
            throw GaitCoreError.unreadableFile(path: path, reason: "it has no column \(name)")
        }
        return index
    }

    /// All values of column `name`.
    func column(_ name: String) throws -> [Double] {
        let index = try columnIndex(name)
        return rows.map { $0[index] }
    }
}
