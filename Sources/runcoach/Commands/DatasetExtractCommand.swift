import ArgumentParser
import Foundation
import GaitData
import GaitVideo

/// `runcoach dataset extract`: poses for every video, cached by content, resumable.
struct DatasetExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Estimate BlazePose landmarks for every video (content-addressed cache: done videos are skipped, a killed run resumes).",
        discussion: "Augmented copies of the training videos are made with --augment and --augment-copies (image-level, before pose estimation).")

    @OptionGroup var location: DatasetLocation
    @Option(help: "Videos processed in parallel.") var jobs = 1
    @Option(help: "Pose model directory (default: $RUNCOACH_MODELS, else ./models, else models/ above the executable).") var models: String?
    @Option(help: "Augmentations for the copies (comma-separated): brightness, contrast, blur, hueSaturation, gamma, flip.") var augment: String?
    @Option(help: "Augmented copies of each training video.") var augmentCopies = 0
    @Option(help: "Seed of the augmentation draws.") var augmentSeed: UInt64 = 1

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard (0...20).contains(augmentCopies) else { throw ValidationError("--augment-copies must be 0-20") }
    }

    func run() throws {
        var extraction = DatasetExtraction(layout: location.layout, models: try ModelSet.locate(explicitDirectory: models))
        extraction.jobs = jobs
        extraction.augmentKinds = try AugmentationRecipe.kinds(augment.map { $0.split(separator: ",").map(String.init) } ?? [])
        extraction.augmentCopies = augmentCopies
        extraction.augmentSeed = augmentSeed
        let summary = try ExtractionRun.run(extraction)
        if !summary.failed.isEmpty { throw CLIExit.impossible("\(summary.failed.count) videos failed (see above); the others are cached") }
    }
}

/// Extraction with progress lines on stderr (shared with the pipeline).
enum ExtractionRun {
    static func run(_ extraction: DatasetExtraction) throws -> DatasetExtraction.Summary {
        let progress = ProgressLine()
        let summary = try extraction.run { event in
            switch event {
            case .cached(let name):
                DatasetConsole.line("\(name): cached")
            case .started(let name, let index, let total):
                DatasetConsole.line("\(name): extracting (\(index)/\(total))")
            case .frames(let name, let state):
                progress.update(name, state)
            case .finished(let name, let seconds):
                progress.finish()
                DatasetConsole.line(String(format: "%@: done in %.1f s", name, seconds))
            case .failed(let name, let reason):
                progress.finish()
                DatasetConsole.line("\(name): failed: \(reason)")
            }
        }
        progress.finish()
        if summary.removedPartials > 0 { DatasetConsole.line("removed \(summary.removedPartials) partial cache files left by an interrupted run") }
        print("extract: \(summary.extracted.count) extracted, \(summary.cached.count) cached, \(summary.failed.count) failed")
        return summary
    }
}
