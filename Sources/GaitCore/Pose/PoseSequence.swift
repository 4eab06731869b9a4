/// What is known about the runner, all optional.
public struct RunnerInfo: Codable, Equatable, Sendable {
    /// Standing height in metres; sets the pixel-to-metre scale when given.
    public var heightMeters: Double?

    public init(heightMeters: Double? = nil) {
        self.heightMeters = heightMeters
    }
}

/// The pose of one person in one video frame.
public struct PoseFrame: Equatable, Sendable {
    /// Time of the frame in seconds on the source's clock (authoritative, unlike the nominal fps).
    public var time: Double
    /// The 33 BlazePose landmarks (`nil` where a landmark was not measured), or `nil` when the
    /// frame holds no person.
    public var landmarks: [Landmark?]?

    public init(time: Double, landmarks: [Landmark?]?) {
        self.time = time
        self.landmarks = landmarks
    }

    /// The landmark `point`, or `nil` when the frame has no person or the point was not measured.
    @inlinable
    public subscript(point: BlazePoseLandmark) -> Landmark? {
        guard let landmarks else { return nil }
        return landmarks[point.rawValue]
    }
}

/// A sequence of BlazePose-33 poses of one runner over time: the input of every analysis.
///
/// This is the in-memory form of a `runcoach-pose` v1 file (see `docs/formats.md`). Frames are in
/// time order; `frames[i].time` is authoritative and may be irregular (variable frame rate, dropped
/// frames), `nominalFPS` is what the source claims.
public struct PoseSequence: Equatable, Sendable {
    /// Nominal frame rate in frames per second.
    public var nominalFPS: Double
    /// Image width in pixels (the frame the normalised coordinates refer to).
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Free text naming where the poses came from.
    public var source: String
    public var runner: RunnerInfo?
    public var frames: [PoseFrame]

    public init(
        nominalFPS: Double, width: Int, height: Int, source: String = "",
        runner: RunnerInfo? = nil, frames: [PoseFrame]
    ) {
        self.nominalFPS = nominalFPS
        self.width = width
        self.height = height
        self.source = source
        self.runner = runner
        self.frames = frames
    }

    /// Duration from the first to the last frame, in seconds (0 for fewer than two frames).
    public var durationSeconds: Double {
        guard let first = frames.first, let last = frames.last else { return 0 }
        return last.time - first.time
    }

    /// The landmark `point` of frame `frameIndex` in image pixels, or `nil` when not measured.
    @inlinable
    public func pixel(_ point: BlazePoseLandmark, frame frameIndex: Int) -> PixelPoint? {
        guard let landmark = frames[frameIndex][point] else { return nil }
        return PixelPoint(x: landmark.x * Double(width), y: landmark.y * Double(height))
    }

    /// The frames from the first to the last one with a person (the whole sequence when every frame
    /// has one; `nil` when none does). A runner passing a static camera enters and leaves the view.
    public func trimmedToPerson() -> PoseSequence? {
        guard let first = frames.firstIndex(where: { $0.landmarks != nil }),
              let last = frames.lastIndex(where: { $0.landmarks != nil }) else { return nil }
        var copy = self
        copy.frames = Array(frames[first...last])
        return copy
    }

    /// The same sequence mirrored left/right: x → 1 − x and each left landmark swapped with its
    /// right counterpart. A runner going right becomes a runner going left with the legs renamed.
    public func mirrored() -> PoseSequence {
        var copy = self
        copy.frames = frames.map { frame in
            guard let landmarks = frame.landmarks else { return frame }
            var swapped = [Landmark?](repeating: nil, count: landmarks.count)
            for point in BlazePoseLandmark.allCases {
                if var landmark = landmarks[point.rawValue] {
                    landmark.x = 1 - landmark.x
                    swapped[point.mirrored.rawValue] = landmark
                }
            }
            return PoseFrame(time: frame.time, landmarks: swapped)
        }
        return copy
    }
}
