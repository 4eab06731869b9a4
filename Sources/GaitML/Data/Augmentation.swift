import Foundation
import GaitCore

/// Random changes to a training window that keep its labels true, so the model learns the gait
/// rather than one camera, body size or direction. Every draw comes from the generator passed in.
public struct Augmentation: Codable, Equatable, Sendable {
    /// Probability of mirroring the window left/right (x → 1 − x, left and right landmarks swapped;
    /// phase and issue labels are side-agnostic, so they stay).
    public var mirrorProbability = 0.5
    /// Probability that a window is warped: time-stretched and rotated (the ranges below). Both
    /// change what the form score and the issues rate (cadence and contact time; shank and trunk
    /// angles), so a warped window keeps only its phase labels; an unwarped one keeps all.
    public var warpProbability = 0.5
    /// Time-stretch factor range: the window samples the sequence at this many model frames per
    /// frame (a faster or slower cadence), interpolating between frames.
    public var timeStretch = 0.85...1.15
    /// Scale range applied about the window's hip centre.
    public var scale = 0.85...1.15
    /// Rotation range in degrees about the window's hip centre (camera roll).
    public var rotationDegrees = -8.0...8.0
    /// Standard deviation of the Gaussian jitter added to x and y, in image fractions (0.001 ≈ 1 px
    /// at 1080p). Kept small: the stance/flight cue is a foot a few pixels above its ground line, and
    /// 4 px of jitter (tried first) hid it, holding phase accuracy near 74 % after 9 epochs.
    public var jitter = 0.001
    /// Probability that a landmark is dropped (missing) in a frame.
    public var landmarkDropout = 0.01
    /// Probability that everything above the hips (face, shoulders, arms: BlazePose 0-22) is missing
    /// for the whole window, as in lower-body marker data or a camera framing only the legs.
    public var upperBodyDropout = 0.15

    public init() {}

    /// No augmentation at all (evaluation).
    public static let none: Augmentation = {
        var augmentation = Augmentation()
        augmentation.mirrorProbability = 0
        augmentation.warpProbability = 0
        augmentation.timeStretch = 1...1
        augmentation.scale = 1...1
        augmentation.rotationDegrees = 0...0
        augmentation.jitter = 0
        augmentation.landmarkDropout = 0
        augmentation.upperBodyDropout = 0
        return augmentation
    }()

    /// Draws whether the next window is warped (`warpProbability`).
    func drawsWarp(using generator: inout some RandomNumberGenerator) -> Bool {
        warpProbability > 0 && Double.random(in: 0..<1, using: &generator) < warpProbability
    }

    /// Applies the spatial parts (mirror, scale, rotation when `warped`, jitter, dropouts) to
    /// `frames` of an image `width` × `height` pixels.
    func apply(to frames: [PoseFrame], width: Int, height: Int, warped: Bool, using generator: inout some RandomNumberGenerator) -> [PoseFrame] {
        var frames = frames
        if mirrorProbability > 0 && Double.random(in: 0..<1, using: &generator) < mirrorProbability {
            frames = PoseSequence(nominalFPS: 60, width: width, height: height, frames: frames).mirrored().frames
        }
        let factor = Double.random(in: scale, using: &generator)
        let angle = warped ? Double.random(in: rotationDegrees, using: &generator) * .pi / 180 : 0
        let (w, h) = (Double(width), Double(height))
        let hips = frames.compactMap { $0[.leftHip] ?? $0[.rightHip] }
        let centre = hips.isEmpty ? (0.5 * w, 0.5 * h)
            : (hips.map(\.x).reduce(0, +) / Double(hips.count) * w, hips.map(\.y).reduce(0, +) / Double(hips.count) * h)
        let (cosine, sine) = (cos(angle), sin(angle))
        let dropsUpperBody = upperBodyDropout > 0 && Double.random(in: 0..<1, using: &generator) < upperBodyDropout
        for index in frames.indices {
            guard var landmarks = frames[index].landmarks else { continue }
            if dropsUpperBody {
                for point in 0..<BlazePoseLandmark.leftHip.rawValue { landmarks[point] = nil }
            }
            for point in landmarks.indices {
                guard var landmark = landmarks[point] else { continue }
                if landmarkDropout > 0 && Double.random(in: 0..<1, using: &generator) < landmarkDropout {
                    landmarks[point] = nil
                    continue
                }
                let (dx, dy) = (landmark.x * w - centre.0, landmark.y * h - centre.1)
                landmark.x = (centre.0 + factor * (cosine * dx - sine * dy)) / w
                landmark.y = (centre.1 + factor * (sine * dx + cosine * dy)) / h
                landmark.z *= factor
                if jitter > 0 {
                    landmark.x += jitter * generator.nextGaussian()
                    landmark.y += jitter * generator.nextGaussian()
                }
                landmarks[point] = landmark
            }
            frames[index].landmarks = landmarks
        }
        return frames
    }
}
