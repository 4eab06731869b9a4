/// The sanity check for pixel keypoints read from a detector's file: a keypoint far outside the
/// frame means the frame size the reader was given (or assumed) is wrong, and every normalised
/// coordinate would be silently wrong with it.
enum KeypointBounds {
    /// How far outside the frame a keypoint may lie, as a fraction of the frame size (detectors
    /// place keypoints inside the image, give or take a few pixels of extrapolation).
    static let margin = 0.1

    /// True when (x, y) px lies within the `width` × `height` frame widened by `margin`.
    static func contains(x: Double, y: Double, width: Int, height: Int) -> Bool {
        let w = Double(width), h = Double(height)
        return x >= -margin * w && x <= (1 + margin) * w && y >= -margin * h && y <= (1 + margin) * h
    }
}
