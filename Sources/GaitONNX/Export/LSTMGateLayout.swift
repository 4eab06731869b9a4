import GaitML

/// PyTorch and ONNX order an LSTM's four gate blocks differently: PyTorch stacks input, forget,
/// cell candidate, output (i, f, g, o); ONNX's `LSTM` operator input, output, forget, cell
/// (i, o, f, c). This moves blocks of rows from the first order to the second.
enum LSTMGateLayout {
    /// For each ONNX block (i, o, f, c), the PyTorch block (i, f, g, o) it comes from.
    static let pyTorchBlockOfONNXBlock = [0, 3, 1, 2]

    /// `values` holds 4 blocks of `blockRows` rows of `rowLength` values in PyTorch order; returns
    /// them in ONNX order.
    static func reorder<Element>(_ values: [Element], blockRows: Int, rowLength: Int = 1) -> [Element] {
        let blockSize = blockRows * rowLength
        precondition(values.count == 4 * blockSize, "LSTM gate tensor of \(values.count) values is not 4 blocks of \(blockSize)")
        return pyTorchBlockOfONNXBlock.flatMap { values[$0 * blockSize ..< ($0 + 1) * blockSize] }
    }

    /// Transposes a row-major `[rows, columns]` array to `[columns, rows]`.
    static func transpose<Element>(_ values: [Element], rows: Int, columns: Int) -> [Element] {
        precondition(values.count == rows * columns, "transpose: \(values.count) values for \(rows) × \(columns)")
        var result = values
        for row in 0..<rows {
            for column in 0..<columns { result[column * rows + row] = values[row * columns + column] }
        }
        return result
    }
}
