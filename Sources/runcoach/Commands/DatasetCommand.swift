import ArgumentParser
import Foundation
import GaitData

/// `runcoach dataset`: build, annotate, check and extract a training dataset (docs/datasets.md).
struct DatasetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Build a training dataset: videos + metadata, annotations, splits, validation, pose extraction.",
        subcommands: [
            DatasetInitCommand.self, DatasetAddCommand.self, DatasetImportCommand.self, DatasetPrelabelCommand.self,
            DatasetFetchCommand.self, DatasetSplitCommand.self, DatasetValidateCommand.self, DatasetExtractCommand.self,
        ])
}

/// `--dataset DIR`, shared by the dataset subcommands.
struct DatasetLocation: ParsableArguments {
    @Option(name: .customLong("dataset"), help: "Dataset folder (holding dataset.json).")
    var folder = "."

    var layout: DatasetLayout { DatasetLayout(root: folder) }
}

/// Lines on stderr for the dataset commands.
enum DatasetConsole {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data("runcoach: \(text)\n".utf8))
    }
}
