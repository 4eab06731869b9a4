import ArgumentParser
import GaitCore

/// `--fps`, `--width`, `--height`: what a pose file may not record (OpenPose records none of them,
/// COCO no frame rate). Shared by every subcommand that reads a pose file, via `@OptionGroup`.
struct PoseInputOptions: ParsableArguments {
    @Option(help: "Frame rate of the video the poses come from, for formats that do not record it (default 30).")
    var fps: Double?

    @Option(help: "Video frame width in pixels, for formats that do not record it (default 1920).")
    var width: Int?

    @Option(help: "Video frame height in pixels, for formats that do not record it (default 1080).")
    var height: Int?

    /// The options as the loader takes them.
    var poseFileOptions: PoseFileOptions { PoseFileOptions(fps: fps, width: width, height: height) }

    func validate() throws {
        if let fps, !(fps.isFinite && fps > 0) { throw ValidationError("--fps must be a positive number of frames per second") }
        if let width, width <= 0 { throw ValidationError("--width must be a positive number of pixels") }
        if let height, height <= 0 { throw ValidationError("--height must be a positive number of pixels") }
    }
}
