import Foundation
import GaitCore
import ZIPFoundation

/// A pose sample made from a Roboflow COCO keypoint export.
public struct PoseSample: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Frames of one video (Roboflow names them `VIDEO_mp4-NNNN_jpg.rf.HASH.jpg`), in order.
        case sequence
        /// One still image.
        case still
    }

    public var name: String
    public var kind: Kind
    /// Roboflow's split folder (train, valid, test).
    public var split: String
    public var frames: Int
    /// The runcoach-pose file, relative to the dataset folder.
    public var poses: String
}

/// Unpacks a Roboflow export archive and turns its COCO keypoint annotations into pose files.
public enum RoboflowExport {
    /// Unzips `archive` into `folder` (replacing it), through a temporary folder renamed at the
    /// end. ZIPFoundation checks every entry's CRC-32, so a damaged archive fails here.
    public static func unpack(archive: String, into folder: String) throws {
        let manager = FileManager.default
        let temporary = folder + ".unpacking"
        try? manager.removeItem(atPath: temporary)
        do {
            try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            try manager.unzipItem(at: URL(fileURLWithPath: archive), to: URL(fileURLWithPath: temporary))
            if manager.fileExists(atPath: folder) { try manager.removeItem(atPath: folder) }
            try manager.moveItem(atPath: temporary, toPath: folder)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw DataError.integrity(path: archive, problem: "cannot unpack the export archive (\(error)); delete it and fetch again")
        }
    }

    /// Converts every `_annotations.coco.json` under `folder` (one per split folder) into pose
    /// files under `outputFolder`: one `runcoach-pose` file per video sequence and per still.
    /// `fps` is the frame rate assumed for sequences (COCO records no time). Paths in the result
    /// are relative to `datasetRoot`.
    public static func convertCOCO(folder: String, outputFolder: String, datasetRoot: String, fps: Double) throws -> [PoseSample] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder) else { throw DataError.fileNotFound(path: folder) }
        let annotationFiles = enumerator.compactMap { $0 as? String }.filter { ($0 as NSString).lastPathComponent == "_annotations.coco.json" }.sorted()
        guard !annotationFiles.isEmpty else {
            throw DataError.integrity(path: folder, problem: "no _annotations.coco.json in the export: was it exported with --format coco?")
        }
        let layout = DatasetLayout(root: datasetRoot)
        var samples: [PoseSample] = []
        for relative in annotationFiles {
            let path = folder + "/" + relative
            let split = (relative as NSString).deletingLastPathComponent.isEmpty ? "all" : (relative as NSString).deletingLastPathComponent
            guard let data = manager.contents(atPath: path) else { throw DataError.fileNotFound(path: path) }
            for group in try groups(in: data, file: path) {
                let sequence = try CocoKeypointFormat.read(group.document, name: "\(path) [\(group.name)]", options: PoseFileOptions(fps: fps))
                let output = "\(outputFolder)/\(split)/\(group.name).pose.json"
                try RuncoachPoseFormat.write(sequence, to: output)
                samples.append(PoseSample(name: group.name, kind: group.kind, split: split, frames: sequence.frames.count,
                                          poses: layout.relativePath(to: output)))
            }
        }
        return samples
    }

    struct Group {
        var name: String
        var kind: PoseSample.Kind
        var document: Data
    }

    /// Splits a COCO document into per-video and per-still documents that share its categories.
    static func groups(in data: Data, file: String) throws -> [Group] {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let images = document["images"] as? [[String: Any]] else {
            throw DataError.integrity(path: file, problem: "not a COCO document (no \"images\" list)")
        }
        let annotations = document["annotations"] as? [[String: Any]] ?? []
        let annotationsOfImage = Dictionary(grouping: annotations, by: { ($0["image_id"] as? Int) ?? -1 })
        var members: [String: (kind: PoseSample.Kind, images: [[String: Any]])] = [:]
        for image in images {
            let fileName = image["file_name"] as? String ?? "image-\(image["id"] as? Int ?? 0)"
            if let video = videoName(ofFrame: fileName) {
                members[video, default: (.sequence, [])].images.append(image)
            } else {
                members[safeName(originalName(fileName)), default: (.still, [])].images.append(image)
            }
        }
        return try members.keys.sorted().map { name in
            let (kind, groupImages) = members[name]!
            var subset = document
            subset["images"] = groupImages
            subset["annotations"] = groupImages.flatMap { annotationsOfImage[($0["id"] as? Int) ?? -2] ?? [] }
            return Group(name: name, kind: kind, document: try JSONSerialization.data(withJSONObject: subset))
        }
    }

    /// Roboflow renames uploads `ORIGINAL_EXT.rf.HASH.EXT` (the original's dot turned into `_`);
    /// the original name without its extension.
    static func originalName(_ fileName: String) -> String {
        guard let range = fileName.range(of: ".rf.") else { return (fileName as NSString).deletingPathExtension }
        let original = String(fileName[..<range.lowerBound])
        for imageExtension in ["jpg", "jpeg", "png", "bmp", "webp"] where original.lowercased().hasSuffix("_" + imageExtension) {
            return String(original.dropLast(imageExtension.count + 1))
        }
        return original
    }

    /// The video a frame came from, for Roboflow's video-frame names `VIDEO_mp4-NNNN_jpg...`.
    static func videoName(ofFrame fileName: String) -> String? {
        let original = originalName(fileName)  // VIDEO_mp4-NNNN
        for container in ["mp4", "mov", "avi", "mkv", "webm", "m4v"] {
            if let range = original.range(of: "_\(container)-", options: [.backwards, .caseInsensitive]) {
                let frame = original[range.upperBound...].prefix { $0.isNumber }
                if !frame.isEmpty { return safeName(String(original[..<range.lowerBound])) }
            }
        }
        return nil
    }

    static func safeName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return cleaned.isEmpty ? "sample" : cleaned
    }
}
