import Foundation

/// Applies an `AugmentationRecipe` to packed 8-bit RGB frames (3 bytes per pixel, rows top to
/// bottom, no padding), in place. Order: colour (one 3×3 matrix for hue and saturation, then one
/// lookup table per byte for brightness, contrast and gamma), blur, flip.
///
/// Colour maths: hue rotates the chroma plane of YIQ about the luma axis, saturation scales chroma
/// (both linear, so one matrix); brightness multiplies, contrast scales the distance from 128, and
/// gamma maps v/255 to (v/255)^γ; results are rounded and clamped to 0-255.
public struct ImageAugmentation: Sendable {
    public let recipe: AugmentationRecipe
    /// Byte → byte table for brightness, contrast and gamma.
    let toneTable: [UInt8]
    /// Row-major 3×3 RGB → RGB matrix for hue and saturation (identity when unchanged).
    let colourMatrix: [Float]
    /// Normalised 1-D Gaussian kernel (odd length), empty for no blur.
    let blurKernel: [Float]

    public init(_ recipe: AugmentationRecipe) {
        self.recipe = recipe
        toneTable = (0..<256).map { value in
            var v = Double(value) * recipe.brightness
            v = (v - 128) * recipe.contrast + 128
            v = 255 * pow(min(max(v, 0), 255) / 255, recipe.gamma)
            return UInt8(min(max(v.rounded(), 0), 255))
        }
        colourMatrix = Self.hueSaturationMatrix(degrees: recipe.hueDegrees, saturation: recipe.saturation)
        blurKernel = Self.gaussianKernel(sigma: recipe.blurSigmaPixels)
    }

    /// Augments one frame of `width × height` pixels.
    public func apply(to pixels: inout [UInt8], width: Int, height: Int) {
        precondition(pixels.count == width * height * 3, "packed RGB: width × height × 3 bytes")
        if recipe.hueDegrees != 0 || recipe.saturation != 1 { applyColourMatrix(&pixels) }
        if recipe.brightness != 1 || recipe.contrast != 1 || recipe.gamma != 1 { applyToneTable(&pixels) }
        if !blurKernel.isEmpty { blur(&pixels, width: width, height: height) }
        if recipe.flip { Self.flipHorizontally(&pixels, width: width, height: height) }
    }

    func applyToneTable(_ pixels: inout [UInt8]) {
        toneTable.withUnsafeBufferPointer { table in
            pixels.withUnsafeMutableBufferPointer { bytes in
                for index in bytes.indices { bytes[index] = table[Int(bytes[index])] }
            }
        }
    }

    func applyColourMatrix(_ pixels: inout [UInt8]) {
        let m = colourMatrix
        pixels.withUnsafeMutableBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let r = Float(bytes[index]), g = Float(bytes[index + 1]), b = Float(bytes[index + 2])
                bytes[index] = Self.clampToByte(m[0] * r + m[1] * g + m[2] * b)
                bytes[index + 1] = Self.clampToByte(m[3] * r + m[4] * g + m[5] * b)
                bytes[index + 2] = Self.clampToByte(m[6] * r + m[7] * g + m[8] * b)
                index += 3
            }
        }
    }

    /// Separable Gaussian blur, edges clamped (the nearest edge pixel repeats).
    func blur(_ pixels: inout [UInt8], width: Int, height: Int) {
        let radius = blurKernel.count / 2
        var horizontal = [Float](repeating: 0, count: pixels.count)
        blurKernel.withUnsafeBufferPointer { kernel in
            pixels.withUnsafeBufferPointer { source in
                horizontal.withUnsafeMutableBufferPointer { target in
                    for y in 0..<height {
                        let row = y * width * 3
                        for x in 0..<width {
                            var sum: (Float, Float, Float) = (0, 0, 0)
                            for k in -radius...radius {
                                let sx = min(max(x + k, 0), width - 1)
                                let weight = kernel[k + radius]
                                let p = row + sx * 3
                                sum.0 += weight * Float(source[p]); sum.1 += weight * Float(source[p + 1]); sum.2 += weight * Float(source[p + 2])
                            }
                            let q = row + x * 3
                            target[q] = sum.0; target[q + 1] = sum.1; target[q + 2] = sum.2
                        }
                    }
                }
            }
        }
        blurKernel.withUnsafeBufferPointer { kernel in
            horizontal.withUnsafeBufferPointer { source in
                pixels.withUnsafeMutableBufferPointer { target in
                    for y in 0..<height {
                        for x in 0..<width {
                            var sum: (Float, Float, Float) = (0, 0, 0)
                            for k in -radius...radius {
                                let sy = min(max(y + k, 0), height - 1)
                                let weight = kernel[k + radius]
                                let p = (sy * width + x) * 3
                                sum.0 += weight * source[p]; sum.1 += weight * source[p + 1]; sum.2 += weight * source[p + 2]
                            }
                            let q = (y * width + x) * 3
                            target[q] = Self.clampToByte(sum.0); target[q + 1] = Self.clampToByte(sum.1); target[q + 2] = Self.clampToByte(sum.2)
                        }
                    }
                }
            }
        }
    }

    /// Mirrors each row: pixel x goes to width − 1 − x.
    static func flipHorizontally(_ pixels: inout [UInt8], width: Int, height: Int) {
        pixels.withUnsafeMutableBufferPointer { bytes in
            for y in 0..<height {
                var left = y * width * 3, right = left + (width - 1) * 3
                while left < right {
                    for channel in 0..<3 { bytes.swapAt(left + channel, right + channel) }
                    left += 3
                    right -= 3
                }
            }
        }
    }

    /// RGB → YIQ, rotate and scale the IQ plane, YIQ → RGB, as one matrix.
    static func hueSaturationMatrix(degrees: Double, saturation: Double) -> [Float] {
        let toYIQ: [[Double]] = [[0.299, 0.587, 0.114], [0.595716, -0.274453, -0.321263], [0.211456, -0.522591, 0.311135]]
        let toRGB: [[Double]] = [[1, 0.9563, 0.6210], [1, -0.2721, -0.6474], [1, -1.1070, 1.7046]]
        let angle = degrees * .pi / 180
        let chroma: [[Double]] = [[1, 0, 0],
                                  [0, saturation * cos(angle), -saturation * sin(angle)],
                                  [0, saturation * sin(angle), saturation * cos(angle)]]
        func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
            (0..<3).map { i in (0..<3).map { j in (0..<3).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
        }
        let matrix = multiply(toRGB, multiply(chroma, toYIQ))
        return matrix.flatMap { $0.map(Float.init) }
    }

    /// A normalised Gaussian of radius ⌈3σ⌉; empty for σ ≤ 0.
    static func gaussianKernel(sigma: Double) -> [Float] {
        guard sigma > 0 else { return [] }
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        return weights.map { Float($0 / total) }
    }

    @inline(__always) static func clampToByte(_ value: Float) -> UInt8 {
        UInt8(min(max(value.rounded(), 0), 255))
    }
}
