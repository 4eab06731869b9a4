import ArgumentParser
import Foundation
import GaitCore
import GaitVideo

/// `runcoach pose`: video → `runcoach-pose` file (BlazePose-33 per frame, the video's own times).
struct PoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pose",
        abstract: "Extract the runner's BlazePose landmarks from videos into runcoach-pose JSON files."
    )

    @Argument(help: "Video files (.mp4, .mov, ...).")
    var videos: [String]

    @Option(help: "Output file (one video) or folder (several videos: NAME.pose.json each).")
    var out: String

    @OptionGroup var video: VideoOptions

    func run() throws {
        let models = try video.modelSet()
        let several = videos.count > 1
        let progress = ProgressLine(enabled: !video.noProgress)
        let extractor = VideoPoseExtractor(models: models, options: video.landmarkerOptions, segments: video.segments)
        let videos = self.videos, out = self.out
        let results = ParallelJobs.run(count: videos.count, jobs: video.jobs) { index in
            let path = videos[index]
            let name = (path as NSString).lastPathComponent
            let poses = try extractor.extract(path: path) { progress.update(name, $0) }
            let destination = several
                ? out + "/" + ((name as NSString).deletingPathExtension) + ".pose.json" : out
            try RuncoachPoseFormat.write(poses.sequence, to: destination)
            return (destination, poses)
        }
        progress.finish()
        var failures = 0
        for (path, result) in zip(videos, results) {
            switch result {
            case .success(let (destination, poses)):
                let found = poses.sequence.frames.filter { $0.landmarks != nil }.count
                print("\(path): \(poses.sequence.frames.count) frames, runner found in \(found); wrote \(destination)")
                if let statement = poses.selection.statement { print("  \(statement)") }
            case .failure(let error):
                failures += 1
                let message = String(describing: error)
                FileHandle.standardError.write(Data("runcoach: \(message)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(CLIExit.analysisImpossible) }
    }
}

/// Options shared by the commands that read videos.
struct VideoOptions: ParsableArguments {
    @Option(help: "Pose model directory (default: $RUNCOACH_MODELS, else ./models, else models/ above the executable).")
    var models: String?

    @Option(help: "Videos processed in parallel.")
    var jobs: Int = 1

    @Option(help: "Most people MediaPipe reports per frame; the runner is chosen among them (2+ for crowded scenes, ~30% slower).")
    var maxPeople: Int = 1

    @Option(help: "Time spans of one video estimated in parallel, one landmarker each (faster on several cores; tracking restarts at each cut, so landmarks after a cut differ from a single pass: see docs/video.md).")
    var segments: Int = 1

    @Option(help: "Threads each video's pose estimation runs on (default: the cores shared among --jobs videos, 1-4 each; the landmarks are the same for any count).")
    var inferenceThreads: Int?

    @Flag(help: "No progress line on stderr.")
    var noProgress = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard (1...16).contains(segments) else { throw ValidationError("--segments must be between 1 and 16") }
        guard (1...10).contains(maxPeople) else { throw ValidationError("--max-people must be between 1 and 10") }
        if let inferenceThreads, !(1...64).contains(inferenceThreads) {
            throw ValidationError("--inference-threads must be between 1 and 64")
        }
    }

    /// The verified model set (the `--models` directory or the default).
    func modelSet() throws -> ModelSet {
        try ModelSet.locate(explicitDirectory: models)
    }

    /// The extractor these options describe.
    func extractor() throws -> VideoPoseExtractor {
        VideoPoseExtractor(models: try modelSet(), options: landmarkerOptions, segments: segments)
    }

    var landmarkerOptions: MediaPipePoseLandmarker.Options {
        MediaPipePoseLandmarker.Options(maxPoses: maxPeople, inferenceThreads: inferenceThreads, landmarkersAtOnce: jobs)
    }
}
