/// Everything that can go wrong in `GaitCore`, with messages that say what happened and what to do.
public enum GaitCoreError: UserFacingError, Equatable {
    /// The input path does not exist.
    case fileNotFound(path: String)
    /// The file exists but could not be read (permissions, a directory where a file was expected…).
    case unreadableFile(path: String, reason: String)
    /// The file was read but its content is wrong. `frame` is the 0-based frame index when the
    /// problem is in one frame.
    case malformedPoseFile(file: String, frame: Int?, problem: String)
    /// The file's format could not be recognised.
    case unknownPoseFormat(path: String)
    /// The pose sequence was read but cannot give a running analysis.
    case analysisImpossible(reason: String, advice: String)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)
    /// A reading option (`--fps`, `--width`, `--height`) contradicts what the file records.
    case conflictingOption(path: String, option: String, given: String, recorded: String)
    /// A reading option has an impossible value.
    case invalidOption(option: String, reason: String)

    public var isUsageError: Bool {
        switch self {
        case .fileNotFound, .conflictingOption, .invalidOption: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file or directory"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file (\(reason))"
        case .malformedPoseFile(let file, let frame, let problem):
            if let frame {
                return "\(file): frame \(frame): \(problem)"
            }
            return "\(file): \(problem)"
        case .unknownPoseFormat(let path):
            return "\(path): not a pose file this tool knows (expected runcoach-pose JSON, a folder of "
                + "OpenPose JSON files, COCO keypoint JSON or runcoach pose CSV; see docs/formats.md)"
        case .analysisImpossible(let reason, let advice):
            return advice.isEmpty ? reason : "\(reason). \(advice)"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write the file (\(reason))"
        case .conflictingOption(let path, let option, let given, let recorded):
            return "\(path): the file records \(option) \(recorded), but --\(option) \(given) was given; "
                + "leave --\(option) out (it only fills in what a format does not record)"
        case .invalidOption(let option, let reason):
            return "--\(option) \(reason)"
        }
    }
}
