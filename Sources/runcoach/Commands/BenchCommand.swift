import ArgumentParser
import Foundation
import GaitCore
import GaitSim

/// `runcoach bench`: speed benchmarks, apart from the tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of the analysis (see BENCHMARKS.md).",
        subcommands: [BenchAnalyzeCommand.self])
}

/// `runcoach bench analyze`: analyses a long simulated sequence and prints frames per second.
struct BenchAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Time the pose-sequence analysis on a long simulated run (default 10 min at 60 fps).")

    @Option(help: "Length of the simulated run, minutes.") var minutes: Double = 10
    @Option(help: "Frame rate, fps.") var fps: Double = 60
    @Option(help: "Timed repetitions (the best and the median are printed).") var repetitions: Int = 5

    func validate() throws {
        guard minutes > 0, minutes <= 60 else { throw ValidationError("--minutes must be in (0, 60]") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    }

    func run() throws {
        var parameters = SimulationParameters()
        parameters.durationSeconds = minutes * 60
        parameters.framesPerSecond = fps
        parameters.landmarkNoisePixels = 2
        let (poses, _) = try RunnerSimulator(parameters: parameters).simulate(seed: 1)
        let encoded = RuncoachPoseFormat.encode(poses)
        let frames = Double(poses.frames.count)
        print("input: \(poses.frames.count) frames (\(minutes) min at \(fps) fps), runcoach-pose JSON \(encoded.count / 1_000_000) MB")

        let readTimes = try (0..<repetitions).map { _ in try seconds { _ = try RuncoachPoseFormat.read(encoded, name: "bench") } }
        let analyzeTimes = try (0..<repetitions).map { _ in try seconds { _ = try GaitAnalyzer().analyze(poses) } }
        report("read runcoach-pose JSON", readTimes, frames: frames)
        report("analyze (pose sequence → report)", analyzeTimes, frames: frames)
    }

    private func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func report(_ name: String, _ times: [Double], frames: Double) {
        let sorted = times.sorted()
        let best = sorted[0], median = sorted[sorted.count / 2]
        print(String(format: "%@: best %.3f s (%.0f frames/s), median %.3f s (%.0f frames/s)",
                     name, best, frames / best, median, frames / median))
    }
}
