import ArgumentParser
import Foundation
import GaitCore

/// `runcoach convert`: turns other people's recordings into runcoach files.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert external datasets into runcoach-pose files and ground-truth reports.",
        subcommands: [ConvertPosesCommand.self, ConvertFukuchiCommand.self]
    )
}

/// `runcoach convert fukuchi`: a Fukuchi 2017 treadmill trial → side-view poses + force-plate truth.
struct ConvertFukuchiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fukuchi",
        abstract: "Convert a Fukuchi 2017 running trial (markers + treadmill forces) into a side-view pose file and its force-plate ground truth.",
        discussion: """
            Reads <dir>/<subject><trial>markers.txt, <subject><trial>forces.txt, <subject>static.txt \
            and <subject>info.txt. See docs/validation-fukuchi.md.
            """
    )

    @Option(help: "Folder holding the dataset's text files.")
    var dir: String

    @Option(help: "Subject code, e.g. RBDS001.")
    var subject: String

    @Option(help: "Trial name, e.g. runT25 (treadmill at 2.5 m/s).")
    var trial: String

    @Option(help: "Where to write the runcoach-pose JSON.")
    var out: String

    @Option(help: "Where to write the ground-truth report JSON.")
    var truth: String

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--dir \(dir) is not a folder")
        }
        guard out != truth else { throw ValidationError("--out and --truth must be different files") }
    }

    func run() throws {
        FileHandle.standardError.write(Data("runcoach: converting Fukuchi 2017 \(subject) \(trial)…\n".utf8))
        let conversion = try Fukuchi2017.convert(directory: dir, subject: subject, trial: trial)
        let truthData = try conversion.truth.jsonData()  // encode first: a failure leaves no file behind
        try RuncoachPoseFormat.write(conversion.poses, to: out)
        try AtomicFile.write(truthData, to: truth)
        let events = conversion.truth.events
        let cadence = conversion.truth.metrics[.cadence]?.number.map { String(format: "%.1f", $0) } ?? "-"
        let contact = conversion.truth.metrics[.groundContactTime]?.number.map { String(format: "%.3f", $0) } ?? "-"
        print("""
            \(out): \(conversion.poses.frames.count) frames at \(Int(conversion.poses.nominalFPS)) fps, \
            \(conversion.poses.width)×\(conversion.poses.height) px
            \(truth): \(events.count) contacts (\(events.filter { $0.side == .left }.count) left, \
            \(events.filter { $0.side == .right }.count) right), cadence \(cadence) steps/min, mean contact \(contact) s
            """)
    }
}
