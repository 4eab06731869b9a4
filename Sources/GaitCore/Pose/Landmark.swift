/// One landmark as measured in one frame.
///
/// `x` and `y` are normalised to [0, 1] of the image width and height (x to the right, y down);
/// `z` is MediaPipe's relative depth in roughly the units of `x` (0 when unknown); `visibility`
/// is the pose estimator's confidence in [0, 1] that the point is visible.
public struct Landmark: Equatable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var z: Double
    public var visibility: Double

    public init(x: Double, y: Double, z: Double = 0, visibility: Double = 1) {
        self.x = x
        self.y = y
        self.z = z
        self.visibility = visibility
    }

    /// True when all four values are finite numbers.
    public var isFinite: Bool {
        x.isFinite && y.isFinite && z.isFinite && visibility.isFinite
    }
}

/// A point in image pixels (x right, y down).
public struct PixelPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
