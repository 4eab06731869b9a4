/// An error whose `description` is written for a person: what happened and what to do.
///
/// Every module's error enum conforms, so the CLI prints the description on stderr and exits with
/// code 1 (the input cannot be analysed) or, when `isUsageError` is true, code 2 (the command line
/// names something that does not exist or makes no sense).
public protocol UserFacingError: Error, CustomStringConvertible {
    /// True when the person's command line is at fault rather than the input's content.
    var isUsageError: Bool { get }
}

extension UserFacingError {
    public var isUsageError: Bool { false }
}
