import Foundation

/// The pose file formats this tool reads (see `docs/formats.md`).
public enum PoseFileFormat: String, Sendable, CaseIterable {
    /// `runcoach-pose` v1 JSON, the project's own format.
    case runcoachPose = "runcoach-pose"
    /// OpenPose BODY_25 JSON: a folder of `*_keypoints.json` files, or one such file.
    case openPose = "openpose"
    /// COCO person-keypoint JSON (`images` + `annotations` + `categories`).
    case coco = "coco"
    /// The runcoach pose CSV, one row per frame.
    case csv = "csv"
}

/// Opens any pose file this tool understands and returns a `PoseSequence`.
public enum PoseFileLoader {
    /// How many leading bytes of a file are inspected to recognise its format.
    static let sniffLength = 65_536

    /// Reads the pose file or folder at `path`, recognising its format with `detectFormat(path:)`.
    /// `options` supply the frame rate and size for formats that do not record them.
    public static func load(path: String, options: PoseFileOptions = PoseFileOptions()) throws -> PoseSequence {
        try options.validate()
        switch try detectFormat(path: path) {
        case .openPose:
            return try OpenPoseFormat.read(path: path, options: options)
        case .coco:
            return try CocoKeypointFormat.read(path: path, options: options)
        case .csv:
            return try PoseCSVFormat.read(path: path, options: options)
        case .runcoachPose:
            let sequence = try RuncoachPoseFormat.read(path: path)
            try options.checkAgainst(fps: sequence.nominalFPS, width: sequence.width, height: sequence.height, path: path)
            return sequence
        }
    }

    /// Recognises the format of the file or folder at `path`, in this order:
    /// 1. a folder → OpenPose (its `*_keypoints.json` files);
    /// 2. JSON text (first non-blank character `{` or `[`): `"runcoach-pose"` in the first 64 KiB
    ///    → runcoach-pose; else a `"people"` key → OpenPose; else an `"images"`, `"annotations"` or
    ///    `"categories"` key → COCO; else runcoach-pose, whose reader then says precisely what is
    ///    wrong;
    /// 3. a `.csv` name, or a first line starting with `#` or `t,` → runcoach pose CSV;
    /// 4. a `.json` name → runcoach-pose (whose reader reports "not valid JSON");
    /// 5. anything else → `GaitCoreError.unknownPoseFormat`.
    public static func detectFormat(path: String) throws -> PoseFileFormat {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GaitCoreError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { return .openPose }
        let head = String(decoding: try contents(of: path).prefix(sniffLength), as: UTF8.self)
        let extensionName = (path as NSString).pathExtension.lowercased()
        let firstCharacter = head.first { !$0.isWhitespace }
        if firstCharacter == "{" || firstCharacter == "[" {
            if head.contains("\"runcoach-pose\"") { return .runcoachPose }
            if head.contains("\"people\"") { return .openPose }
            if ["\"images\"", "\"annotations\"", "\"categories\""].contains(where: head.contains) { return .coco }
            return .runcoachPose
        }
        if extensionName == "csv" || head.hasPrefix("#") || head.hasPrefix("t,") { return .csv }
        if extensionName == "json" { return .runcoachPose }
        throw GaitCoreError.unknownPoseFormat(path: path)
    }

    /// The bytes of the file at `path`, or an error a person understands.
    static func contents(of path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GaitCoreError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else {
            throw GaitCoreError.unreadableFile(path: path, reason: "it is a folder, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GaitCoreError.unreadableFile(path: path, reason: "permission denied or I/O error")
        }
        guard !data.isEmpty else {
            throw GaitCoreError.malformedPoseFile(file: path, frame: nil, problem: "the file is empty")
        }
        return data
    }
}
