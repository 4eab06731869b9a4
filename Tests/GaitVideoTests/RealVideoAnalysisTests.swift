import Foundation
import GaitCore
import Testing
@testable import GaitVideo

/// The whole path on the real clips in ../shared/data/video: video → poses → GaitAnalyzer.
@Suite("Real videos end to end", .enabled(if: VideoTestSupport.modelsAvailable, "run scripts/setup.sh"))
struct RealVideoAnalysisTests {
    static func analyze(_ name: String) throws -> (poses: VideoPoses, report: GaitReport) {
        let poses = try VideoPoseExtractor(models: try VideoTestSupport.models()).extract(path: VideoTestSupport.sharedVideo(name))
        var report = try GaitAnalyzer().analyze(poses.sequence)
        poses.annotate(&report)
        return (poses, report)
    }

    @Test("the walking clip is reported as walking, without running metrics")
    func walking() throws {
        let (poses, report) = try Self.analyze("sports2d-demo4-walking.mp4")
        #expect(report.activity == .walking)
        for key in [MetricKey.flightTime, .groundContactTime, .dutyFactor, .overstride, .verticalOscillation] {
            #expect(report.metrics[key]?.number == nil, "\(key) must be withheld for a walker")
        }
        #expect(report.capture?.video?.codec == "h264")
        #expect(report.capture?.video?.variableFrameRate == false)
        // BlazePose swaps the legs in a side view; the tracker puts them back (without it this clip
        // was classified as running).
        #expect(poses.legSwapsCorrected > 0)
    }

    @Test("the 1.6 s clip gets a clear verdict: too short, with what to record instead")
    func tooShort() throws {
        let poses = try VideoPoseExtractor(models: try VideoTestSupport.models())
            .extract(path: VideoTestSupport.sharedVideo("sports2d-demo3-running.mp4"))
        let error = #expect(throws: GaitCoreError.self) { try GaitAnalyzer().analyze(poses.sequence) }
        let message = error?.description ?? ""
        #expect(message.contains("at least 2 s"), "\(message)")
        #expect(message.contains("Record 10-30 s"), "\(message)")
    }

    /// What is implausible in the analysis of sprint-start clip `clip` (empty when all is well).
    /// Sprint starts from blocks show the block phase (both feet pressing the blocks for 0.4-0.8 s:
    /// contacts over 0.5 s are counted as that) and then the first 3-5 steps of acceleration, whose
    /// contacts last 0.08-0.35 s (elite block starts ~0.17-0.20 s on the first steps, recreational
    /// runners longer) with flights of 0.03-0.20 s (median over the steps).
    static func sprintProblems(_ clip: String) throws -> [String] {
        let report: GaitReport
        do {
            report = try analyze("hato72-sprintstart-\(clip).mp4").report
        } catch {
            return ["\(clip): \(error)"]
        }
        var problems: [String] = []
        if report.activity != .running { problems.append("\(clip): activity \(report.activity)") }
        // Running steps: contacts after the block phase, in time order.
        let steps = report.events.filter { ($0.contactTimeSeconds ?? 0) <= 0.5 && $0.toeOff != nil }
            .sorted { $0.initialContact < $1.initialContact }
        if steps.count < 2 { problems.append("\(clip): \(steps.count) running contacts (events: \(report.events.count))") }
        for step in steps where !(0.08...0.35).contains(step.contactTimeSeconds!) {
            problems.append("\(clip): contact \(step.contactTimeSeconds!) s")
        }
        // Flight: from one step's toe-off to the next step's initial contact. The report's summary
        // flight time mixes in the block phase (both feet down), so it is computed here per step.
        let flights = zip(steps, steps.dropFirst()).map { $1.initialContact - $0.toeOff! }.sorted()
        if let median = flights.isEmpty ? nil : flights[flights.count / 2] {
            if !(0.03...0.20).contains(median) { problems.append("\(clip): median flight \(median) s") }
        } else {
            problems.append("\(clip): no flight between running steps")
        }
        return problems
    }

    @Test("sprint-start clips yield their contacts with plausible contact and flight times", arguments: ["b1", "b2", "b3", "b4", "b5"])
    func sprintStart(_ clip: String) throws {
        #expect(try Self.sprintProblems(clip) == [])
    }
}
