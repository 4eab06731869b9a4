import Foundation

/// Paths the tests read and write.
enum TestFiles {
    /// The repository root (this file is `Tests/GaitCoreTests/TestFiles.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under `../shared/data` (real data, read in place: some of it is GPL and must not be
    /// copied into the repository).
    static func sharedData(_ relativePath: String) -> String {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
            .appendingPathComponent(relativePath).path
    }

    /// A fixture under `Tests/Fixtures` (outside the test target, so SwiftPM needs no resource rules).
    static func fixture(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name).path
    }

    /// A fresh, empty temporary folder for one test.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runcoach-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `text` to `name` inside `folder` and returns the path.
    @discardableResult
    static func write(_ text: String, named name: String, in folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
