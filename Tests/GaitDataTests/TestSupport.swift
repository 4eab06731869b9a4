import Foundation
import GaitCore
@testable import GaitData

/// Paths and helpers shared by the GaitData tests.
enum TestFiles {
    /// A fixture file under `Fixtures/`.
    static func fixture(_ relative: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relative).path
    }

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: fixture(relative)))
    }

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ name: String = #function) throws -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "runcoach-data-\(safe)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The repository root (from this file's path).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// `../shared/data` next to the repository (real data, read-only).
    static let sharedData = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared/data").path

    /// The labels both hand-written r07 fixtures (CVAT and Label Studio) describe: 24 frames;
    /// flight 0-2, left contact 3-8, flight 9-12, right contact 13-18, flight 19-22, left contact
    /// from 23; each contact split into thirds of two frames; score 6.5; overstriding present,
    /// vertical bounce 0.2, no asymmetry.
    static var r07Annotation: VideoAnnotation {
        var phases = [GaitPhase?](repeating: .swing, count: 24)
        for start in [3, 13] {
            phases[start] = .contact; phases[start + 1] = .contact
            phases[start + 2] = .midStance; phases[start + 3] = .midStance
            phases[start + 4] = .toeOff; phases[start + 5] = .toeOff
        }
        phases[23] = .contact
        return VideoAnnotation(
            frameCount: 24, phases: phases,
            stances: [StanceInterval(side: .left, firstFrame: 3, lastFrame: 8), StanceInterval(side: .right, firstFrame: 13, lastFrame: 18),
                      StanceInterval(side: .left, firstFrame: 23, lastFrame: 23)],
            formScore: 6.5, issueScores: [.overstriding: 1, .verticalBounce: 0.2, .asymmetry: 0])
    }
}
