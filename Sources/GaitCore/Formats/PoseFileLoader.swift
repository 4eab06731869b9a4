import Foundation

/// Opens any pose file this tool understands and returns a `PoseSequence`.
public enum PoseFileLoader {
    /// Reads the pose file or folder at `path`, recognising its format from its content.
    public static func load(path: String) throws -> PoseSequence {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GaitCoreError.fileNotFound(path: path)
        }
        let data = try contents(of: path)
        if looksLikeRuncoachPose(data) {
            return try RuncoachPoseFormat.read(data, name: path)
        }
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

    private static func looksLikeRuncoachPose(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(512), as: UTF8.self)
        return head.contains("\"runcoach-pose\"")
    }
}
