import Foundation
import GaitCore
import Testing
@testable import GaitData

/// The small real dataset (datasets/shared-clips: the clips of ../shared/data/video with hand
/// annotations) through `runcoach pipeline`, end to end with a short training run.
@Suite(.serialized, .enabled(if: PoseModels.available, "needs the pose models (scripts/setup.sh)"))
struct PipelineEndToEndTests {
    @Test func theSharedClipsGoThroughEveryStageAndTheReportSaysWhatTheyLack() throws {
        let root = try TestFiles.temporaryFolder("pipeline") + "/shared-clips"
        let environment = ["RUNCOACH": RuncoachProcess.executable, "SHARED_VIDEO": TestFiles.sharedData + "/video",
                           "RUNCOACH_MODELS": PoseModels.directory]
        let made = try RuncoachProcess.run([root], executable: TestFiles.repositoryRoot + "/datasets/shared-clips/make-dataset.sh", environment: environment)
        try #require(made.status == 0, "\(made.stdout)\n\(made.stderr)")
        #expect(made.stdout.contains("b1: task 101, 6 contacts"))
        #expect(made.stdout.contains("demo3: task 7, 3 contacts"))

        let first = try RuncoachProcess.run(["pipeline", "--dataset", root], environment: environment)
        try #require(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        for line in ["split    ran", "validate ran", "extract  ran", "train    ran", "evaluate ran",
                     "export   ran", "build/export/gait_model.onnx"] {
            #expect(first.stdout.contains(line), "missing \"\(line)\" in\n\(first.stdout)")
        }
        let layout = DatasetLayout(root: root)
        for output in ["build/model/best/config.json", "build/model/best/weights.safetensors", "build/evaluation/evaluation.json",
                       "reports/validation.html", "build/data/train/b1.labels.json", "poses/demo4.pose.json",
                       "build/export/gait_model.onnx"] {
            #expect(FileManager.default.fileExists(atPath: layout.path(output)), "\(output)")
        }

        // The report flags what a real dataset of this size lacks, and keeps errors and warnings apart.
        let report = try JSONDecoder().decode(ValidationReport.self, from: Data(contentsOf: URL(fileURLWithPath: layout.reportsFolder + "/validation.json")))
        #expect(report.errors.isEmpty)
        let warnings = report.warnings.map(\.message)
        for expected in ["train has 5 videos; recommended ≥ 500", "val has 1 videos; recommended ≥ 100", "test has 1 videos; recommended ≥ 50",
                         "test has no labelled video", "runners; recommended ≥ 50", "environment: 1 value (track); recommended ≥ 4; missing treadmill, trail, road",
                         "recommended ≥ 1080p", "recommended 10-30 s", "not annotated"] {
            #expect(warnings.contains { $0.contains(expected) }, "no warning containing \"\(expected)\"")
        }
        #expect(report.parts[.train]?.videos == 5)
        #expect(report.leakage.isEmpty)
        // Refreshed after extraction: every video has its pose coverage.
        #expect(report.videos.allSatisfy { $0.poseCoverage != nil })
        #expect(report.phaseFrames.values.reduce(0, +) > 100)

        // Nothing changed: every stage is skipped.
        let second = try RuncoachProcess.run(["pipeline", "--dataset", root], environment: environment)
        #expect(second.status == 0)
        for stage in ["split", "validate", "extract", "train", "evaluate", "export"] {
            #expect(second.stdout.contains(stage.padding(toLength: 9, withPad: " ", startingAt: 0) + "up to date"), "\(stage) ran again:\n\(second.stdout)")
        }

        // A hyper-parameter from the command line invalidates training (and evaluation) only.
        let third = try RuncoachProcess.run(["pipeline", "--dataset", root, "--epochs", "1"], environment: environment)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("extract  up to date") && third.stdout.contains("train    ran") && third.stdout.contains("evaluate ran")
                && third.stdout.contains("export   ran"))
    }
}
