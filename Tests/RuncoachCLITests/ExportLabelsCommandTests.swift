import Foundation
import Testing

/// `runcoach export labels`: simulated runners written as a label folder read back as they were.
@Suite("runcoach export labels") struct ExportLabelsCommandTests {
    @Test("exported simulated runners evaluate exactly as the simulated runners do; an existing folder is refused")
    func exportThenEvaluate() throws {
        let folder = try CLI.temporaryFolder()
        let train = try CLI.runcoach(["train", "--synthetic", "4", "--synthetic-seconds", "2", "--epochs", "1", "--hidden", "8",
                                      "--layers", "1", "--folds", "2", "--out", folder + "/run"])
        #expect(train.status == 0, "\(train.stderr)")
        let runners = ["--synthetic", "3", "--synthetic-seconds", "3", "--data-seed", "99", "--synthetic-toe-flex"]
        let export = try CLI.runcoach(["export", "labels"] + runners + ["--out", folder + "/labels"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("3 recordings of 3 runners") && export.stderr.contains("wrote 3/3 recordings"), "\(export.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/labels").sorted()
        #expect(files == ["0000.json", "0000.labels.json", "0001.json", "0001.labels.json", "0002.json", "0002.labels.json"])
        // The folder holds everything the simulator's labels hold: the same evaluation, row for row
        // (phase accuracy, score, each issue's target and probability, the drawn parameters).
        let fromLabels = try CLI.runcoach(["evaluate", "--model", folder + "/run/best", "--data", folder + "/labels", "--out", folder + "/a"])
        let simulated = try CLI.runcoach(["evaluate", "--model", folder + "/run/best"] + runners + ["--out", folder + "/b"])
        #expect(fromLabels.status == 0 && simulated.status == 0, "\(fromLabels.stderr) \(simulated.stderr)")
        // Only the labelled frames may differ, by a few at a clip's ends: the simulator labels the
        // frames before its first contact and after its last toe-off from contacts that began before
        // the clip or end after it, which the exported events do not hold.
        func table(_ path: String) throws -> [[String]] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let rowsA = try table(folder + "/a/recordings.csv"), rowsB = try table(folder + "/b/recordings.csv")
        #expect(rowsA[0] == rowsB[0] && rowsA[0].contains("sim.leftToeFlex") && rowsA.count == 4 && rowsB.count == 4)
        let labelledFrames = try #require(rowsA[0].firstIndex(of: "labelled_frames")), accuracy = try #require(rowsA[0].firstIndex(of: "phase_accuracy"))
        for (a, b) in zip(rowsA.dropFirst(), rowsB.dropFirst()) {
            let same = a.indices.filter { $0 != labelledFrames && $0 != accuracy }
            #expect(same.map { a[$0] } == same.map { b[$0] })
            #expect(Int(a[labelledFrames])! <= Int(b[labelledFrames])! && Int(a[labelledFrames])! + 10 >= Int(b[labelledFrames])!)
        }
        // Written whole or not at all: an existing folder is left alone.
        let again = try CLI.runcoach(["export", "labels"] + runners + ["--out", folder + "/labels"])
        #expect(again.status == 1 && again.stderr.contains("already exists; name a new folder"), "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/labels").count == 6)
    }
}
