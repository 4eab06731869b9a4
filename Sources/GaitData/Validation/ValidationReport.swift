import Foundation
import GaitCore

/// One result of `dataset validate`.
public struct ValidationFinding: Codable, Equatable, Sendable {
    public enum Severity: String, Codable, Sendable {
        /// Wrong or unusable: training must not go ahead (exit code 1).
        case error
        /// Below the recommendation or suspicious: training can go ahead, results will suffer.
        case warning
    }

    public var severity: Severity
    /// Which check: counts, duration, capture, poses, labels, balance, diversity, leakage, split, files.
    public var check: String
    /// The video concerned, if one.
    public var video: String?
    public var message: String

    public init(_ severity: Severity, _ check: String, video: String? = nil, _ message: String) {
        self.severity = severity
        self.check = check
        self.video = video
        self.message = message
    }
}

/// Size of one split part.
public struct PartSummary: Codable, Equatable, Sendable {
    public var videos = 0
    public var labelledVideos = 0
    public var runners = 0
    public var durationSeconds = 0.0
    /// Recommended minimum number of videos.
    public var recommendedVideos: Int?
}

/// What `dataset validate` measured about one video.
public struct VideoSummary: Codable, Equatable, Sendable {
    public var id: String
    public var runner: String
    public var part: SplitPart?
    public var durationSeconds: Double?
    public var fps: Double?
    public var width: Int?
    public var height: Int?
    public var cameraAngle: CameraAngle?
    /// Share of frames with a person, 0-1 (after extraction).
    public var poseCoverage: Double?
    /// Mean visibility of the leg landmarks in frames with a person, 0-1.
    public var legVisibility: Double?
    public var labelled: Bool
    /// Contacts labelled.
    public var contacts: Int
    /// Share of frames with a phase label (given or derived from contacts), 0-1.
    public var phaseLabelledShare: Double?
    public var formScore: Double?
}

/// The validation report, `runcoach-dataset-validation` version 1 (JSON; also rendered to HTML).
public struct ValidationReport: Codable, Equatable, Sendable {
    public var format = "runcoach-dataset-validation"
    public var version = 1
    public var dataset: String
    public var recommendations: DatasetRecommendations
    public var parts: [SplitPart: PartSummary]
    /// Videos not assigned to any part (no split saved, or added after it).
    public var unassignedVideos: Int
    public var runners: Int
    public var videos: [VideoSummary]
    /// Labelled frames per phase (by phase name).
    public var phaseFrames: [String: Int]
    /// Videos with each issue present (score ≥ 0.5) / absent, among videos that rate it.
    public var issuePresent: [IssueKind: Int]
    public var issueAbsent: [IssueKind: Int]
    /// Form scores given, in 0-10 points.
    public var formScores: [Double]
    /// Videos per value of each diversity axis ("unknown" for not recorded).
    public var diversity: [String: [String: Int]]
    /// Runners found in more than one part, with their parts.
    public var leakage: [String: [SplitPart]]
    public var errors: [ValidationFinding]
    public var warnings: [ValidationFinding]

    /// True when there are no errors.
    public var passed: Bool { errors.isEmpty }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// One line per error and warning, then the verdict.
    public var summary: String {
        var lines = ["dataset \(dataset): \(videos.count) videos, \(runners) runners, \(videos.filter(\.labelled).count) labelled"]
        for part in SplitPart.allCases {
            let summary = parts[part] ?? PartSummary()
            lines.append(String(format: "  %@: %d videos (%d labelled, %d runners, %.0f s); recommended ≥ %d",
                                part.rawValue, summary.videos, summary.labelledVideos, summary.runners, summary.durationSeconds,
                                summary.recommendedVideos ?? 0))
        }
        if unassignedVideos > 0 { lines.append("  not in a split: \(unassignedVideos) videos") }
        lines += errors.map { "error [\($0.check)]\($0.video.map { " \($0):" } ?? "") \($0.message)" }
        lines += warnings.map { "warning [\($0.check)]\($0.video.map { " \($0):" } ?? "") \($0.message)" }
        lines.append(passed ? "validation passed with \(warnings.count) warnings" : "validation failed: \(errors.count) errors, \(warnings.count) warnings")
        return lines.joined(separator: "\n")
    }
}
