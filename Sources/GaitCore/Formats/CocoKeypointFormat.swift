import Foundation

/// Reads COCO person-keypoint JSON: the `images` + `annotations` + `categories` layout of the COCO
/// keypoint detection task (cocodataset.org, "Data format", section "Keypoint Detection").
///
/// Each image is one video frame. Frames are ordered by `file_name` (digit runs compared as
/// numbers, so `frame_9.jpg` comes before `frame_10.jpg`), then by `id`, and are `1 / fps`
/// seconds apart (COCO records no time: `fps` comes from `PoseFileOptions`, default 30). The
/// frame size is the images' `width` × `height` (all images must share it).
///
/// An annotation's `keypoints` are 17 × [x, y, v] in pixels, in the order of the person
/// category's `keypoints` names, which must be COCO's 17 standard names; each name is also a
/// BlazePose landmark name, so the mapping is by name (the feet and hands have no COCO
/// counterpart and are `nil`). The visibility flag v maps to BlazePose visibility as:
/// v = 0 (not labelled) → `nil`; v = 1 (labelled, hidden) → 0.5, because the position is a
/// person's estimate of a point nobody could see; v = 2 (labelled and visible) → 1.0.
/// Crowd annotations (`iscrowd: 1`) are skipped; with several people in an image the runner is
/// chosen as `RunnerTracker` documents; an image with no person is a frame with `landmarks: nil`.
public enum CocoKeypointFormat {
    /// COCO's 17 keypoint names in their standard order (also BlazePose's MediaPipe names).
    public static let keypointNames = [
        "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
        "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
        "right_knee", "left_ankle", "right_ankle",
    ]

    /// BlazePose visibility given to a keypoint labelled but hidden (v = 1).
    public static let hiddenVisibility = 0.5
    /// BlazePose visibility given to a keypoint labelled and visible (v = 2).
    public static let visibleVisibility = 1.0

    /// Parses a COCO keypoint document. `name` is used in error messages (usually the path).
    public static func read(_ data: Data, name: String, options: PoseFileOptions = PoseFileOptions()) throws -> PoseSequence {
        try options.validate()
        func fail(_ problem: String, frame: Int? = nil) -> GaitCoreError {
            .malformedPoseFile(file: name, frame: frame, problem: problem)
        }
        let document = try decode(data, name: name)
        guard let rawImages = document.images, !rawImages.isEmpty else { throw fail("\"images\" is missing or empty") }
        guard let annotations = document.annotations else { throw fail("\"annotations\" is missing") }
        let personCategory = try personCategoryID(document.categories ?? [], fail: { fail($0) })

        let images = try orderedImages(rawImages, fail: { fail($0) })
        let width = images[0].width, height = images[0].height
        try options.checkAgainst(fps: nil, width: width, height: height, path: name)
        var frameOfImage: [Int: Int] = [:]
        for (frame, image) in images.enumerated() {
            guard image.width == width, image.height == height else {
                throw fail("image \(image.id) is \(image.width)×\(image.height) px but the first is \(width)×\(height) px; a pose sequence has one frame size", frame: frame)
            }
            frameOfImage[image.id] = frame
        }

        var peopleOfFrame = [[[Double]]](repeating: [], count: images.count)
        var candidatesOfFrame = [[RunnerTracker.Candidate]](repeating: [], count: images.count)
        for (position, annotation) in annotations.enumerated() {
            let label = annotation.id.map { "annotation id \($0)" } ?? "annotation \(position)"
            guard annotation.category_id == personCategory, annotation.iscrowd != 1 else { continue }
            guard let imageID = annotation.image_id else { throw fail("\(label) has no \"image_id\"") }
            guard let frame = frameOfImage[imageID] else { throw fail("\(label) refers to image \(imageID), which \"images\" does not list") }
            guard let values = annotation.keypoints else { throw fail("\(label) has no \"keypoints\"", frame: frame) }
            let points = try visiblePoints(values, label: label, width: width, height: height, fail: { fail($0, frame: frame) })
            peopleOfFrame[frame].append(values)
            candidatesOfFrame[frame].append(RunnerTracker.Candidate(points: points))
        }

        let fps = options.resolvedFPS
        var tracker = RunnerTracker()
        let frames = (0..<images.count).map { frame -> PoseFrame in
            let time = Double(frame) / fps
            guard let runner = tracker.choose(among: candidatesOfFrame[frame]) else {
                return PoseFrame(time: time, landmarks: nil)
            }
            return PoseFrame(time: time, landmarks: landmarks(peopleOfFrame[frame][runner], width: width, height: height))
        }
        return PoseSequence(nominalFPS: fps, width: width, height: height, source: "COCO keypoints \(name)", frames: frames)
    }

    /// Reads the COCO keypoint file at `path`.
    public static func read(path: String, options: PoseFileOptions = PoseFileOptions()) throws -> PoseSequence {
        try read(PoseFileLoader.contents(of: path), name: path, options: options)
    }

    // MARK: - Private

    private struct RawImage: Decodable {
        var id: Int?
        var width: Int?
        var height: Int?
        var file_name: String?
    }

    private struct RawAnnotation: Decodable {
        var id: Int?
        var image_id: Int?
        var category_id: Int?
        var iscrowd: Int?
        var keypoints: [Double]?
    }

    private struct RawCategory: Decodable {
        var id: Int?
        var name: String?
        var keypoints: [String]?
    }

    private struct RawDocument: Decodable {
        var images: [RawImage]?
        var annotations: [RawAnnotation]?
        var categories: [RawCategory]?
    }

    private struct Image {
        var id: Int
        var width: Int
        var height: Int
        var fileName: String
    }

    private static func decode(_ data: Data, name: String) throws -> RawDocument {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true  // reads NaN far enough to report where it is
        do {
            return try decoder.decode(RawDocument.self, from: data)
        } catch let error as DecodingError {
            throw GaitCoreError.malformedPoseFile(file: name, frame: nil, problem: describe(error))
        } catch {
            throw GaitCoreError.malformedPoseFile(file: name, frame: nil, problem: "not valid JSON")
        }
    }

    /// "wrong type of value at annotations[3].keypoints[5]" and the like.
    private static func describe(_ error: DecodingError) -> String {
        let path: [CodingKey], detail: String
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            (path, detail) = (context.codingPath, "wrong type of value")
        case .keyNotFound(let key, let context):
            (path, detail) = (context.codingPath + [key], "missing key")
        case .dataCorrupted(let context):
            (path, detail) = (context.codingPath, context.codingPath.isEmpty ? "not valid JSON" : "invalid value")
        @unknown default:
            return "not a COCO keypoint file"
        }
        let keyPath = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keyPath.isEmpty ? detail : "\(detail) at \(keyPath.drop { $0 == "." })"
    }

    /// The id of the one category whose keypoints are COCO's 17 names.
    private static func personCategoryID(_ categories: [RawCategory], fail: (String) -> GaitCoreError) throws -> Int {
        let withKeypoints = categories.filter { $0.keypoints != nil }
        guard withKeypoints.count == 1, let category = withKeypoints.first else {
            throw fail("\"categories\" must hold exactly one category with \"keypoints\" (the person category); found \(withKeypoints.count)")
        }
        guard let id = category.id else { throw fail("the person category has no \"id\"") }
        guard category.keypoints == keypointNames else {
            throw fail("the person category's keypoints must be COCO's 17 names in order (\(keypointNames.joined(separator: ", "))); found \(category.keypoints!.count) names starting \(category.keypoints!.prefix(3).joined(separator: ", "))")
        }
        return id
    }

    /// The images in frame order, each with a known id and size.
    private static func orderedImages(_ raw: [RawImage], fail: (String) -> GaitCoreError) throws -> [Image] {
        var images: [Image] = []
        var seen = Set<Int>()
        for (position, image) in raw.enumerated() {
            guard let id = image.id else { throw fail("images[\(position)] has no \"id\"") }
            guard seen.insert(id).inserted else { throw fail("image id \(id) appears twice in \"images\"") }
            guard let width = image.width, let height = image.height, width > 0, height > 0 else {
                throw fail("image \(id) needs a positive \"width\" and \"height\" (pixels)")
            }
            images.append(Image(id: id, width: width, height: height, fileName: image.file_name ?? ""))
        }
        return images.sorted { a, b in
            switch a.fileName.compare(b.fileName, options: [.numeric]) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return a.id < b.id
            }
        }
    }

    /// Validates one annotation's keypoints and returns the labelled ones in pixels.
    private static func visiblePoints(
        _ values: [Double], label: String, width: Int, height: Int, fail: (String) -> GaitCoreError
    ) throws -> [PixelPoint] {
        guard values.count == keypointNames.count * 3 else {
            throw fail("\(label) has \(values.count) keypoint numbers; COCO needs 51 (17 × [x, y, v])")
        }
        var points: [PixelPoint] = []
        for k in 0..<keypointNames.count {
            let (x, y, v) = (values[3 * k], values[3 * k + 1], values[3 * k + 2])
            guard x.isFinite, y.isFinite, v.isFinite else {
                throw fail("\(label), keypoint \(k) (\(keypointNames[k])) holds a non-finite number (NaN or infinity)")
            }
            guard v == 0 || v == 1 || v == 2 else {
                throw fail("\(label), keypoint \(k) (\(keypointNames[k])) has visibility flag \(v); COCO allows 0, 1 or 2")
            }
            guard v > 0 else { continue }
            guard KeypointBounds.contains(x: x, y: y, width: width, height: height) else {
                throw fail("\(label), keypoint \(k) (\(keypointNames[k])) at (\(x), \(y)) px lies outside the \(width)×\(height) image")
            }
            points.append(PixelPoint(x: x, y: y))
        }
        return points
    }

    /// One validated annotation's keypoints as BlazePose landmarks.
    private static func landmarks(_ values: [Double], width: Int, height: Int) -> [Landmark?] {
        var landmarks = [Landmark?](repeating: nil, count: BlazePoseLandmark.count)
        for (k, name) in keypointNames.enumerated() {
            let flag = values[3 * k + 2]
            guard flag > 0, let point = BlazePoseLandmark.allCases.first(where: { $0.mediaPipeName == name }) else { continue }
            landmarks[point.rawValue] = Landmark(
                x: values[3 * k] / Double(width), y: values[3 * k + 1] / Double(height), z: 0,
                visibility: flag == 2 ? visibleVisibility : hiddenVisibility)
        }
        return landmarks
    }
}
