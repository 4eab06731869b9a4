import Foundation

/// Reads OpenPose BODY_25 keypoint JSON (format version 1.3): a folder of per-frame
/// `*_keypoints.json` files as `openpose --write_json` writes them, or a single such file.
///
/// Each file holds `{"version": 1.3, "people": [{"pose_keypoints_2d": [x0, y0, c0, …, x24, y24, c24]}]}`
/// with x, y in pixels and c the detector's confidence, nominally in [0, 1] (it is a heatmap peak
/// and slightly exceeds 1 at times: values up to `maximumConfidence` are clamped to 1, larger or
/// negative ones are refused). The 25 BODY_25 keypoints are
/// mapped to BlazePose-33 by `body25ToBlazePose`; BlazePose landmarks with no BODY_25
/// counterpart are `nil`. A keypoint with confidence 0 (OpenPose writes (0, 0, 0) for a point it
/// did not find) is `nil`; a file with no person gives a frame with `landmarks: nil`.
///
/// OpenPose records neither the frame rate nor the frame size: they come from `PoseFileOptions`
/// (defaults 30 fps, 1920 × 1080 px). Frame `n` (the number in the file name,
/// e.g. `clip_000000000012_keypoints.json` is frame 12) is at `t = n / fps` seconds.
public enum OpenPoseFormat {
    /// The BODY_25 keypoint names, in OpenPose's order (index = position in `pose_keypoints_2d` / 3).
    public static let body25Names = [
        "Nose", "Neck", "RShoulder", "RElbow", "RWrist", "LShoulder", "LElbow", "LWrist", "MidHip",
        "RHip", "RKnee", "RAnkle", "LHip", "LKnee", "LAnkle", "REye", "LEye", "REar", "LEar",
        "LBigToe", "LSmallToe", "LHeel", "RBigToe", "RSmallToe", "RHeel",
    ]

    /// BODY_25 index → BlazePose landmark. Neck, MidHip and the small toes have no BlazePose
    /// counterpart and are dropped; the big toe stands for BlazePose's foot index (the tip of the
    /// foot).
    public static let body25ToBlazePose: [Int: BlazePoseLandmark] = [
        0: .nose, 2: .rightShoulder, 3: .rightElbow, 4: .rightWrist, 5: .leftShoulder, 6: .leftElbow,
        7: .leftWrist, 9: .rightHip, 10: .rightKnee, 11: .rightAnkle, 12: .leftHip, 13: .leftKnee,
        14: .leftAnkle, 15: .rightEye, 16: .leftEye, 17: .rightEar, 18: .leftEar, 19: .leftFootIndex,
        21: .leftHeel, 22: .rightFootIndex, 24: .rightHeel,
    ]

    /// The largest confidence accepted (and clamped to 1). Real OpenPose output reaches 1.015.
    public static let maximumConfidence = 1.2

    /// Reads the OpenPose folder or single file at `path`.
    public static func read(path: String, options: PoseFileOptions = PoseFileOptions()) throws -> PoseSequence {
        try options.validate()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GaitCoreError.fileNotFound(path: path)
        }
        let files = isDirectory.boolValue ? try frameFiles(inFolder: path) : [path]
        var numbered: [(number: Int, path: String)] = []
        for file in files {
            let name = (file as NSString).lastPathComponent
            guard let number = frameNumber(fileName: name) else {
                if isDirectory.boolValue {
                    throw GaitCoreError.malformedPoseFile(
                        file: file, frame: nil, problem: "the file name holds no frame number (expected NAME_<number>_keypoints.json)")
                }
                numbered.append((0, file))  // a lone file without a number is frame 0
                continue
            }
            numbered.append((number, file))
        }
        numbered.sort { $0.number < $1.number }
        for (previous, next) in zip(numbered, numbered.dropFirst()) where previous.number == next.number {
            throw GaitCoreError.malformedPoseFile(
                file: next.path, frame: nil, problem: "frame number \(next.number) also belongs to \(previous.path)")
        }

        let fps = options.resolvedFPS, width = options.resolvedWidth, height = options.resolvedHeight
        var tracker = RunnerTracker()
        var frames: [PoseFrame] = []
        frames.reserveCapacity(numbered.count)
        for (index, entry) in numbered.enumerated() {
            let people = try decodePeople(PoseFileLoader.contents(of: entry.path), file: entry.path, frame: index)
            let landmarks = try runnerLandmarks(
                people: people, tracker: &tracker, width: width, height: height, file: entry.path, frame: index)
            frames.append(PoseFrame(time: Double(entry.number) / fps, landmarks: landmarks))
        }
        let sourceName = isDirectory.boolValue ? "OpenPose BODY_25 folder \(path)" : "OpenPose BODY_25 file \(path)"
        return PoseSequence(nominalFPS: fps, width: width, height: height, source: sourceName, frames: frames)
    }

    /// The frame number in an OpenPose file name: the last run of digits before `_keypoints.json`
    /// (or before `.json` when the suffix is missing).
    static func frameNumber(fileName: String) -> Int? {
        var stem = fileName
        for suffix in ["_keypoints.json", ".json"] where stem.hasSuffix(suffix) {
            stem = String(stem.dropLast(suffix.count))
            break
        }
        let digits = stem.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        return Int(String(digits.reversed()))
    }

    // MARK: - Private

    private struct RawPerson: Decodable {
        var pose_keypoints_2d: [Double]?
    }

    private struct RawFrame: Decodable {
        var people: [RawPerson]?
    }

    /// The `*_keypoints.json` files of a folder, or an error when it has none.
    private static func frameFiles(inFolder folder: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw GaitCoreError.unreadableFile(path: folder, reason: "cannot list the folder")
        }
        let keypointFiles = names.filter { $0.hasSuffix("_keypoints.json") }
        guard !keypointFiles.isEmpty else {
            throw GaitCoreError.malformedPoseFile(
                file: folder, frame: nil, problem: "the folder holds no OpenPose *_keypoints.json files")
        }
        return keypointFiles.map { (folder as NSString).appendingPathComponent($0) }
    }

    /// The keypoint arrays of every person in one file.
    private static func decodePeople(_ data: Data, file: String, frame: Int) throws -> [[Double]] {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true  // reads NaN far enough to report where it is
        let raw: RawFrame
        do {
            raw = try decoder.decode(RawFrame.self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw GaitCoreError.malformedPoseFile(file: file, frame: frame, problem: "not valid JSON")
        } catch {
            throw GaitCoreError.malformedPoseFile(
                file: file, frame: frame, problem: "not an OpenPose keypoint file (\"people\" must be a list of objects with a \"pose_keypoints_2d\" list of numbers)")
        }
        guard let people = raw.people else {
            throw GaitCoreError.malformedPoseFile(file: file, frame: frame, problem: "\"people\" is missing")
        }
        return people.compactMap(\.pose_keypoints_2d).filter { !$0.isEmpty }
    }

    /// Validates every person's keypoints and returns the runner's as BlazePose landmarks.
    private static func runnerLandmarks(
        people: [[Double]], tracker: inout RunnerTracker, width: Int, height: Int, file: String, frame: Int
    ) throws -> [Landmark?]? {
        func fail(_ problem: String) -> GaitCoreError {
            .malformedPoseFile(file: file, frame: frame, problem: problem)
        }
        var candidates: [RunnerTracker.Candidate] = []
        for (personIndex, values) in people.enumerated() {
            guard values.count == 25 * 3 else {
                let hint = values.count == 18 * 3 ? " (the COCO-18 model; re-run OpenPose with --model_pose BODY_25)" : ""
                throw fail("person \(personIndex) has \(values.count) numbers; BODY_25 needs 75 (25 × [x, y, confidence])\(hint)")
            }
            var points: [PixelPoint] = []
            for k in 0..<25 {
                let (x, y, c) = (values[3 * k], values[3 * k + 1], values[3 * k + 2])
                guard x.isFinite, y.isFinite, c.isFinite else {
                    throw fail("person \(personIndex), keypoint \(k) (\(body25Names[k])) holds a non-finite number (NaN or infinity)")
                }
                guard (0...maximumConfidence).contains(c) else {
                    throw fail("person \(personIndex), keypoint \(k) (\(body25Names[k])) has confidence \(c), outside [0, \(maximumConfidence)]")
                }
                guard c > 0 else { continue }
                guard KeypointBounds.contains(x: x, y: y, width: width, height: height) else {
                    throw fail("person \(personIndex), keypoint \(k) (\(body25Names[k])) at (\(x), \(y)) px lies outside the \(width)×\(height) frame; give the video's size with --width and --height")
                }
                points.append(PixelPoint(x: x, y: y))
            }
            candidates.append(RunnerTracker.Candidate(points: points))
        }
        guard let runner = tracker.choose(among: candidates) else { return nil }
        let values = people[runner]
        var landmarks = [Landmark?](repeating: nil, count: BlazePoseLandmark.count)
        for (k, point) in body25ToBlazePose {
            let confidence = values[3 * k + 2]
            guard confidence > 0 else { continue }
            landmarks[point.rawValue] = Landmark(
                x: values[3 * k] / Double(width), y: values[3 * k + 1] / Double(height), z: 0, visibility: min(confidence, 1))
        }
        return landmarks
    }
}
