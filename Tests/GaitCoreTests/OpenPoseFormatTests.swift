import Foundation
import Testing
@testable import GaitCore

@Suite("OpenPose BODY_25")
struct OpenPoseFormatTests {
    static let realFolder = TestFiles.sharedData("openpose-body25-side")

    /// One OpenPose 1.3 file with the given people, each a list of 75 numbers.
    static func openPoseJSON(_ people: [[Double]]) -> String {
        let list = people.map { keypoints in
            "{\"person_id\":[-1],\"pose_keypoints_2d\":[\(keypoints.map { "\($0)" }.joined(separator: ","))]}"
        }
        return "{\"version\":1.3,\"people\":[\(list.joined(separator: ","))]}"
    }

    /// A person whose 25 keypoints spread `size` px around (x, y); the nose is at (x, y − size).
    static func person(x: Double, y: Double, size: Double) -> [Double] {
        var keypoints = [x, y - size, 0.9]
        for k in 1..<25 {
            let column = Double(k % 5) - 2, row = Double(k / 5) - 2
            keypoints += [x + size * column / 4, y + size * row / 4, 0.8]
        }
        return keypoints
    }

    @Test("the real side-view runner: 88 frames, present up to frame 62, mapped keypoint by keypoint")
    func realFolder() throws {
        let sequence = try PoseFileLoader.load(path: Self.realFolder)
        #expect(sequence.frames.count == 88)
        #expect(sequence.width == 1920 && sequence.height == 1080 && sequence.nominalFPS == 30)
        // The data's README: the runner is in the first frames and gone after frame 62.
        #expect(sequence.frames[0...62].allSatisfy { $0.landmarks != nil })
        #expect(sequence.frames[63...].allSatisfy { $0.landmarks == nil })
        // Frame n is at n / 30 s; exact because both sides compute the same Double expression.
        #expect(sequence.frames[40].time == 40.0 / 30.0)

        // Compare frame 20 with the raw file, read independently with JSONSerialization.
        let rawPath = (Self.realFolder as NSString).appendingPathComponent("normal_side_000000000020_keypoints.json")
        let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: rawPath))) as! [String: Any]
        let keypoints = ((raw["people"] as! [[String: Any]])[0]["pose_keypoints_2d"] as! [NSNumber]).map(\.doubleValue)
        let frame = sequence.frames[20]
        let pairs: [(Int, BlazePoseLandmark)] = [(21, .leftHeel), (24, .rightHeel), (19, .leftFootIndex), (11, .rightAnkle), (0, .nose)]
        for (k, point) in pairs {
            let landmark = try #require(frame[point])
            // Normalisation divides by the frame size; 1e-12 allows only rounding of that division.
            #expect(abs(landmark.x - keypoints[3 * k] / 1920) < 1e-12)
            #expect(abs(landmark.y - keypoints[3 * k + 1] / 1080) < 1e-12)
            #expect(landmark.visibility == min(keypoints[3 * k + 2], 1))
        }
        // Landmarks BODY_25 lacks stay nil.
        #expect(frame[.leftEyeInner] == nil && frame[.mouthLeft] == nil && frame[.leftPinky] == nil)
        // The runner crosses the frame right to left: the nose starts near the right edge
        // (x > 0.9) and is left of the middle by frame 55.
        #expect(try #require(sequence.frames[0][.nose]).x > 0.9)
        #expect(try #require(sequence.frames[55][.nose]).x < 0.5)
    }

    @Test("fps, width and height options set the clock and the normalisation")
    func options() throws {
        let sequence = try PoseFileLoader.load(
            path: Self.realFolder, options: PoseFileOptions(fps: 60, width: 3840, height: 2160))
        #expect(sequence.frames[30].time == 0.5)
        let wide = try PoseFileLoader.load(path: Self.realFolder)
        // Doubling the frame size halves every normalised coordinate (up to division rounding).
        #expect(abs(try #require(sequence.frames[20][.leftKnee]).x * 2 - (try #require(wide.frames[20][.leftKnee]).x)) < 1e-12)
    }

    @Test("confidences slightly above 1 (real OpenPose heatmap peaks) become visibility 1")
    func confidenceClamp() throws {
        let sequence = try PoseFileLoader.load(path: Self.realFolder)
        // Frame 10's LEar has confidence 1.0147 in the file.
        #expect(try #require(sequence.frames[10][.leftEar]).visibility == 1)
    }

    @Test("a single file is a one-frame sequence; (0, 0, 0) keypoints are nil")
    func singleFile() throws {
        let path = (Self.realFolder as NSString).appendingPathComponent("normal_side_000000000000_keypoints.json")
        let sequence = try PoseFileLoader.load(path: path)
        #expect(sequence.frames.count == 1)
        #expect(sequence.frames[0].time == 0)
        // Frame 0 holds only 4 found keypoints (nose, both eyes, left ear); the knees are (0, 0, 0).
        let landmarks = try #require(sequence.frames[0].landmarks)
        #expect(landmarks.compactMap { $0 }.count == 4)
        #expect(sequence.frames[0][.leftKnee] == nil)
    }

    @Test("with several people the runner is the largest first, then the one nearest the last runner")
    func runnerSelection() throws {
        let folder = try TestFiles.temporaryFolder()
        let frames: [[[Double]]] = [
            [Self.person(x: 300, y: 500, size: 100), Self.person(x: 1500, y: 500, size: 300)],
            [Self.person(x: 200, y: 500, size: 400), Self.person(x: 1450, y: 500, size: 300)],
            [],
            [Self.person(x: 300, y: 500, size: 100), Self.person(x: 1350, y: 500, size: 300)],
        ]
        for (n, people) in frames.enumerated() {
            try TestFiles.write(Self.openPoseJSON(people), named: "run_\(String(format: "%012d", n))_keypoints.json", in: folder)
        }
        let sequence = try PoseFileLoader.load(path: folder)
        let noseX = sequence.frames.map { $0[.nose].map { $0.x * 1920 } }
        // Exact pixel values: x / 1920 * 1920 round-trips within 1e-9 px.
        #expect(abs(noseX[0]! - 1500) < 1e-9)  // largest person in the first frame
        #expect(abs(noseX[1]! - 1450) < 1e-9)  // nearest to the runner, though another is larger
        #expect(noseX[2] == nil)  // nobody in the frame
        #expect(abs(noseX[3]! - 1350) < 1e-9)  // picked up again next to where the runner was last
    }

    @Test("files are ordered by the frame number in their names, and gaps show in the times")
    func ordering() throws {
        let folder = try TestFiles.temporaryFolder()
        for n in [10, 2, 9] {
            try TestFiles.write(Self.openPoseJSON([Self.person(x: 100 * Double(n), y: 500, size: 200)]), named: "c_\(n)_keypoints.json", in: folder)
        }
        let sequence = try PoseFileLoader.load(path: folder, options: PoseFileOptions(fps: 10))
        #expect(sequence.frames.map(\.time) == [0.2, 0.9, 1.0])
    }

    @Test(
        "malformed files name the file, the frame and the problem",
        arguments: [
            ("{\"version\":1.3,\"people\":[{\"pose_keypoints_2d\":[NaN" + String(repeating: ",1", count: 74) + "]}]}",
             "frame 0: person 0, keypoint 0 (Nose) holds a non-finite number"),
            ("{\"version\":1.3,\"people\":[{\"pose_keypoints_2d\":[" + Array(repeating: "1", count: 54).joined(separator: ",") + "]}]}",
             "person 0 has 54 numbers; BODY_25 needs 75 (25 × [x, y, confidence]) (the COCO-18 model"),
            ("{\"version\":1.3,\"people\":[{\"pose_keypoints_2d\":[5,5,1.5" + String(repeating: ",0", count: 72) + "]}]}",
             "keypoint 0 (Nose) has confidence 1.5, outside [0, 1.2]"),
            ("{\"version\":1.3,\"people\":[{\"pose_keypoints_2d\":[5,5,-0.1" + String(repeating: ",0", count: 72) + "]}]}",
             "keypoint 0 (Nose) has confidence -0.1, outside [0, 1.2]"),
            ("{\"version\":1.3,\"people\":[{\"pose_keypoints_2d\":[5000,5,0.5" + String(repeating: ",0", count: 72) + "]}]}",
             "lies outside the 1920×1080 frame; give the video's size with --width and --height"),
            ("{\"version\":1.3,\"people\":[{\"pose_keypoints_2d\":\"x\"}]}", "not an OpenPose keypoint file"),
            ("{\"version\":1.3}", "\"people\" is missing"),
            ("{\"people\": [", "not valid JSON"),
        ])
    func malformed(document: String, expected: String) throws {
        let folder = try TestFiles.temporaryFolder()
        let path = try TestFiles.write(document, named: "bad_000000000000_keypoints.json", in: folder)
        #expect {
            try PoseFileLoader.load(path: folder)
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix(path) && message.contains(expected)
        }
    }

    @Test("a folder without keypoint files, and duplicate frame numbers, are refused")
    func folderProblems() throws {
        let empty = try TestFiles.temporaryFolder()
        #expect(throws: GaitCoreError.malformedPoseFile(
            file: empty, frame: nil, problem: "the folder holds no OpenPose *_keypoints.json files")
        ) { try PoseFileLoader.load(path: empty) }

        let duplicated = try TestFiles.temporaryFolder()
        let json = Self.openPoseJSON([Self.person(x: 500, y: 500, size: 100)])
        try TestFiles.write(json, named: "a_7_keypoints.json", in: duplicated)
        try TestFiles.write(json, named: "b_007_keypoints.json", in: duplicated)
        #expect { try PoseFileLoader.load(path: duplicated) } throws: { error in
            String(describing: error).contains("frame number 7 also belongs to")
        }
    }
}
