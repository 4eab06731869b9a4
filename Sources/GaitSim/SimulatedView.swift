import Foundation
import GaitCore

/// How the camera sees the runner: the ground frame placed in the world (direction of travel,
/// treadmill belt), projected through the pinhole camera, with MediaPipe-like depth and visibility.
struct SimulatedView: Sendable {
    let parameters: SimulationParameters
    let camera: Camera
    /// +1 when the runner travels towards +x (left to right in the image), −1 otherwise.
    let direction: Double

    init(parameters p: SimulationParameters) {
        parameters = p
        direction = p.direction == .leftToRight ? 1 : -1
        let centreX = p.environment == .treadmill ? 0 : direction * p.speedMetersPerSecond * p.durationSeconds / 2
        camera = Camera(
            aimAt: Vector3(x: centreX, y: p.cameraHeightMeters, z: 0), distance: p.cameraDistanceMeters,
            yawDegrees: direction * p.cameraYawDegrees, fieldOfViewDegrees: p.fieldOfViewDegrees,
            width: p.imageWidth, height: p.imageHeight)
    }

    /// Pixels per metre at the running line.
    var pixelsPerMeter: Double { camera.focalPixels / parameters.cameraDistanceMeters }

    /// A ground-frame point (x forward, y up, z right) in the world.
    func world(_ point: Vector3, at time: Double) -> Vector3 {
        let belt = parameters.environment == .treadmill ? parameters.speedMetersPerSecond * time : 0
        return Vector3(x: direction * (point.x - belt), y: point.y, z: direction * point.z)
    }

    /// The 33 landmarks as the camera sees them (before noise), or `nil` when the runner's pelvis is
    /// outside the image (no person detected).
    func observe(_ body: [Vector3], at time: Double) -> [Landmark]? {
        let projected = body.map { camera.project(world($0, at: time)) }
        let hips = [projected[BlazePoseLandmark.leftHip.rawValue], projected[BlazePoseLandmark.rightHip.rawValue]]
        let hipU = (hips[0].u + hips[1].u) / 2
        let hipDepth = (hips[0].depth + hips[1].depth) / 2
        guard hipU >= 0, hipU <= Double(camera.width) else { return nil }
        let width = Double(camera.width), height = Double(camera.height)
        return projected.map { point in
            // Nearer than the hips → facing the camera and well seen; farther → partly hidden.
            let relativeDepth = point.depth - hipDepth
            var visibility = relativeDepth < -0.02 ? 0.98 : (relativeDepth > 0.02 ? 0.82 : 0.93)
            if point.u < 0 || point.u > width || point.v < 0 || point.v > height { visibility = 0.05 }
            return Landmark(
                x: point.u / width, y: point.v / height,
                z: relativeDepth * camera.focalPixels / hipDepth / width, visibility: visibility)
        }
    }

    /// Whether `point` belongs to the leg farther from the camera (the one that gets occluded).
    func isFarLeg(_ point: BlazePoseLandmark) -> Bool {
        // The runner's right side faces the camera when travelling left to right.
        let farSide: BodySide = direction > 0 ? .left : .right
        let leg = LegLandmarks(farSide)
        return [leg.knee, leg.ankle, leg.heel, leg.footIndex].contains(point)
    }
}
