import Foundation
import Testing
import GaitCore

/// `runcoach convert` and `runcoach compare`, run as the built executable (`.build/debug/runcoach`,
/// which `swift build` and `swift test` produce): output files, exit codes, nothing partial.
@Suite("runcoach convert / compare")
struct ConvertCommandTests {
    func runcoach(_ arguments: [String]) throws -> CLI.Run { try CLI.runcoach(arguments) }

    @Test("convert fukuchi writes a pose file and a truth that compares perfectly with itself")
    func fukuchi() throws {
        let folder = try CLI.temporaryFolder()
        let poses = folder + "/poses.json", truth = folder + "/truth.json"
        let run = try runcoach(["convert", "fukuchi", "--dir", CLI.sharedData("fukuchi2017"), "--subject", "RBDS001",
                                "--trial", "runT25", "--out", poses, "--truth", truth])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("78 contacts (39 left, 39 right)"))
        #expect(try PoseFileLoader.load(path: poses).frames.count == 4500)
        let same = try runcoach(["compare", "--report", truth, "--truth", truth])
        #expect(same.status == 0)
        #expect(same.stdout.contains("78 matched, 0 truth contacts missed, 0 extra detections"))
        #expect(same.stdout.contains("initial contact: RMSE 0.0 ms, bias 0.0 ms"))
    }

    @Test("a missing trial is a usage error and writes nothing")
    func missingTrial() throws {
        let folder = try CLI.temporaryFolder()
        let run = try runcoach(["convert", "fukuchi", "--dir", CLI.sharedData("fukuchi2017"), "--subject", "RBDS009",
                                "--trial", "runT25", "--out", folder + "/p.json", "--truth", folder + "/t.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("RBDS009runT25markers.txt: no such file or directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("convert poses turns the OpenPose folder into CSV with the given frame rate")
    func poses() throws {
        let folder = try CLI.temporaryFolder()
        let csv = folder + "/op.csv"
        let run = try runcoach(["convert", "poses", CLI.sharedData("openpose-body25-side"), "--out", csv, "--fps", "25"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("88 frames (63 with a person), 25 fps"))
        let sequence = try PoseFileLoader.load(path: csv)
        #expect(sequence.nominalFPS == 25 && sequence.frames[25].time == 1)
        // The CSV records its fps: a different --fps now contradicts the file.
        let conflict = try runcoach(["convert", "poses", csv, "--out", folder + "/x.json", "--fps", "30"])
        #expect(conflict.status == 2)
        #expect(conflict.stderr.contains("the file records fps 25, but --fps 30 was given"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.json"))
    }
}
