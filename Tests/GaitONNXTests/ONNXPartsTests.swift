import Foundation
import GaitML
@testable import GaitONNX
import Testing

/// The small pieces of the exporter, without ONNX Runtime.
@Suite("ONNX exporter parts")
struct ONNXPartsTests {
    @Test("LSTM gate blocks move from PyTorch's i, f, g, o to ONNX's i, o, f, c")
    func gateOrder() {
        // Blocks of 2 rows × 3 columns, each value naming its block (1-4) and position.
        let pyTorch = (0..<4).flatMap { block in (0..<6).map { block * 10 + $0 } }  // i, f, g, o
        let onnx = LSTMGateLayout.reorder(pyTorch, blockRows: 2, rowLength: 3)
        #expect(onnx.map { $0 / 10 } == [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
        #expect(onnx.filter { $0 / 10 == 3 } == [30, 31, 32, 33, 34, 35])
        #expect(LSTMGateLayout.transpose([1, 2, 3, 4, 5, 6], rows: 2, columns: 3) == [1, 4, 2, 5, 3, 6])
    }

    @Test(".npy files round-trip, and a wrong dtype is refused")
    func numpyRoundTrip() throws {
        let tensor = Tensor(shape: [2, 3], scalars: [1, -2.5, 3e-8, .greatestFiniteMagnitude, 0, -0])
        let data = NumpyArray.encode(tensor)
        #expect(data.count % 64 == 24)  // header padded to 64 bytes, then 6 × 4 data bytes
        #expect(try NumpyArray.decode(data, name: "t") == tensor)
        #expect(try NumpyArray.decode(NumpyArray.encode(Tensor(shape: [4], scalars: [1, 2, 3, 4])), name: "v").shape == [4])
        var wrong = data
        let range = try #require(wrong.range(of: Data("<f4".utf8)))
        wrong.replaceSubrange(range, with: Data("<f8".utf8))
        #expect(throws: GaitONNXError.self) { try NumpyArray.decode(wrong, name: "t") }
    }
}
