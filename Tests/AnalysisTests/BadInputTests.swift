import Foundation
import Testing
import GaitCore
import GaitSim

/// Inputs that cannot give a running analysis get a clear verdict, never a guess.
@Suite("Analyzer verdicts on unusable clips")
struct BadInputTests {
    func simulate(_ configure: (inout SimulationParameters) -> Void, seed: UInt64 = 1) throws -> PoseSequence {
        var parameters = SimulationParameters()
        configure(&parameters)
        return try RunnerSimulator(parameters: parameters).simulate(seed: seed).poses
    }

    func reason(_ sequence: PoseSequence) -> String? {
        do {
            _ = try GaitAnalyzer().analyze(sequence)
            return nil
        } catch let error as GaitCoreError {
            return error.description
        } catch {
            return "unexpected error \(error)"
        }
    }

    @Test("a 1-second clip is too short")
    func oneSecondClip() throws {
        let message = reason(try simulate { $0.durationSeconds = 1 })
        #expect(message?.contains("1.0 s long") == true, "\(message ?? "accepted")")
        #expect(message?.contains("10-30 s") == true)
    }

    @Test("a frontal view is refused with the reason and the fix")
    func frontalView() throws {
        let message = reason(try simulate { $0.cameraYawDegrees = 90 })
        #expect(message?.contains("filmed from the front") == true, "\(message ?? "accepted")")
        #expect(message?.contains("side view") == true)
    }

    @Test("frames without a person throughout are refused")
    func noPerson() throws {
        var sequence = try simulate { $0.durationSeconds = 3 }
        sequence.frames = sequence.frames.map { PoseFrame(time: $0.time, landmarks: nil) }
        #expect(reason(sequence)?.contains("no person was found in any of the 181 frames") == true)
    }

    @Test("a runner missing in most frames of the span is refused")
    func mostlyMissing() throws {
        var sequence = try simulate { $0.durationSeconds = 4 }
        sequence.frames = sequence.frames.enumerated().map { i, frame in i % 3 == 0 ? frame : PoseFrame(time: frame.time, landmarks: nil) }
        #expect(reason(sequence)?.contains("no runner found in") == true)
    }

    @Test("a runner far away in the frame is refused as too small")
    func tooSmall() throws {
        let message = reason(try simulate { $0.cameraDistanceMeters = 30; $0.imageWidth = 640; $0.imageHeight = 480 })
        #expect(message?.contains("of the image height") == true, "\(message ?? "accepted")")
    }

    @Test("a walker is reported as walking with every running metric withheld")
    func walker() throws {
        let report = try GaitAnalyzer().analyze(try simulate { $0 = .walking })
        #expect(report.activity == .walking)
        #expect(report.notes.contains { $0.contains("looks like walking") })
        // Every running metric is withheld, cadence included: a walker's overlapping contacts
        // are not what the running definitions describe.
        for key in MetricKey.allCases {
            #expect(report.metrics[key]?.measurement == nil, "\(key) reported for a walker")
        }
    }

    @Test("the legs never visible: refused, not guessed")
    func noLegs() throws {
        var sequence = try simulate { $0.durationSeconds = 3 }
        let legs = BodySide.allCases.flatMap { side -> [BlazePoseLandmark] in
            let leg = LegLandmarks(side)
            return [leg.knee, leg.ankle, leg.heel, leg.footIndex]
        }
        sequence.frames = sequence.frames.map { frame in
            var landmarks = frame.landmarks
            for point in legs { landmarks?[point.rawValue] = nil }
            return PoseFrame(time: frame.time, landmarks: landmarks)
        }
        let message = reason(sequence)
        #expect(message?.contains("never visible together") == true, "\(message ?? "accepted")")
    }
}
