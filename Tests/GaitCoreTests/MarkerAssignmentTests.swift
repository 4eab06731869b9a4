import Foundation
import Testing
@testable import GaitCore

/// `MarkerAssignment` on a foot-like cluster written to a marker table: moved rigidly through 60
/// frames with 1 mm of skin-marker noise, labelled correctly or with two markers swapped.
@Suite("Marker labels checked against the static trial")
struct MarkerAssignmentTests {
    static let cluster = ["F.Heel.Top", "F.Heel.Bottom", "F.Heel.Lateral", "F.MT1", "F.MT5"]
    /// Standing positions, mm, shaped like the trial's right foot (MT1 and MT5 110 mm apart).
    static let standing: [Point3] = [Point3(640, 91, 1360), Point3(628, 43, 1360), Point3(658, 59, 1403),
                                     Point3(850, 64, 1320), Point3(830, 56, 1427)]

    /// A running trial whose columns name the markers in `labels` order; marker 4 is lost every
    /// fifth frame.
    static func trial(labels: [String]) throws -> MarkerTrajectories {
        var generator = SeededGenerator(seed: 11)
        var text = "Time" + labels.map { "\t\($0)X\t\($0)Y\t\($0)Z" }.joined() + "\n"
        for frame in 0..<60 {
            let angle = Double(frame) * 0.02, (c, s) = (cos(angle), sin(angle))
            text += String(format: "%.4f", Double(frame) / 150)
            for (index, p) in standing.enumerated() {
                guard index != 4 || frame % 5 != 0 else { text += "\t\t\t"; continue }
                let moved = Point3(c * p.x - s * p.y, s * p.x + c * p.y, p.z) + Point3(Double(frame) * 3, 20, -300)
                let noisy = moved + Point3(Double.random(in: -1...1, using: &generator), Double.random(in: -1...1, using: &generator),
                                           Double.random(in: -1...1, using: &generator))
                text += String(format: "\t%.3f\t%.3f\t%.3f", noisy.x, noisy.y, noisy.z)
            }
            text += "\n"
        }
        let path = try TestFiles.write(text, named: "markers.txt", in: try TestFiles.temporaryFolder())
        return try MarkerTrajectories(table: TabSeparatedTable(path: path))
    }

    @Test("correct labels stay as they are, with a mismatch of about the noise")
    func correctLabels() throws {
        let assignment = try MarkerAssignment(cluster: Self.cluster, reference: Self.standing, trial: Self.trial(labels: Self.cluster))
        #expect(assignment.sources == Self.cluster)
        #expect(assignment.remark == nil)
        // ±1 mm uniform noise per axis moves a distance by about 1 mm RMS: well under the 5 mm bar.
        #expect(assignment.labelledMismatchMillimetres < 2)
    }

    @Test("two swapped labels are found and undone, and the remark says which")
    func swappedLabels() throws {
        var labels = Self.cluster
        labels.swapAt(3, 4)  // the column named F.MT1 holds MT5's positions and the other way round
        let assignment = try MarkerAssignment(cluster: Self.cluster, reference: Self.standing, trial: Self.trial(labels: labels))
        #expect(assignment.sources == ["F.Heel.Top", "F.Heel.Bottom", "F.Heel.Lateral", "F.MT5", "F.MT1"])
        #expect(assignment.relabelled.map(\.trialLabel) == ["F.MT5", "F.MT1"])
        // Swapped, six of the ten distances are off: Heel.Lateral to MT1 / MT5 209 / 174 mm (35 mm),
        // Heel.Bottom 227 / 213, Heel.Top 216 / 205: 17.5 mm RMS.
        #expect(assignment.labelledMismatchMillimetres > 15 && assignment.assignedMismatchMillimetres < 2)
        #expect(assignment.remark?.hasPrefix("marker labels corrected against the static trial: F.MT5 used as F.MT1, F.MT1 used as F.MT5") == true)
    }

    @Test("every ordering once: 5 markers give 120 permutations")
    func permutations() {
        let all = MarkerAssignment.permutations(of: Array(0..<5))
        #expect(all.count == 120 && Set(all).count == 120 && all.allSatisfy { $0.sorted() == Array(0..<5) })
    }
}
