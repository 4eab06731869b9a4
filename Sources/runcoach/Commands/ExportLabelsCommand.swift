import ArgumentParser
import Foundation
import GaitCore
import GaitML

/// `runcoach export labels`: labelled recordings (simulated runners, the force-plate trial or a
/// label folder) written as a `runcoach-labels` folder, for other tools or a fixed data set.
struct ExportLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Write labelled recordings (--synthetic N, --fukuchi DIR or --data DIR) as a runcoach-labels folder.",
        discussion: """
            Each recording becomes NNNN.json (runcoach-pose v1) and NNNN.labels.json (docs/training.md): \
            its contacts, form score, issues and issue probabilities, and for simulated runners their drawn \
            parameters and exact metrics as details. `train --data` and `evaluate --data` read the folder \
            as they read the recordings it came from (a simulated clip's frames that no exported contact covers \
            stay unlabelled). The folder appears whole or not at all.
            """)

    @OptionGroup var dataOptions: TrainingDataOptions
    @Option(help: "Folder to create (must not exist yet).") var out: String

    func run() throws {
        let manager = FileManager.default
        let out = (self.out as NSString).standardizingPath  // "labels/" and "labels" name one folder
        guard !manager.fileExists(atPath: out) else {
            throw GaitMLError.unusableData("\(out) already exists; name a new folder for the labels")
        }
        let sequences = try dataOptions.load()
        let temporary = out + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? manager.removeItem(atPath: temporary)
        try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            for (index, sequence) in sequences.enumerated() {
                let name = String(format: "%04d", index)
                try RuncoachPoseFormat.write(sequence.poses, to: temporary + "/\(name).json")
                try AtomicFile.write(encoder.encode(LabelFile(sequence, poses: "\(name).json")), to: temporary + "/\(name).labels.json")
                if (index + 1) % 50 == 0 || index + 1 == sequences.count {
                    Console.progress("wrote \(index + 1)/\(sequences.count) recordings")
                }
            }
            try manager.moveItem(atPath: temporary, toPath: out)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw error
        }
        let runners = Set(sequences.map(\.runnerID)).count
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        print("wrote \(out): \(count(sequences.count, "recording")) of \(count(runners, "runner")) (runcoach-pose + runcoach-labels v1)")
    }
}
