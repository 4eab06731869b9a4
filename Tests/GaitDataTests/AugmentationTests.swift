import Foundation
import GaitCore
import GaitVideo
import Testing
@testable import GaitData

/// Image-level augmentation of RGB frames (before pose estimation).
@Suite struct AugmentationTests {
    /// A width × height frame whose pixel (x, y) is (x, y, x + y) (values < 256).
    static func gradient(width: Int = 8, height: Int = 4) -> [UInt8] {
        (0..<height).flatMap { y in (0..<width).flatMap { x in [UInt8(x), UInt8(y), UInt8(x + y)] } }
    }

    static func pixel(_ pixels: [UInt8], x: Int, y: Int, width: Int) -> [UInt8] {
        Array(pixels[(y * width + x) * 3..<(y * width + x) * 3 + 3])
    }

    @Test func flipMirrorsEveryRowAndTwiceIsIdentity() {
        var recipe = AugmentationRecipe()
        recipe.flip = true
        var pixels = Self.gradient()
        ImageAugmentation(recipe).apply(to: &pixels, width: 8, height: 4)
        #expect(Self.pixel(pixels, x: 0, y: 2, width: 8) == [7, 2, 9])
        #expect(Self.pixel(pixels, x: 7, y: 3, width: 8) == [0, 3, 3])
        ImageAugmentation(recipe).apply(to: &pixels, width: 8, height: 4)
        #expect(pixels == Self.gradient())
    }

    /// Tone curve values computed by hand; ±0 because the table rounds the same formula.
    @Test func brightnessContrastAndGammaFollowTheirFormulas() {
        func tone(_ value: UInt8, brightness: Double = 1, contrast: Double = 1, gamma: Double = 1) -> UInt8 {
            var recipe = AugmentationRecipe()
            recipe.brightness = brightness
            recipe.contrast = contrast
            recipe.gamma = gamma
            var pixels: [UInt8] = [value, value, value]
            ImageAugmentation(recipe).apply(to: &pixels, width: 1, height: 1)
            return pixels[0]
        }
        #expect(tone(100, brightness: 1.3) == 130)
        #expect(tone(250, brightness: 1.3) == 255)  // clamped
        #expect(tone(200, contrast: 1.3) == 222)  // 128 + 72 × 1.3 = 221.6
        #expect(tone(50, contrast: 0.7) == 73)  // 128 − 78 × 0.7 = 73.4
        #expect(tone(128, gamma: 2) == 64)  // 255 × (128/255)² = 64.25
    }

    @Test func saturationZeroGivesGreyAndAFullHueTurnChangesNothing() {
        var grey = AugmentationRecipe()
        grey.saturation = 0
        var pixels: [UInt8] = [200, 40, 90]
        ImageAugmentation(grey).apply(to: &pixels, width: 1, height: 1)
        // Luma 0.299·200 + 0.587·40 + 0.114·90 = 93.5; the YIQ→RGB matrix is rounded to 4 digits, so ±1.
        for channel in pixels { #expect(abs(Int(channel) - 93) <= 1) }

        var turn = AugmentationRecipe()
        turn.hueDegrees = 360
        var colours: [UInt8] = [200, 40, 90, 10, 220, 30]
        ImageAugmentation(turn).apply(to: &colours, width: 2, height: 1)
        // Same rounding: ±2 of 255.
        for (after, before) in zip(colours, [200, 40, 90, 10, 220, 30] as [UInt8]) { #expect(abs(Int(after) - Int(before)) <= 2) }
    }

    @Test func blurKeepsAFlatImageAndSpreadsAPointSymmetrically() {
        var recipe = AugmentationRecipe()
        recipe.blurSigmaPixels = 1
        var flat = [UInt8](repeating: 77, count: 9 * 9 * 3)
        ImageAugmentation(recipe).apply(to: &flat, width: 9, height: 9)
        #expect(flat.allSatisfy { $0 == 77 })  // weights sum to 1, edges clamped: exact

        var point = [UInt8](repeating: 0, count: 9 * 9 * 3)
        point[(4 * 9 + 4) * 3] = 255
        ImageAugmentation(recipe).apply(to: &point, width: 9, height: 9)
        let centre = Int(point[(4 * 9 + 4) * 3])
        // A σ = 1 px Gaussian keeps 0.399² ≈ 15.9% at the centre: 255 × 0.159 ≈ 40.6.
        #expect(abs(centre - 41) <= 1)
        #expect(point[(4 * 9 + 3) * 3] == point[(4 * 9 + 5) * 3])
        #expect(point[(3 * 9 + 4) * 3] == point[(5 * 9 + 4) * 3])
        let total = stride(from: 0, to: point.count, by: 3).reduce(0) { $0 + Int(point[$1]) }
        #expect(abs(total - 255) <= 20)  // 81 pixels each rounded: ±0.5 each at worst, ±20 in practice
    }

    @Test func recipesAreDrawnInRangeAndReproducible() throws {
        var first = SeededGenerator(seed: 5), second = SeededGenerator(seed: 5)
        let kinds = Set(AugmentationRecipe.Kind.allCases)
        for _ in 0..<50 {
            let recipe = AugmentationRecipe.random(kinds, using: &first)
            #expect(recipe == AugmentationRecipe.random(kinds, using: &second))
            #expect((0.7...1.3).contains(recipe.brightness) && (0.7...1.3).contains(recipe.contrast))
            #expect((0.5...2.0).contains(recipe.blurSigmaPixels) && (-15...15).contains(recipe.hueDegrees))
            #expect((0.7...1.4).contains(recipe.gamma) && recipe.flip)
        }
        var generator = SeededGenerator(seed: 1)
        let flipOnly = AugmentationRecipe.random([.flip], using: &generator)
        #expect(flipOnly.brightness == 1 && flipOnly.flip && flipOnly.blurSigmaPixels == 0)
        #expect(throws: DataError.self) { try AugmentationRecipe.kinds(["flip", "sepia"]) }
    }

    /// A stand-in landmarker that records what it is given (the wrapper is under test here).
    final class RecordingEstimator: PoseEstimator {
        var frames: [RGBFrame] = []
        func estimate(_ frame: RGBFrame, timestampMilliseconds: Int64) throws -> [DetectedPose] {
            frames.append(frame)
            return []
        }
    }

    @Test func theWrappedEstimatorSeesTheAugmentedFrame() throws {
        let inner = RecordingEstimator()
        var recipe = AugmentationRecipe()
        recipe.flip = true
        let estimator = AugmentingPoseEstimator(inner, recipe: recipe)
        _ = try estimator.estimate(RGBFrame(index: 0, timeSeconds: 0, width: 8, height: 4, pixels: Self.gradient()), timestampMilliseconds: 0)
        #expect(Self.pixel(inner.frames[0].pixels, x: 0, y: 0, width: 8) == [7, 0, 7])
    }
}
