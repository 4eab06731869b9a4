import GaitCore

/// How pose frames become the model's 132 features per frame; stored in every checkpoint's
/// `config.json` and applied identically in training, evaluation and analysis.
///
/// 1. The sequence is resampled to `frameRate` (linear interpolation between measured frames), so a
///    30-frame window always spans the same time (0.5 s at 60 fps) whatever the camera's rate.
/// 2. Coordinates go to pixels (x·width, y·height; z·width, MediaPipe's z being in x's units).
/// 3. Hip-centred: x minus the frame's hip centre (midpoint of the hips: removes travel across the
///    image); y minus the window's mean hip height (keeps the vertical oscillation).
/// 4. Scaled by the leg length: the window's median, over frames, of thigh + shank (hip → knee →
///    ankle, the mean of the legs measured in that frame). The legs are what every pose source has
///    (marker sets of the lower body too, where a torso-based scale has nothing to measure). Without
///    a leg in the whole window: the median torso (mid-hip to mid-shoulder) × 1.705 (leg 0.491 H,
///    torso 0.288 H, Winter 2009); without either, half the image height.
/// 5. Per landmark (x, y, z, visibility) in BlazePose order; an unmeasured landmark is (0, 0, 0, 0),
///    which the visibility 0 marks as missing.
public struct FeatureNormalization: Codable, Equatable, Sendable {
    /// Name of the recipe above (a checkpoint with another recipe is refused).
    public var method: String
    /// Frames per second the model works at.
    public var frameRate: Double

    public init(method: String = FeatureNormalization.recipe, frameRate: Double = 60) {
        self.method = method
        self.frameRate = frameRate
    }

    /// The recipe this code implements.
    public static let recipe = "hip-centred-leg-scaled-v2"
    /// 33 landmarks × 4 channels.
    public static let featureCount = BlazePoseLandmark.count * 4

    /// Features of `frames` (already at `frameRate`): `[frames.count × 132]`, row-major.
    public func features(of frames: ArraySlice<PoseFrame>, width: Int, height: Int) -> [Float] {
        let (w, h) = (Double(width), Double(height))
        func pixel(_ frame: PoseFrame, _ point: BlazePoseLandmark) -> (Double, Double)? {
            frame[point].map { ($0.x * w, $0.y * h) }
        }
        func midpoint(_ frame: PoseFrame, _ a: BlazePoseLandmark, _ b: BlazePoseLandmark) -> (Double, Double)? {
            guard let p = pixel(frame, a), let q = pixel(frame, b) else { return pixel(frame, a) ?? pixel(frame, b) }
            return ((p.0 + q.0) / 2, (p.1 + q.1) / 2)
        }
        let hips = frames.map { midpoint($0, .leftHip, .rightHip) }
        let scale = Self.median(frames.compactMap { Self.legLength($0, pixel) })
            ?? Self.median(frames.compactMap { frame -> Double? in
                guard let hip = midpoint(frame, .leftHip, .rightHip), let shoulder = midpoint(frame, .leftShoulder, .rightShoulder) else { return nil }
                let length = Self.distance(hip, shoulder)
                return length > 1 ? length : nil
            }).map { $0 * Self.legPerTorso }
            ?? 0.5 * h
        let measuredHipHeights = hips.compactMap { $0?.1 }
        let meanHipHeight = measuredHipHeights.isEmpty ? h / 2 : measuredHipHeights.reduce(0, +) / Double(measuredHipHeights.count)
        var features = [Float](repeating: 0, count: frames.count * Self.featureCount)
        for (row, frame) in frames.enumerated() {
            guard let landmarks = frame.landmarks else { continue }
            let centreX = hips[row]?.0 ?? (hips.compactMap { $0?.0 }.first ?? w / 2)
            for (index, landmark) in landmarks.enumerated() where index < BlazePoseLandmark.count {
                guard let landmark, landmark.isFinite else { continue }
                let base = row * Self.featureCount + index * 4
                features[base] = Float((landmark.x * w - centreX) / scale)
                features[base + 1] = Float((landmark.y * h - meanHipHeight) / scale)
                features[base + 2] = Float(landmark.z * w / scale)
                features[base + 3] = Float(landmark.visibility)
            }
        }
        return features
    }

    /// Leg length over torso length: 0.491 H / 0.288 H (Winter 2009, segment lengths as fractions
    /// of body height H).
    static let legPerTorso = 0.491 / 0.288

    /// Thigh + shank in pixels, the mean of the legs whose hip, knee and ankle are all measured in
    /// `frame`; nil when neither is (or the result is under a pixel).
    static func legLength(_ frame: PoseFrame, _ pixel: (PoseFrame, BlazePoseLandmark) -> (Double, Double)?) -> Double? {
        let legs: [(BlazePoseLandmark, BlazePoseLandmark, BlazePoseLandmark)] = [(.leftHip, .leftKnee, .leftAnkle), (.rightHip, .rightKnee, .rightAnkle)]
        let lengths = legs.compactMap { hip, knee, ankle -> Double? in
            guard let h = pixel(frame, hip), let k = pixel(frame, knee), let a = pixel(frame, ankle) else { return nil }
            return distance(h, k) + distance(k, a)
        }
        guard !lengths.isEmpty else { return nil }
        let mean = lengths.reduce(0, +) / Double(lengths.count)
        return mean > 1 ? mean : nil
    }

    static func distance(_ p: (Double, Double), _ q: (Double, Double)) -> Double {
        ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1)).squareRoot()
    }

    /// The upper middle element of `values`, nil when empty.
    static func median(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.sorted()[values.count / 2]
    }
}
