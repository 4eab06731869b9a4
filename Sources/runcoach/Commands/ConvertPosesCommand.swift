import ArgumentParser
import Foundation
import GaitCore

/// `runcoach convert poses`: any pose file this tool reads → runcoach-pose JSON or runcoach CSV.
struct ConvertPosesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poses",
        abstract: "Convert a pose file (runcoach-pose, OpenPose folder or file, COCO keypoints, CSV) to runcoach-pose JSON or CSV.",
        discussion: "The output format follows the --out extension: .csv writes the runcoach pose CSV, anything else runcoach-pose JSON. See docs/formats.md."
    )

    @Argument(help: "The pose file or OpenPose folder to read.")
    var input: String

    @Option(help: "Where to write the converted poses (.json or .csv).")
    var out: String

    @OptionGroup var poseInput: PoseInputOptions

    func run() throws {
        let sequence = try PoseFileLoader.load(path: input, options: poseInput.poseFileOptions)
        if (out as NSString).pathExtension.lowercased() == "csv" {
            try PoseCSVFormat.write(sequence, to: out)
        } else {
            try RuncoachPoseFormat.write(sequence, to: out)
        }
        let withPerson = sequence.frames.filter { $0.landmarks != nil }.count
        print("\(out): \(sequence.frames.count) frames (\(withPerson) with a person), \(String(format: "%g", sequence.nominalFPS)) fps, \(sequence.width)×\(sequence.height) px")
    }
}
