import ArgumentParser
import Foundation
import GaitData

/// `runcoach dataset init DIR`: scaffolds an empty dataset.
struct DatasetInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a dataset folder: dataset.json, pipeline.yaml, videos/, annotations/, labels/, poses/, reports/.")

    @Argument(help: "The folder to create (may exist, but must not hold a dataset).") var folder: String
    @Option(help: "Dataset name (default: the folder's name).") var name: String?

    func run() throws {
        let layout = try DatasetScaffold.initialize(root: folder, name: name ?? (folder as NSString).lastPathComponent)
        print("created dataset \(layout.root): add videos with `runcoach dataset add VIDEO --runner ID --dataset \(layout.root)`")
    }
}
