import Foundation
import Testing
@testable import GaitCore

@Suite("runcoach-pose v1")
struct RuncoachPoseFormatTests {
    /// A small sequence with a missing landmark, a frame with no person and awkward numbers.
    static func sample() -> PoseSequence {
        var landmarks = (0..<33).map { i -> Landmark? in
            // x is a multiple of 1/64, so 1 − (1 − x) == x exactly in the mirror test.
            Landmark(x: 0.125 + Double(i) / 64, y: 1.0 / 3.0 + Double(i) * 1e-7, z: -0.12, visibility: 0.98)
        }
        landmarks[BlazePoseLandmark.leftHeel.rawValue] = nil
        return PoseSequence(
            nominalFPS: 59.94, width: 1080, height: 1920, source: "test \"quoted\"\nline",
            runner: RunnerInfo(heightMeters: 1.81),
            frames: [
                PoseFrame(time: 0, landmarks: landmarks),
                PoseFrame(time: 1.0 / 59.94, landmarks: nil),
                PoseFrame(time: 2.0 / 59.94, landmarks: landmarks),
            ])
    }

    @Test("writes and reads back bit-identical values")
    func roundTrip() throws {
        let original = Self.sample()
        let decoded = try RuncoachPoseFormat.read(RuncoachPoseFormat.encode(original), name: "mem")
        // Exact equality: numbers are written with the shortest representation that reads back
        // to the same Double, so no tolerance is needed.
        #expect(decoded == original)
    }

    @Test("mirroring twice gives the original back")
    func mirrorInvolution() {
        let original = Self.sample()
        #expect(original.mirrored().mirrored() == original)
        #expect(BlazePoseLandmark.leftFootIndex.mirrored == .rightFootIndex)
        #expect(BlazePoseLandmark.leftFootIndex.mediaPipeName == "left_foot_index")
    }

    @Test(
        "malformed documents name the frame and the problem",
        arguments: [
            ("", "not valid JSON"),
            ("{", "not valid JSON"),
            (#"{"format":"runcoach-pose","version":1,"landmarkSet":"blazepose33","fps":30,"width":10,"height":10,"frames":[{"t":0,"landmarks":[[0.5,0.2"#,
             "frame 0: not valid JSON: the file ends inside the document (truncated?)"),
            (#"{"format":"runcoach-pose","version":1,"frames":["#, "the file ends inside the document (truncated?)"),
            (#"{"format":"other","version":1}"#, "\"format\" must be"),
            (#"{"format":"runcoach-pose","version":2,"landmarkSet":"blazepose33","fps":30,"width":1,"height":1,"frames":[]}"#, "unsupported version 2"),
            (#"{"format":"runcoach-pose","version":1,"landmarkSet":"blazepose33","fps":30,"width":10,"height":10,"frames":[]}"#, "no frames"),
            (#"{"format":"runcoach-pose","version":1,"landmarkSet":"blazepose33","fps":30,"width":10,"height":10,"frames":[{"t":0,"landmarks":[[0,0,0,1]]}]}"#, "frame 0: expected 33 landmarks, found 1"),
            (#"{"format":"runcoach-pose","version":1,"landmarkSet":"blazepose33","fps":30,"width":10,"height":10,"frames":[{"t":0,"landmarks":null},{"t":0,"landmarks":null}]}"#, "frame 1: time 0.0 s does not increase"),
            (#"{"format":"runcoach-pose","version":1,"landmarkSet":"blazepose33","fps":30,"width":10,"height":10,"frames":[{"t":0,"landmarks":"x"}]}"#, "frame 0: \"landmarks\" must be an array of 33 landmarks or null"),
        ])
    func malformed(document: String, expected: String) {
        do {
            _ = try RuncoachPoseFormat.read(Data(document.utf8), name: "bad.json")
            Issue.record("accepted a malformed document")
        } catch {
            #expect(String(describing: error).contains(expected), "\(error)")
            #expect(String(describing: error).hasPrefix("bad.json"))
        }
    }

    @Test("unknown keys are ignored, escapes and key order do not matter")
    func tolerantReading() throws {
        let document = #"{"frames": [{"extra": {"a": [1, true, null]}, "landmarks": null, "t": 0.5}], "fps": 30, "width": 640, "#
            + #""height": 480, "source": "caf\u00e9 \"run\" \ud83c\udfc3", "format": "runcoach-pose", "version": 1, "#
            + #""landmarkSet": "blazepose33", "runner": {"heightMeters": 1.7, "note": "x"}}"#
        let sequence = try RuncoachPoseFormat.read(Data(document.utf8), name: "m.json")
        #expect(sequence.source == "café \"run\" 🏃")
        #expect(sequence.runner?.heightMeters == 1.7 && sequence.frames == [PoseFrame(time: 0.5, landmarks: nil)])
    }

    @Test("a syntax error names the line")
    func syntaxErrorLine() {
        let document = "{\"format\": \"runcoach-pose\",\n \"version\": 1\n \"frames\": []}"  // comma missing
        #expect(throws: GaitCoreError.malformedPoseFile(file: "s.json", frame: nil, problem: "not valid JSON (line 3: expected ',' or '}')")) {
            try RuncoachPoseFormat.read(Data(document.utf8), name: "s.json")
        }
    }

    @Test("a NaN landmark is rejected with its frame and landmark name")
    func nanLandmark() {
        var text = String(decoding: RuncoachPoseFormat.encode(Self.sample()), as: UTF8.self)
        // Python's json module writes NaN unquoted; put one into the third frame's first landmark.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var edited = lines
        let frameLine = lines.firstIndex { $0.contains("\"t\": 0.0333") }!
        edited[frameLine] = lines[frameLine].replacingOccurrences(of: "[0.125, ", with: "[NaN, ")
        text = edited.joined(separator: "\n")
        #expect(throws: GaitCoreError.malformedPoseFile(
            file: "nan.json", frame: 2, problem: "landmark 0 (nose) holds a non-finite number (NaN or infinity)")
        ) {
            try RuncoachPoseFormat.read(Data(text.utf8), name: "nan.json")
        }
    }
}
