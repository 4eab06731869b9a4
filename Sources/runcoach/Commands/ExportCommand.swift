import ArgumentParser

/// `runcoach export`: a trained model in a format other tools run.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a trained GaitNet for deployment (see docs/onnx.md).",
        subcommands: [ExportONNXCommand.self])
}
