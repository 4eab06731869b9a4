import Foundation

/// What the Fukuchi 2017 converter produces from one running trial.
public struct Fukuchi2017Conversion: Sendable {
    /// The side-view `runcoach-pose` sequence rebuilt from the markers (150 fps).
    public var poses: PoseSequence
    /// The force-plate ground truth in the report's own keys (events, phases, timing metrics).
    public var truth: GaitReport
}

/// Converter for the public running dataset of Fukuchi, Fukuchi & Duarte (2017), "A public dataset
/// of running biomechanics and the effects of running speed on lower extremity kinematics and
/// kinetics", PeerJ 5:e3298 (CC BY 4.0): treadmill running with marker trajectories (150 Hz, mm;
/// X running direction, Y up, Z medio-lateral) and the instrumented treadmill's forces (300 Hz).
///
/// It turns the markers into the side-view pose sequence a video pose estimator would give and
/// the vertical force into the gait events the analysis must find (documented in
/// `docs/validation-fukuchi.md`).
public enum Fukuchi2017 {
    /// Marker sampling rate stated by the dataset, Hz (checked against the `Time` column).
    public static let markerRateHz = 150.0
    /// Force sampling rate stated by the dataset, Hz (checked against the trial's duration).
    public static let forceRateHz = 300.0

    /// The virtual camera's image: 1920 × 1080 px at 500 px/m, belt surface 60 px above the
    /// bottom edge, the runner's mean hip position at the horizontal centre.
    static func camera(centreXMillimetres: Double) -> OrthographicSideCamera {
        OrthographicSideCamera(width: 1920, height: 1080, pixelsPerMeter: 500, groundRowPixels: 1020, centreXMillimetres: centreXMillimetres)
    }

    /// Converts trial `trial` (e.g. `runT25`) of subject `subject` (e.g. `RBDS001`) found in
    /// `directory`, which must hold `<subject><trial>markers.txt`, `<subject><trial>forces.txt`,
    /// `<subject>static.txt` and, optionally, `<subject>info.txt` (for the runner's height).
    public static func convert(directory: String, subject: String, trial: String) throws -> Fukuchi2017Conversion {
        func file(_ suffix: String) -> String { (directory as NSString).appendingPathComponent(subject + suffix) }
        let markersPath = file("\(trial)markers.txt"), forcesPath = file("\(trial)forces.txt"), staticPath = file("static.txt")
        for path in [markersPath, forcesPath, staticPath] where !FileManager.default.fileExists(atPath: path) {
            throw GaitCoreError.fileNotFound(path: path)
        }
        let running = try MarkerTrajectories(table: TabSeparatedTable(path: markersPath))
        let standing = try MarkerTrajectories(table: TabSeparatedTable(path: staticPath))
        let frameTimes = try markerFrameTimes(running)
        let forces = try TabSeparatedTable(path: forcesPath)
        let verticalForce = try forceSignal(forces, markerFrameCount: running.frameCount)

        let skeleton = try Fukuchi2017Skeleton(staticTrial: standing)
        let (joints, remarks) = try skeleton.landmarks(in: running)
        let heightMeters = try runnerHeightMeters(infoPath: file("info.txt"), subject: subject)
        let poses = try sideView(
            joints: joints, times: frameTimes, source: "Fukuchi 2017 \(subject) \(trial) markers (CC BY 4.0), side view",
            heightMeters: heightMeters, path: markersPath)

        let truth = try Fukuchi2017GroundTruth.report(
            verticalForceNewtons: verticalForce, running: running, frameTimes: frameTimes, poses: poses,
            label: "\(subject) \(trial)", remarks: remarks)
        return Fukuchi2017Conversion(poses: poses, truth: truth)
    }

    /// Frame times i / 150 s, after checking that the rounded `Time` column agrees with them.
    static func markerFrameTimes(_ trial: MarkerTrajectories) throws -> [Double] {
        let times = (0..<trial.frameCount).map { Double($0) / markerRateHz }
        guard trial.frameCount > 1 else {
            throw GaitCoreError.unreadableFile(path: trial.path, reason: "it holds fewer than two frames")
        }
        // The Time column is printed to the millisecond: allow that rounding and nothing more.
        for (i, t) in trial.times.enumerated() where !(abs(t - trial.times[0] - times[i]) <= 0.0006) {
            throw GaitCoreError.unreadableFile(
                path: trial.path, reason: "line \(i + 2): Time \(t) s is not \(RuncoachPoseFormat.number(times[i])) s after the first frame, as \(Int(markerRateHz)) Hz sampling requires")
        }
        return times
    }

    /// The vertical force `Fy` after checking that `Time` counts samples 1, 2, 3… at 300 Hz and that
    /// the forces span the markers' duration.
    static func forceSignal(_ table: TabSeparatedTable, markerFrameCount: Int) throws -> [Double] {
        let samples = try table.column("Time")
        for (i, sample) in samples.enumerated() where sample != samples[0] + Double(i) {
            throw GaitCoreError.unreadableFile(
                path: table.path, reason: "line \(i + 2): Time \(sample) breaks the sample count (expected \(samples[0] + Double(i)))")
        }
        let forceSeconds = Double(samples.count) / forceRateHz, markerSeconds = Double(markerFrameCount) / markerRateHz
        guard abs(forceSeconds - markerSeconds) <= 1 / markerRateHz else {
            throw GaitCoreError.unreadableFile(
                path: table.path, reason: "\(samples.count) force samples span \(forceSeconds) s at \(Int(forceRateHz)) Hz, but the markers span \(markerSeconds) s")
        }
        let force = try table.column("Fy")
        if let gap = force.firstIndex(where: { !$0.isFinite }) {
            throw GaitCoreError.unreadableFile(path: table.path, reason: "line \(gap + 2): Fy is missing")
        }
        return force
    }

    /// The subject's height in metres from the `Height` (cm) column of the info file, or `nil`
    /// when there is no info file.
    static func runnerHeightMeters(infoPath: String, subject: String) throws -> Double? {
        guard FileManager.default.fileExists(atPath: infoPath) else { return nil }
        let text = String(decoding: try PoseFileLoader.contents(of: infoPath), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline)
        guard lines.count >= 2 else { throw GaitCoreError.unreadableFile(path: infoPath, reason: "no subject row") }
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false)
        let row = lines[1].split(separator: "\t", omittingEmptySubsequences: false)
        guard let column = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Height" }),
            column < row.count, let centimetres = Double(row[column].trimmingCharacters(in: .whitespaces)),
            centimetres > 50, centimetres < 250
        else {
            throw GaitCoreError.unreadableFile(path: infoPath, reason: "no usable Height (cm) for \(subject)")
        }
        return centimetres / 100
    }

    /// Projects the joint centres through the side camera into a pose sequence.
    static func sideView(
        joints: [[BlazePoseLandmark: Point3]], times: [Double], source: String, heightMeters: Double?, path: String
    ) throws -> PoseSequence {
        let hipMidpoints = joints.compactMap { frame -> Point3? in
            guard let right = frame[.rightHip], let left = frame[.leftHip] else { return nil }
            return (right + left) / 2
        }
        guard !hipMidpoints.isEmpty else {
            throw GaitCoreError.unreadableFile(path: path, reason: "the pelvis markers are never seen, so no frame can be placed")
        }
        let camera = camera(centreXMillimetres: hipMidpoints.reduce(0) { $0 + $1.x } / Double(hipMidpoints.count))
        let frames = zip(times, joints).map { time, points -> PoseFrame in
            guard !points.isEmpty else { return PoseFrame(time: time, landmarks: nil) }
            let depthOrigin: Point3
            if let right = points[.rightHip], let left = points[.leftHip] {
                depthOrigin = (right + left) / 2
            } else {
                depthOrigin = points.values.reduce(Point3(), +) / Double(points.count)
            }
            var landmarks = [Landmark?](repeating: nil, count: BlazePoseLandmark.count)
            for (point, position) in points { landmarks[point.rawValue] = camera.landmark(position, depthOrigin: depthOrigin) }
            return PoseFrame(time: time, landmarks: landmarks)
        }
        return PoseSequence(
            nominalFPS: markerRateHz, width: camera.width, height: camera.height, source: source,
            runner: heightMeters.map { RunnerInfo(heightMeters: $0) }, frames: frames)
    }
}
