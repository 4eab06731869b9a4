/// What a pose file may not record about its video: the frame rate and the frame size.
///
/// OpenPose JSON records neither, COCO records the size but no time, runcoach-pose and the
/// runcoach CSV record all three. A value given here fills in what the format lacks (the command
/// line passes `--fps`, `--width`, `--height`); when the file records the value itself and the
/// option disagrees, reading fails with `GaitCoreError.conflictingOption` instead of silently
/// preferring one of them. `nil` means "use the file's value, or the format's default".
public struct PoseFileOptions: Equatable, Sendable {
    /// Frames per second of the video the poses come from.
    public var fps: Double?
    /// Video frame width in pixels.
    public var width: Int?
    /// Video frame height in pixels.
    public var height: Int?

    /// Frame rate assumed when neither the file nor the options give one: 30 fps, the most common
    /// phone and camera default.
    public static let defaultFPS = 30.0
    /// Frame size assumed when neither the file nor the options give one: 1920 × 1080 px
    /// (landscape Full HD, OpenPose's most common input).
    public static let defaultWidth = 1920
    public static let defaultHeight = 1080

    public init(fps: Double? = nil, width: Int? = nil, height: Int? = nil) {
        self.fps = fps
        self.width = width
        self.height = height
    }

    /// The frame rate to use for a format that does not record one.
    var resolvedFPS: Double { fps ?? Self.defaultFPS }
    /// The frame width to use for a format that does not record one.
    var resolvedWidth: Int { width ?? Self.defaultWidth }
    /// The frame height to use for a format that does not record one.
    var resolvedHeight: Int { height ?? Self.defaultHeight }

    /// Throws when an option contradicts what the file at `path` records itself.
    func checkAgainst(fps fileFPS: Double?, width fileWidth: Int?, height fileHeight: Int?, path: String) throws {
        if let fps, let fileFPS, abs(fps - fileFPS) > 1e-9 * max(1, fileFPS) {
            throw GaitCoreError.conflictingOption(
                path: path, option: "fps", given: RuncoachPoseFormat.number(fps),
                recorded: RuncoachPoseFormat.number(fileFPS))
        }
        if let width, let fileWidth, width != fileWidth {
            throw GaitCoreError.conflictingOption(path: path, option: "width", given: "\(width)", recorded: "\(fileWidth)")
        }
        if let height, let fileHeight, height != fileHeight {
            throw GaitCoreError.conflictingOption(path: path, option: "height", given: "\(height)", recorded: "\(fileHeight)")
        }
    }

    /// Throws when a given value is not a usable frame rate or size.
    func validate() throws {
        if let fps, !(fps.isFinite && fps > 0) {
            throw GaitCoreError.invalidOption(option: "fps", reason: "must be a positive number of frames per second")
        }
        if let width, width <= 0 {
            throw GaitCoreError.invalidOption(option: "width", reason: "must be a positive number of pixels")
        }
        if let height, height <= 0 {
            throw GaitCoreError.invalidOption(option: "height", reason: "must be a positive number of pixels")
        }
    }
}
