import ArgumentParser
import GaitData

/// `runcoach dataset import EXPORT`: CVAT / Label Studio labels into runcoach-labels files.
struct DatasetImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CVAT for video 1.1 XML or Label Studio JSON export into the dataset's label files.",
        discussion: "Tasks are matched to videos by file name, or give --video (and --task) for one. See docs/datasets.md for the label names.")

    @Argument(help: "The export file (.xml for CVAT, .json for Label Studio).") var export: String
    @OptionGroup var location: DatasetLocation
    @Option(help: "cvat or label-studio (default: from the file extension).") var tool: String?
    @Option(help: "Put the labels on this video (the export must then hold one task, or give --task).") var video: String?
    @Option(help: "Task id (or CVAT task name) to import.") var task: String?
    @Option(help: "maxRating of a Label Studio Rating control used for the form score.") var ratingScale: Double = 5

    func run() throws {
        let chosenTool = try tool.map { name -> AnnotationImporter.Tool in
            guard let tool = AnnotationImporter.Tool(rawValue: name) else { throw ValidationError("--tool must be cvat or label-studio") }
            return tool
        }
        var importer = AnnotationImporter(layout: location.layout)
        importer.ratingScale = ratingScale
        let outcomes = try importer.run(file: export, tool: chosenTool, video: video, task: task)
        for outcome in outcomes {
            print("\(outcome.video): task \(outcome.task ?? "-"), \(outcome.contacts) contacts, \(outcome.labelledPhaseFrames) frames with a phase label")
            for warning in outcome.warnings { DatasetConsole.line("\(outcome.video): \(warning)") }
        }
    }
}
