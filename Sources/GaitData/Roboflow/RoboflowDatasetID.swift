/// A Roboflow dataset version, `WORKSPACE/PROJECT/VERSION` (the path of its REST API routes).
public struct RoboflowDatasetID: Equatable, Sendable, CustomStringConvertible {
    public var workspace: String
    public var project: String
    public var version: Int

    public init(workspace: String, project: String, version: Int) {
        self.workspace = workspace
        self.project = project
        self.version = version
    }

    /// Parses `WORKSPACE/PROJECT/VERSION` (slugs of letters, digits, `-`, `_`, `.`; version ≥ 1).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let slug = { (part: String) in !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } }
        guard parts.count == 3, slug(parts[0]), slug(parts[1]), let version = Int(parts[2]), version >= 1 else {
            throw DataError.invalidOption(option: "dataset", reason: "\"\(text)\" must be WORKSPACE/PROJECT/VERSION, e.g. my-team/runners/3")
        }
        self.init(workspace: parts[0], project: parts[1], version: version)
    }

    public var description: String { "\(workspace)/\(project)/\(version)" }
}
