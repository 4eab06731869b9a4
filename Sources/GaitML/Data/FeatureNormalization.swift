import GaitCore

/// How pose frames become the model's 132 features per frame; stored in every checkpoint's
/// `config.json` and applied identically in training, evaluation and analysis.
///
/// 1. The sequence is resampled to `frameRate` (linear interpolation between measured frames), so a
///    30-frame window always spans the same time (0.5 s at 60 fps) whatever the camera's rate.
/// 2. Coordinates go to pixels (x·width, y·height; z·width, MediaPipe's z being in x's units).
/// 3. Hip-centred: x minus the frame's hip centre (midpoint of the hips: removes travel across the
///    image); y minus the window's mean hip height (keeps the vertical oscillation).
/// 4. Scaled by the torso length: the window's median distance from mid-hip to mid-shoulder.
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
    public static let recipe = "hip-centred-torso-scaled-v1"
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
        let torsoLengths = frames.compactMap { frame -> Double? in
            guard let hip = midpoint(frame, .leftHip, .rightHip), let shoulder = midpoint(frame, .leftShoulder, .rightShoulder) else { return nil }
            let length = ((hip.0 - shoulder.0) * (hip.0 - shoulder.0) + (hip.1 - shoulder.1) * (hip.1 - shoulder.1)).squareRoot()
            return length > 1 ? length : nil
        }.sorted()
        // No torso in the whole window (nothing measured): a typical torso of 30% of the image height.
        let torso = torsoLengths.isEmpty ? 0.3 * h : torsoLengths[torsoLengths.count / 2]
        let measuredHipHeights = hips.compactMap { $0?.1 }
        let meanHipHeight = measuredHipHeights.isEmpty ? h / 2 : measuredHipHeights.reduce(0, +) / Double(measuredHipHeights.count)
        var features = [Float](repeating: 0, count: frames.count * Self.featureCount)
        for (row, frame) in frames.enumerated() {
            guard let landmarks = frame.landmarks else { continue }
            let centreX = hips[row]?.0 ?? (hips.compactMap { $0?.0 }.first ?? w / 2)
            for (index, landmark) in landmarks.enumerated() where index < BlazePoseLandmark.count {
                guard let landmark, landmark.isFinite else { continue }
                let base = row * Self.featureCount + index * 4
                features[base] = Float((landmark.x * w - centreX) / torso)
                features[base + 1] = Float((landmark.y * h - meanHipHeight) / torso)
                features[base + 2] = Float(landmark.z * w / torso)
                features[base + 3] = Float(landmark.visibility)
            }
        }
        return features
    }
}
