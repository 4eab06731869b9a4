import GaitCore

/// An axis-aligned box in image pixels (x right, y down).
public struct PixelBox: Equatable, Sendable {
    public var xMin: Double
    public var yMin: Double
    public var xMax: Double
    public var yMax: Double

    public init(xMin: Double, yMin: Double, xMax: Double, yMax: Double) {
        self.xMin = xMin
        self.yMin = yMin
        self.xMax = xMax
        self.yMax = yMax
    }

    /// The box around a frame's measured landmarks, widened by `margin` of its size and clipped
    /// to the image; `nil` when the frame has no person.
    public static func around(_ frame: PoseFrame, width: Int, height: Int, margin: Double = 0.1) -> PixelBox? {
        let points = (frame.landmarks ?? []).compactMap { $0 }.filter(\.isFinite)
        guard let first = points.first else { return nil }
        var box = PixelBox(xMin: first.x, yMin: first.y, xMax: first.x, yMax: first.y)
        for point in points {
            box.xMin = min(box.xMin, point.x)
            box.xMax = max(box.xMax, point.x)
            box.yMin = min(box.yMin, point.y)
            box.yMax = max(box.yMax, point.y)
        }
        let padX = (box.xMax - box.xMin) * margin, padY = (box.yMax - box.yMin) * margin
        return PixelBox(xMin: max(0, (box.xMin - padX)) * Double(width), yMin: max(0, (box.yMin - padY)) * Double(height),
                        xMax: min(1, (box.xMax + padX)) * Double(width), yMax: min(1, (box.yMax + padY)) * Double(height))
    }
}
