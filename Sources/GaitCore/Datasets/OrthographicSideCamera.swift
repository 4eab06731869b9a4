/// A virtual camera that films a marker-based laboratory recording from the side, for turning
/// 3-D joint centres into the 2-D landmarks a video pose estimator would give.
///
/// Orthographic projection along the laboratory's medio-lateral axis Z, from the runner's right
/// (+Z) side: image x grows with laboratory X (the running direction, so the runner faces right
/// and moves left to right), image y grows downward as laboratory Y (up) falls. Laboratory
/// Y = 0 (the floor, here the belt surface) is drawn at row `groundRowPixels`.
struct OrthographicSideCamera {
    /// Image width and height, pixels.
    var width = 1920
    var height = 1080
    /// Scale, pixels per metre (the same at every depth: orthographic).
    var pixelsPerMeter = 500.0
    /// Image row of laboratory Y = 0, pixels from the top.
    var groundRowPixels = 1020.0
    /// Laboratory X (mm) drawn at the horizontal centre of the image.
    var centreXMillimetres: Double

    /// The landmark of laboratory point `p` (mm): x, y normalised to the image; z MediaPipe-style
    /// depth relative to `depthOrigin` (the hip midpoint), in the units of x, negative towards the
    /// camera; visibility 1 (a marker-based point is always measured).
    func landmark(_ p: Point3, depthOrigin: Point3) -> Landmark {
        let pixelsPerMillimetre = pixelsPerMeter / 1000
        let u = Double(width) / 2 + (p.x - centreXMillimetres) * pixelsPerMillimetre
        let v = groundRowPixels - p.y * pixelsPerMillimetre
        let depth = -(p.z - depthOrigin.z) * pixelsPerMillimetre / Double(width)
        return Landmark(x: u / Double(width), y: v / Double(height), z: depth, visibility: 1)
    }
}
