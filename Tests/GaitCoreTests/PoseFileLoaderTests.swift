import Foundation
import Testing
@testable import GaitCore

@Suite("pose file loader")
struct PoseFileLoaderTests {
    @Test("recognises every format from its content or name")
    func detection() throws {
        let folder = try TestFiles.temporaryFolder()
        let sample = RuncoachPoseFormatTests.sample()
        let runcoach = try TestFiles.write(String(decoding: RuncoachPoseFormat.encode(sample), as: UTF8.self), named: "a.data", in: folder)
        let csv = try TestFiles.write(PoseCSVFormat.encode(sample), named: "b.data", in: folder)
        let openPose = try TestFiles.write(OpenPoseFormatTests.openPoseJSON([]), named: "c.json", in: folder)
        #expect(try PoseFileLoader.detectFormat(path: runcoach) == .runcoachPose)
        #expect(try PoseFileLoader.detectFormat(path: csv) == .csv)
        #expect(try PoseFileLoader.detectFormat(path: openPose) == .openPose)
        #expect(try PoseFileLoader.detectFormat(path: CocoKeypointFormatTests.fixture) == .coco)
        #expect(try PoseFileLoader.detectFormat(path: OpenPoseFormatTests.realFolder) == .openPose)
        #expect(try PoseFileLoader.load(path: runcoach) == sample)
        #expect(try PoseFileLoader.load(path: csv) == sample)
        // An OpenPose file with nobody in it: one frame without a person.
        #expect(try PoseFileLoader.load(path: openPose).frames == [PoseFrame(time: 0, landmarks: nil)])
    }

    @Test(
        "unrecognised content gets the most useful message",
        arguments: [
            ("garbage.json", "this is not json", "not valid JSON"),
            ("other.json", "{\"hello\": 1}", "\"format\" must be \"runcoach-pose\" (found nothing)"),
            ("garbage.txt", "this is not json", "not a pose file this tool knows"),
            ("empty.json", "", "the file is empty"),
        ])
    func unrecognised(name: String, content: String, expected: String) throws {
        let path = try TestFiles.write(content, named: name, in: try TestFiles.temporaryFolder())
        #expect {
            try PoseFileLoader.load(path: path)
        } throws: { error in
            String(describing: error).hasPrefix("\(path): \(expected)")
        }
    }

    @Test("options that contradict the file, or make no sense, are usage errors")
    func optionErrors() throws {
        let path = try TestFiles.write(
            String(decoding: RuncoachPoseFormat.encode(RuncoachPoseFormatTests.sample()), as: UTF8.self),
            named: "p.json", in: try TestFiles.temporaryFolder())
        let conflict = GaitCoreError.conflictingOption(path: path, option: "fps", given: "30", recorded: "59.94")
        #expect(throws: conflict) { try PoseFileLoader.load(path: path, options: PoseFileOptions(fps: 30)) }
        #expect(conflict.isUsageError)
        // The file's own values given again are no conflict.
        #expect(throws: Never.self) { try PoseFileLoader.load(path: path, options: PoseFileOptions(fps: 59.94, width: 1080, height: 1920)) }
        #expect(throws: GaitCoreError.invalidOption(option: "fps", reason: "must be a positive number of frames per second")) {
            try PoseFileLoader.load(path: path, options: PoseFileOptions(fps: 0))
        }
        #expect(throws: GaitCoreError.fileNotFound(path: path + ".missing")) { try PoseFileLoader.load(path: path + ".missing") }
    }
}
