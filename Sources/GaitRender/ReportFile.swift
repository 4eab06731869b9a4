import Foundation
import GaitCore

/// Reads a saved `runcoach-report` JSON file, with messages that say what is wrong with it.
public enum ReportFile {
    /// The report at `path`.
    ///
    /// - Throws: `GaitRenderError` when the file is missing, unreadable, not JSON, not a
    ///   `runcoach-report`, from a newer version, or has a key of the wrong type (the message names
    ///   the key path, e.g. `metrics.cadence.n`).
    public static func load(path: String) throws -> GaitReport {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw GaitRenderError.reportNotFound(path: path)
        }
        guard !isFolder.boolValue else {
            throw GaitRenderError.unreadableReport(path: path, reason: "it is a folder, not a file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GaitRenderError.unreadableReport(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// The report in `data`; `path` only names it in messages.
    public static func decode(_ data: Data, path: String) throws -> GaitReport {
        guard !data.isEmpty else { throw GaitRenderError.notAReport(path: path, problem: "the file is empty") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw GaitRenderError.notAReport(path: path, problem: "not a JSON object (\(describe(error)))")
        }
        guard header.format == GaitReport.formatName else {
            let found = header.format.map { "\"\($0)\"" } ?? "missing"
            throw GaitRenderError.notAReport(
                path: path, problem: "\"format\" is \(found), expected \"\(GaitReport.formatName)\"")
        }
        guard let version = header.version, version <= GaitReport.currentVersion, version >= 1 else {
            throw GaitRenderError.unsupportedVersion(path: path, version: header.version)
        }
        do {
            return try GaitReport.decode(data)
        } catch {
            throw GaitRenderError.notAReport(path: path, problem: describe(error))
        }
    }

    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// A decoding error in words, naming the key path where it happened.
    static func describe(_ error: Error) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            let parent = context.codingPath.isEmpty ? "the top level" : path(context.codingPath)
            return "\(parent) lacks the key \"\(key.stringValue)\""
        case .typeMismatch(let type, let context)?:
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context)?:
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context)?:
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "\(path(context.codingPath)): \(underlying ?? context.debugDescription)"
        default:
            return error.localizedDescription
        }
    }
}

/// Everything that can go wrong in `GaitRender`, with messages that say what happened and what to do.
public enum GaitRenderError: UserFacingError, Equatable {
    case reportNotFound(path: String)
    case unreadableReport(path: String, reason: String)
    case notAReport(path: String, problem: String)
    case unsupportedVersion(path: String, version: Int?)

    public var isUsageError: Bool {
        if case .reportNotFound = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .reportNotFound(let path):
            return "\(path): no such file"
        case .unreadableReport(let path, let reason):
            return "\(path): cannot read the report (\(reason))"
        case .notAReport(let path, let problem):
            return "\(path): not a readable runcoach-report file: \(problem). Give a report written by "
                + "`runcoach analyze --json` (format described in docs/report.md)"
        case .unsupportedVersion(let path, let version):
            let found = version.map { "version \($0)" } ?? "no version"
            return "\(path): runcoach-report \(found); this runcoach reads version \(GaitReport.currentVersion). "
                + "Re-run the analysis with this runcoach, or render it with the runcoach that wrote it"
        }
    }
}
