import Foundation
import GaitCore

/// What a real pose estimator does to a perfect pose: pixel noise, far-leg occlusions (low
/// visibility, positions drawn towards the near leg) and dropped frames.
struct Degradation: Sendable {
    let parameters: SimulationParameters
    /// Time intervals (seconds) during which the far leg is hidden.
    let occlusions: [ClosedRange<Double>]

    init(parameters p: SimulationParameters, using generator: inout some RandomNumberGenerator) {
        parameters = p
        var occlusions: [ClosedRange<Double>] = []
        if p.farLegOcclusion > 0 {
            // Episodes of 0.1-0.3 s separated by exponential gaps sized for the requested share.
            let meanEpisode = 0.2
            let meanGap = meanEpisode * (1 - p.farLegOcclusion) / p.farLegOcclusion
            var time = -Double.random(in: 0...meanGap, using: &generator)
            while time < p.durationSeconds {
                let uniform = Double.random(in: Double.ulpOfOne..<1, using: &generator)
                time += -meanGap * log(uniform)
                let length = Double.random(in: 0.1...0.3, using: &generator)
                occlusions.append(time...(time + length))
                time += length
            }
        }
        self.occlusions = occlusions
    }

    /// Whether frame `index` survives (the first and last always do).
    func keepsFrame(_ index: Int, of count: Int, using generator: inout some RandomNumberGenerator) -> Bool {
        guard parameters.droppedFrameFraction > 0, index > 0, index < count - 1 else { return true }
        return Double.random(in: 0..<1, using: &generator) >= parameters.droppedFrameFraction
    }

    /// The landmarks of one frame after noise and occlusion.
    func degrade(
        _ landmarks: [Landmark], at time: Double, view: SimulatedView, using generator: inout some RandomNumberGenerator
    ) -> [Landmark?] {
        let sigmaX = parameters.landmarkNoisePixels / Double(parameters.imageWidth)
        let sigmaY = parameters.landmarkNoisePixels / Double(parameters.imageHeight)
        let occluded = occlusions.contains { $0.contains(time) }
        var result: [Landmark?] = []
        result.reserveCapacity(landmarks.count)
        for (index, original) in landmarks.enumerated() {
            var landmark = original
            let point = BlazePoseLandmark(rawValue: index)!
            var noiseScale = 1.0
            if occluded, view.isFarLeg(point) {
                // Hidden behind the near leg: the estimator guesses, pulled towards the near leg.
                let near = landmarks[point.mirrored.rawValue]
                landmark.x += 0.3 * (near.x - landmark.x)
                landmark.y += 0.3 * (near.y - landmark.y)
                landmark.visibility = Double.random(in: 0.05...0.3, using: &generator)
                noiseScale = 4
            } else if landmark.visibility > 0.05 {
                landmark.visibility = min(1, max(0, landmark.visibility + Double.random(in: -0.02...0.02, using: &generator)))
            }
            if parameters.landmarkNoisePixels > 0 {
                landmark.x += noiseScale * sigmaX * generator.nextGaussian()
                landmark.y += noiseScale * sigmaY * generator.nextGaussian()
            }
            result.append(landmark)
        }
        return result
    }
}
