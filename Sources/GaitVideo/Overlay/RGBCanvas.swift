/// An RGB colour, 8 bits per channel.
struct RGBColor: Sendable {
    var red: UInt8, green: UInt8, blue: UInt8

    static let white = RGBColor(red: 255, green: 255, blue: 255)
    static let black = RGBColor(red: 0, green: 0, blue: 0)
    /// The left side of the body.
    static let left = RGBColor(red: 255, green: 150, blue: 40)
    /// The right side of the body.
    static let right = RGBColor(red: 40, green: 200, blue: 255)
    /// A foot on the ground.
    static let contact = RGBColor(red: 60, green: 230, blue: 90)
}

/// Drawing on a packed RGB frame in place: lines, filled circles, shaded rectangles and text in
/// the built-in 5 × 7 font. Coordinates are pixels (x right, y down); drawing is clipped.
struct RGBCanvas {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(frame: RGBFrame) {
        width = frame.width
        height = frame.height
        pixels = frame.pixels
    }

    mutating func set(_ x: Int, _ y: Int, _ color: RGBColor) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = (y * width + x) * 3
        pixels[index] = color.red
        pixels[index + 1] = color.green
        pixels[index + 2] = color.blue
    }

    /// A disc of radius `radius` pixels centred at (`x`, `y`).
    mutating func fillCircle(x: Double, y: Double, radius: Double, color: RGBColor) {
        let r = Int(radius.rounded(.up))
        let cx = Int(x.rounded()), cy = Int(y.rounded())
        for dy in -r...r {
            for dx in -r...r where Double(dx * dx + dy * dy) <= radius * radius {
                set(cx + dx, cy + dy, color)
            }
        }
    }

    /// A ring (circle outline) `thickness` pixels wide.
    mutating func strokeCircle(x: Double, y: Double, radius: Double, thickness: Double, color: RGBColor) {
        let outer = radius + thickness / 2, inner = max(radius - thickness / 2, 0)
        let r = Int(outer.rounded(.up))
        let cx = Int(x.rounded()), cy = Int(y.rounded())
        for dy in -r...r {
            for dx in -r...r {
                let squared = Double(dx * dx + dy * dy)
                if squared <= outer * outer && squared >= inner * inner { set(cx + dx, cy + dy, color) }
            }
        }
    }

    /// A line `thickness` pixels wide, drawn as discs along its length.
    mutating func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), thickness: Double, color: RGBColor) {
        let length = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
        let steps = max(Int(length.rounded(.up)), 1)
        for step in 0...steps {
            let t = Double(step) / Double(steps)
            fillCircle(x: start.x + t * (end.x - start.x), y: start.y + t * (end.y - start.y), radius: thickness / 2, color: color)
        }
    }

    /// Darkens a rectangle to `1 - opacity` of its brightness, as a backdrop for text.
    mutating func shade(x: Int, y: Int, width boxWidth: Int, height boxHeight: Int, opacity: Double) {
        let keep = 1 - opacity
        for row in max(y, 0)..<min(y + boxHeight, height) {
            for column in max(x, 0)..<min(x + boxWidth, width) {
                let index = (row * width + column) * 3
                for channel in 0..<3 { pixels[index + channel] = UInt8(Double(pixels[index + channel]) * keep) }
            }
        }
    }

    /// Writes `text` with its top-left corner at (`x`, `y`), each font pixel `scale` × `scale`.
    mutating func text(_ text: String, x: Int, y: Int, scale: Int, color: RGBColor) {
        var originX = x
        for character in text {
            let rows = BitmapFont.rows(character)
            for (row, bits) in rows.enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (1 << UInt8(BitmapFont.glyphWidth - 1 - column)) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<scale { set(originX + column * scale + dx, y + row * scale + dy, color) }
                    }
                }
            }
            originX += (BitmapFont.glyphWidth + 1) * scale
        }
    }

    /// Width in pixels of `text` drawn at `scale`.
    static func textWidth(_ text: String, scale: Int) -> Int {
        text.count * (BitmapFont.glyphWidth + 1) * scale
    }
}
