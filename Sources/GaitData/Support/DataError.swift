import GaitCore

/// Everything that can go wrong in `GaitData`, in words a person can act on.
public enum DataError: UserFacingError, Equatable {
    /// A path named on the command line or in the manifest does not exist.
    case fileNotFound(path: String)
    /// The dataset manifest is missing, unreadable or inconsistent.
    case invalidManifest(path: String, problem: String)
    /// An annotation export cannot be imported. `task` and `frame` locate the problem when known
    /// (`frame` is the tool's own frame number, as its user interface shows it).
    case invalidAnnotation(file: String, task: String?, frame: Int?, problem: String)
    /// A command-line value or config entry makes no sense.
    case invalidOption(option: String, reason: String)
    /// The pipeline config file is wrong.
    case invalidConfig(path: String, problem: String)
    /// A remote service refused or failed a request.
    case remote(service: String, problem: String)
    /// A download or archive failed an integrity check.
    case integrity(path: String, problem: String)
    /// The dataset cannot serve the request (no videos, too few runners for the splits, ...).
    case unusableDataset(String)

    public var isUsageError: Bool {
        switch self {
        case .fileNotFound, .invalidOption: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file or directory"
        case .invalidManifest(let path, let problem):
            return "\(path): \(problem)"
        case .invalidAnnotation(let file, let task, let frame, let problem):
            var location = file
            if let task { location += ", task \(task)" }
            if let frame { location += ", frame \(frame)" }
            return "\(location): \(problem)"
        case .invalidOption(let option, let reason):
            return "--\(option) \(reason)"
        case .invalidConfig(let path, let problem):
            return "\(path): \(problem)"
        case .remote(let service, let problem):
            return "\(service): \(problem)"
        case .integrity(let path, let problem):
            return "\(path): \(problem)"
        case .unusableDataset(let problem):
            return problem
        }
    }
}
