import Foundation
import Testing
@testable import GaitCore

/// The fixture `Tests/Fixtures/coco-runner.json` was written for these tests following the COCO
/// keypoint-detection layout documented at cocodataset.org ("Data format" → "Keypoint
/// Detection"): four 1280×720 images listed out of order, a runner moving right, a small bystander
/// and a crowd region in one image, and one image with nobody.
@Suite("COCO keypoints")
struct CocoKeypointFormatTests {
    static let fixture = TestFiles.fixture("coco-runner.json")

    @Test("frames follow the file names, the runner is kept, v maps to visibility")
    func readsFixture() throws {
        #expect(try PoseFileLoader.detectFormat(path: Self.fixture) == .coco)
        let sequence = try PoseFileLoader.load(path: Self.fixture, options: PoseFileOptions(fps: 25))
        #expect(sequence.width == 1280 && sequence.height == 720 && sequence.nominalFPS == 25)
        // frame_1, frame_2, frame_3, frame_10 (numeric order), 1/25 s apart.
        #expect(sequence.frames.map(\.time) == [0, 0.04, 0.08, 0.12])
        #expect(sequence.frames[2].landmarks == nil)  // frame_3.jpg has no annotation
        // The runner's nose moves 0, +40, (nobody), +120 px; the bystander at x ≈ 112 px is never chosen.
        let noseX = sequence.frames.map { $0[.nose].map { $0.x * 1280 } }
        // 1e-9 px: normalising by 1280 and multiplying back only rounds.
        #expect(abs(noseX[0]! - 640) < 1e-9 && abs(noseX[1]! - 680) < 1e-9 && abs(noseX[3]! - 760) < 1e-9)
        let first = sequence.frames[0]
        #expect(first[.leftEye]?.visibility == 1.0)  // v = 2
        #expect(first[.rightEye]?.visibility == 0.5)  // v = 1: labelled but hidden
        #expect(first[.rightEar] == nil)  // v = 0
        #expect(abs(try #require(first[.leftAnkle]).y - 580.0 / 720) < 1e-15)
        // COCO has no heels, feet or hands.
        #expect(first[.leftHeel] == nil && first[.rightFootIndex] == nil && first[.leftPinky] == nil)
    }

    /// The fixture with `edit` applied to its parsed JSON.
    static func edited(_ edit: (inout [String: Any]) -> Void) throws -> String {
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture))) as! [String: Any]
        edit(&document)
        return String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
    }

    typealias Edit = @Sendable (inout [String: Any]) -> Void

    static func editAnnotation(_ index: Int, _ edit: @escaping Edit) -> Edit {
        { document in
            var annotations = document["annotations"] as! [[String: Any]]
            edit(&annotations[index])
            document["annotations"] = annotations
        }
    }

    static let malformedCases: [(String, Edit, String)] = [
        ("too few numbers", editAnnotation(0) { $0["keypoints"] = Array(repeating: 1, count: 50) },
         "frame 0: annotation id 1 has 50 keypoint numbers; COCO needs 51"),
        ("bad flag", editAnnotation(2) { var k = $0["keypoints"] as! [Double]; k[5] = 3; $0["keypoints"] = k },
         "frame 1: annotation id 3, keypoint 1 (left_eye) has visibility flag 3.0; COCO allows 0, 1 or 2"),
        ("unknown image", editAnnotation(4) { $0["image_id"] = 999 },
         "annotation id 5 refers to image 999, which \"images\" does not list"),
        ("mixed sizes", { d in var images = d["images"] as! [[String: Any]]; images[1]["width"] = 640; d["images"] = images },
         "image 7 is 640×720 px but the first is 1280×720 px"),
        ("reordered names", { d in
            var categories = d["categories"] as! [[String: Any]]
            categories[0]["keypoints"] = Array((categories[0]["keypoints"] as! [String]).reversed())
            d["categories"] = categories
         }, "the person category's keypoints must be COCO's 17 names in order"),
        ("no images", { $0["images"] = [Any]() }, "\"images\" is missing or empty"),
        ("wrong type", { d in var images = d["images"] as! [[String: Any]]; images[0]["width"] = "wide"; d["images"] = images },
         "wrong type of value at images[0].width"),
        ("outside", editAnnotation(0) { var k = $0["keypoints"] as! [Double]; k[0] = 5000; $0["keypoints"] = k },
         "annotation id 1, keypoint 0 (nose) at (5000.0, 120.0) px lies outside the 1280×720 image"),
    ]

    @Test("malformed documents name the file, the frame and the problem", arguments: 0..<malformedCases.count)
    func malformed(caseIndex: Int) throws {
        let (_, edit, expected) = Self.malformedCases[caseIndex]
        let text = try Self.edited(edit)
        #expect {
            try CocoKeypointFormat.read(Data(text.utf8), name: "bad.json")
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix("bad.json: ") && message.contains(expected)
        }
    }

    @Test("NaN keypoints and invalid JSON are refused")
    func nanAndGarbage() throws {
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
            .replacingOccurrences(of: "[760, 120, 2", with: "[NaN, 120, 2")
        #expect(throws: GaitCoreError.malformedPoseFile(
            file: "nan.json", frame: 3, problem: "annotation id 5, keypoint 0 (nose) holds a non-finite number (NaN or infinity)")
        ) { try CocoKeypointFormat.read(Data(text.utf8), name: "nan.json") }
        #expect(throws: GaitCoreError.malformedPoseFile(file: "g.json", frame: nil, problem: "not valid JSON")) {
            try CocoKeypointFormat.read(Data("{\"images\": [".utf8), name: "g.json")
        }
    }

    @Test("a --width that contradicts the images' width is refused")
    func conflictingWidth() {
        #expect(throws: GaitCoreError.conflictingOption(path: Self.fixture, option: "width", given: "1920", recorded: "1280")) {
            try PoseFileLoader.load(path: Self.fixture, options: PoseFileOptions(width: 1920))
        }
    }
}
