import GaitCore
import Testing

@Suite("Array.partitioningIndex")
struct PartitioningIndexTests {
    @Test("finds the first element of the second part, against a linear scan, ties included")
    func againstScan() {
        let times = [0.0, 0.5, 0.5, 1.0, 2.5, 2.5, 2.5, 4.0]
        for t in [-1.0, 0.0, 0.25, 0.5, 0.75, 1.0, 2.5, 3.0, 4.0, 5.0] {
            #expect(times.partitioningIndex { $0 > t } == (times.firstIndex { $0 > t } ?? times.count), "above \(t)")
            #expect(times.partitioningIndex { $0 >= t } == (times.firstIndex { $0 >= t } ?? times.count), "at or above \(t)")
        }
        #expect([Double]().partitioningIndex { $0 > 0 } == 0)
    }
}
