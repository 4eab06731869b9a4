import ArgumentParser

/// `runcoach export`: a trained model, or labelled recordings, in a format other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a trained GaitNet for deployment (see docs/onnx.md), or labelled recordings as a label folder.",
        subcommands: [ExportONNXCommand.self, ExportLabelsCommand.self])
}
