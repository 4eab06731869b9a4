import ArgumentParser
import Foundation
import GaitData

/// `runcoach dataset add VIDEO --runner ID [metadata]`: adds a video and its metadata.
struct DatasetAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a video with its metadata to the dataset (frame rate, size and duration measured with ffprobe).")

    @Argument(help: "The video file.") var video: String
    @OptionGroup var location: DatasetLocation
    @Option(help: "Runner id (splits never put one runner in two parts).") var runner: String
    @Option(help: "Video id (default: the file name without extension).") var id: String?
    @Flag(help: "Leave the video where it is and reference it (for files that may not be copied) instead of copying it into videos/.")
    var reference = false
    @Option(help: "female, male, other or unknown.") var sex: RunnerSex?
    @Option(help: "Age group, e.g. 18-29, 30-39, 40-49, 50-59, 60+.") var ageGroup: String?
    @Option(help: "Body type, e.g. slim, average, muscular, heavy.") var bodyType: String?
    @Option(help: "Pace category, e.g. easy, moderate, tempo, fast, sprint.") var pace: String?
    @Option(help: "Running speed in m/s, when measured.") var speed: Double?
    @Option(help: "treadmill, track, trail or road.") var environment: RunningEnvironment?
    @Option(help: "side, oblique, frontal or rear.") var camera: CameraAngle?
    @Option(help: "Camera angle off the side view in degrees (0 = side).") var cameraDegrees: Double?
    @Option(help: "true or false: was the camera on a tripod / still?") var stableCamera: Bool?
    @Option(help: "Lighting, e.g. daylight, overcast, indoor, dusk, night.") var lighting: String?
    @Option(help: "Weather, e.g. clear, cloudy, rain, snow, wind, indoor.") var weather: String?
    @Option(help: "Licence of the video.") var license: String?
    @Option(help: "Free-text notes.") var notes: String?
    @Option(help: "Frame rate, when ffprobe is not installed.") var fps: Double?
    @Option(help: "Frame width in pixels, when ffprobe is not installed.") var width: Int?
    @Option(help: "Frame height in pixels, when ffprobe is not installed.") var height: Int?
    @Option(help: "Duration in seconds, when ffprobe is not installed.") var duration: Double?

    func validate() throws {
        if let speed, !(speed > 0 && speed < 12) { throw ValidationError("--speed must be 0-12 m/s") }
        if let cameraDegrees, !(0...90).contains(cameraDegrees) { throw ValidationError("--camera-degrees must be 0-90") }
        if let fps, !(fps > 0) { throw ValidationError("--fps must be positive") }
    }

    func run() throws {
        var entry = VideoEntry(id: id ?? ((video as NSString).lastPathComponent as NSString).deletingPathExtension, video: "", runner: runner)
        entry.sex = sex
        entry.ageGroup = ageGroup
        entry.bodyType = bodyType
        entry.pace = pace
        entry.speedMetersPerSecond = speed
        entry.environment = environment
        entry.cameraAngle = camera
        entry.cameraAngleDegrees = cameraDegrees
        entry.cameraStable = stableCamera
        entry.lighting = lighting
        entry.weather = weather
        entry.license = license
        entry.notes = notes
        let facts = try measuredFacts()
        let stored = try DatasetScaffold.add(videoPath: video, entry: entry, placement: reference ? .reference : .copy, facts: facts, layout: location.layout)
        let described = stored.facts.map { String(format: "%d×%d, %.2f fps, %.1f s", $0.width, $0.height, $0.fps, $0.durationSeconds) } ?? "facts unknown"
        print("added \(stored.id) (\(stored.video), \(described))")
    }

    /// ffprobe's measurement; the hand-given values when ffprobe is missing; nothing when neither.
    func measuredFacts() throws -> VideoFacts? {
        do {
            return try VideoFactsProbe.facts(path: video)
        } catch {
            guard let fps, let width, let height, let duration else {
                DatasetConsole.line("could not measure \(video) (\(error)); recording no frame rate/size (give --fps --width --height --duration)")
                return nil
            }
            return VideoFacts(fps: fps, width: width, height: height, durationSeconds: duration, frameCount: Int((duration * fps).rounded()))
        }
    }
}

extension RunnerSex: ExpressibleByArgument {}
extension RunningEnvironment: ExpressibleByArgument {}
extension CameraAngle: ExpressibleByArgument {}
