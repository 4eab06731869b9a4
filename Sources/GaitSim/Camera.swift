import Foundation

/// A pinhole camera on a tripod beside the running line, aimed horizontally at it.
///
/// World frame: x along the running line, y up, z towards the camera side. The camera sits at
/// `distance` from its aim point, turned by `yaw` towards the direction the runner is heading (an
/// oblique front-side view); yaw 0 is a pure side view.
struct Camera: Sendable {
    let position: Vector3
    let forward: Vector3
    let right: Vector3
    let up: Vector3
    /// Focal length in pixels.
    let focalPixels: Double
    let width: Int
    let height: Int

    init(aimAt target: Vector3, distance: Double, yawDegrees: Double, fieldOfViewDegrees: Double, width: Int, height: Int) {
        let yaw = yawDegrees * .pi / 180
        position = target + Vector3(x: distance * sin(yaw), y: 0, z: distance * cos(yaw))
        forward = (target - position).normalized
        right = forward.cross(Vector3(x: 0, y: 1, z: 0)).normalized
        up = right.cross(forward)
        focalPixels = Double(max(width, height)) / 2 / tan(fieldOfViewDegrees * .pi / 360)
        self.width = width
        self.height = height
    }

    /// Projects a world point: pixel coordinates (x right, y down) and depth along the axis (metres).
    func project(_ point: Vector3) -> (u: Double, v: Double, depth: Double) {
        let relative = point - position
        let depth = relative.dot(forward)
        let u = Double(width) / 2 + focalPixels * relative.dot(right) / depth
        let v = Double(height) / 2 - focalPixels * relative.dot(up) / depth
        return (u, v, depth)
    }
}
