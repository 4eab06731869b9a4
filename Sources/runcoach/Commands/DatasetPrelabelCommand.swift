import ArgumentParser
import GaitData

/// `runcoach dataset prelabel`: the analyzer's findings as CVAT and Label Studio pre-annotations.
struct DatasetPrelabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prelabel",
        abstract: "Write the analyzer's contacts, phases, score and issues as CVAT and Label Studio import files (needs extracted poses).")

    @OptionGroup var location: DatasetLocation
    @Option(name: .customLong("video"), help: "Only these videos (repeatable; default: all).") var videos: [String] = []
    @Option(help: "Prefix of the video URLs in the Label Studio tasks.") var videoURLPrefix = "/data/local-files/?d="

    func run() throws {
        var prelabeler = Prelabeler(layout: location.layout)
        prelabeler.videoURLPrefix = videoURLPrefix
        prelabeler.modelVersion = "runcoach \(Runcoach.version) analyzer"
        let outcome = try prelabeler.run(videos: videos.isEmpty ? nil : videos)
        for file in outcome.written { print("wrote \(file)") }
        for (video, reason) in outcome.skipped { DatasetConsole.line("\(video): no pre-labels: \(reason)") }
    }
}
