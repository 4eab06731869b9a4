import GaitCore

/// One image-level augmentation of a whole video, applied identically to every RGB frame before
/// pose estimation (so the clip keeps one consistent look, as a different camera or day would
/// give). Drawn at random within the ranges below from a seeded generator.
public struct AugmentationRecipe: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The kinds a recipe may use, by the names `pipeline.yaml` and `--augment` accept.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case brightness, contrast, blur, hueSaturation, gamma, flip
    }

    /// Multiplies every channel: 0.7-1.3 (±30%).
    public var brightness = 1.0
    /// Scales the distance from mid-grey (128): 0.7-1.3 (±30%).
    public var contrast = 1.0
    /// Gaussian blur standard deviation in pixels: 0 (none) or 0.5-2.0.
    public var blurSigmaPixels = 0.0
    /// Hue rotation in degrees: −15…15.
    public var hueDegrees = 0.0
    /// Saturation factor: 0.7-1.3.
    public var saturation = 1.0
    /// Gamma: 0.7-1.4 (output = input^gamma on 0-1 values).
    public var gamma = 1.0
    /// Mirror left-right; the video's left/right labels swap.
    public var flip = false

    public init() {}

    /// A recipe using the `kinds` given, each value drawn uniformly from its range.
    public static func random(_ kinds: Set<Kind>, using generator: inout some RandomNumberGenerator) -> AugmentationRecipe {
        var recipe = AugmentationRecipe()
        // Draw every value in a fixed order whatever the kinds, so adding a kind does not change the others.
        let brightness = Double.random(in: 0.7...1.3, using: &generator)
        let contrast = Double.random(in: 0.7...1.3, using: &generator)
        let blur = Double.random(in: 0.5...2.0, using: &generator)
        let hue = Double.random(in: -15...15, using: &generator)
        let saturation = Double.random(in: 0.7...1.3, using: &generator)
        let gamma = Double.random(in: 0.7...1.4, using: &generator)
        if kinds.contains(.brightness) { recipe.brightness = brightness }
        if kinds.contains(.contrast) { recipe.contrast = contrast }
        if kinds.contains(.blur) { recipe.blurSigmaPixels = blur }
        if kinds.contains(.hueSaturation) {
            recipe.hueDegrees = hue
            recipe.saturation = saturation
        }
        if kinds.contains(.gamma) { recipe.gamma = gamma }
        recipe.flip = kinds.contains(.flip)
        return recipe
    }

    /// Parses augmentation names (`flip`, `brightness`, ...), or throws naming the unknown one.
    public static func kinds(_ names: [String]) throws -> Set<Kind> {
        try Set(names.map { name in
            guard let kind = Kind(rawValue: name) else {
                throw DataError.invalidOption(option: "augment", reason: "\"\(name)\" is not an augmentation; use \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        })
    }

    /// True when the recipe changes nothing.
    public var isIdentity: Bool { self == AugmentationRecipe() }

    public var description: String {
        var parts: [String] = []
        if brightness != 1 { parts.append(String(format: "brightness ×%.3f", brightness)) }
        if contrast != 1 { parts.append(String(format: "contrast ×%.3f", contrast)) }
        if blurSigmaPixels > 0 { parts.append(String(format: "blur σ %.2f px", blurSigmaPixels)) }
        if hueDegrees != 0 { parts.append(String(format: "hue %+.1f°", hueDegrees)) }
        if saturation != 1 { parts.append(String(format: "saturation ×%.3f", saturation)) }
        if gamma != 1 { parts.append(String(format: "gamma %.3f", gamma)) }
        if flip { parts.append("flip") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
