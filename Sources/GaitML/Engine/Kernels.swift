/// Small element-wise and reduction loops shared by the layers.
enum Kernels {
    /// `target[j] += Σ_rows source[row, j]` for a row-major `[rows, columns]` matrix with row
    /// stride `stride` (default `columns`).
    static func addColumnSums(
        of source: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int? = nil,
        into target: UnsafeMutablePointer<Float>
    ) {
        let rowStride = stride ?? columns
        for row in 0..<rows {
            let line = source + row * rowStride
            for column in 0..<columns { target[column] += line[column] }
        }
    }

    /// `target[i] += source[i]` for `count` elements.
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { target[index] += source[index] }
    }
}
