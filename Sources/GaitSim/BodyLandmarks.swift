import Foundation
import GaitCore

extension RunnerKinematics {
    /// All 33 BlazePose landmarks at `time` in the ground frame (x forward, y up, z to the runner's
    /// right; metres), in `BlazePoseLandmark` order; `nil` outside the simulated span.
    func landmarks(at time: Double) -> [Vector3]? {
        guard let left = leg(.left, at: time), let right = leg(.right, at: time) else { return nil }
        var points = [Vector3](repeating: Vector3(x: 0, y: 0, z: 0), count: BlazePoseLandmark.count)
        func set(_ point: BlazePoseLandmark, _ p: SagittalPoint, z: Double) {
            points[point.rawValue] = Vector3(x: p.x, y: p.y, z: z)
        }
        let hipZ = body.hipWidth / 2
        let footZ = hipZ  // feet track under the hips
        set(.leftHip, left.hip, z: -hipZ)
        set(.rightHip, right.hip, z: hipZ)
        set(.leftKnee, left.knee, z: -hipZ)
        set(.rightKnee, right.knee, z: hipZ)
        set(.leftAnkle, left.ankle, z: -footZ)
        set(.rightAnkle, right.ankle, z: footZ)
        let leftFoot = footLandmarks(left, offsets: parameters.foot(.left))
        let rightFoot = footLandmarks(right, offsets: parameters.foot(.right))
        set(.leftHeel, leftFoot.heel, z: -footZ)
        set(.rightHeel, rightFoot.heel, z: footZ)
        set(.leftFootIndex, leftFoot.index, z: -footZ)
        set(.rightFootIndex, rightFoot.index, z: footZ)

        // Trunk: a rigid segment from the pelvis, leaning forward.
        let pelvis = left.hip
        let lean = parameters.trunkLeanDegrees * .pi / 180
        let shoulders = SagittalPoint(x: pelvis.x + body.trunk * sin(lean), y: pelvis.y + body.trunk * cos(lean))
        let shoulderZ = body.shoulderWidth / 2
        set(.leftShoulder, shoulders, z: -shoulderZ)
        set(.rightShoulder, shoulders, z: shoulderZ)

        // Head: held more upright than the trunk.
        let headLean = lean / 2
        let ears = SagittalPoint(x: shoulders.x + body.neckToEars * sin(headLean), y: shoulders.y + body.neckToEars * cos(headLean))
        let h = body.height
        func head(_ point: BlazePoseLandmark, forward: Double, up: Double, z: Double) {
            let c = cos(headLean), s = sin(headLean)
            set(point, SagittalPoint(x: ears.x + forward * c + up * s, y: ears.y - forward * s + up * c), z: z)
        }
        head(.leftEar, forward: 0, up: 0, z: -0.045 * h)
        head(.rightEar, forward: 0, up: 0, z: 0.045 * h)
        head(.nose, forward: 0.06 * h, up: -0.012 * h, z: 0)
        head(.leftEyeInner, forward: 0.052 * h, up: 0.008 * h, z: -0.010 * h)
        head(.leftEye, forward: 0.050 * h, up: 0.009 * h, z: -0.019 * h)
        head(.leftEyeOuter, forward: 0.046 * h, up: 0.009 * h, z: -0.028 * h)
        head(.rightEyeInner, forward: 0.052 * h, up: 0.008 * h, z: 0.010 * h)
        head(.rightEye, forward: 0.050 * h, up: 0.009 * h, z: 0.019 * h)
        head(.rightEyeOuter, forward: 0.046 * h, up: 0.009 * h, z: 0.028 * h)
        head(.mouthLeft, forward: 0.052 * h, up: -0.032 * h, z: -0.014 * h)
        head(.mouthRight, forward: 0.052 * h, up: -0.032 * h, z: 0.014 * h)

        // Arms swing against the legs: each upper arm follows the opposite thigh.
        for (side, oppositeLeg) in [(BodySide.left, right), (.right, left)] {
            let thighAngle = SagittalAngles.segmentFromVertical(top: oppositeLeg.hip, bottom: oppositeLeg.knee) * .pi / 180
            let armAngle = 0.7 * thighAngle - 0.1  // radians from vertical, positive forward
            let elbowFlexion = 85.0 * .pi / 180
            let z = side == .left ? -shoulderZ : shoulderZ
            let elbow = SagittalPoint(x: shoulders.x + body.upperArm * sin(armAngle), y: shoulders.y - body.upperArm * cos(armAngle))
            let forearmAngle = armAngle + elbowFlexion
            let wrist = SagittalPoint(x: elbow.x + body.forearm * sin(forearmAngle), y: elbow.y - body.forearm * cos(forearmAngle))
            let handReach = SagittalPoint(x: wrist.x + 0.6 * body.hand * sin(forearmAngle), y: wrist.y - 0.6 * body.hand * cos(forearmAngle))
            let thumb = SagittalPoint(x: wrist.x + 0.35 * body.hand * sin(forearmAngle + 0.5), y: wrist.y - 0.35 * body.hand * cos(forearmAngle + 0.5))
            let ids: (BlazePoseLandmark, BlazePoseLandmark, BlazePoseLandmark, BlazePoseLandmark, BlazePoseLandmark) = side == .left
                ? (.leftElbow, .leftWrist, .leftPinky, .leftIndex, .leftThumb)
                : (.rightElbow, .rightWrist, .rightPinky, .rightIndex, .rightThumb)
            set(ids.0, elbow, z: z)
            set(ids.1, wrist, z: z)
            set(ids.2, handReach, z: z + (side == .left ? 0.01 : -0.01) * h)
            set(ids.3, handReach, z: z - (side == .left ? 0.01 : -0.01) * h)
            set(ids.4, thumb, z: z - (side == .left ? 0.015 : -0.015) * h)
        }
        return points
    }

    /// Where the heel and foot-index landmarks sit on `leg`'s foot: raised off the sole and (the
    /// foot index) set back from the toe tip by that foot's offsets `p` (`SimulationParameters.foot`),
    /// as a marker on a shoe or a video pose estimator places them. The heel's offset turns with the
    /// rear of the foot; the foot index's with the toes, and with the rear of the foot for any
    /// setback beyond the toes' length (a point on the metatarsals).
    private func footLandmarks(_ leg: Leg, offsets p: SimulationParameters) -> (heel: SagittalPoint, index: SagittalPoint) {
        func direction(from a: SagittalPoint, to b: SagittalPoint) -> SagittalPoint {
            let length = max(a.distance(to: b), 1e-9)
            return SagittalPoint(x: (b.x - a.x) / length, y: (b.y - a.y) / length)
        }
        func offset(_ point: SagittalPoint, along: SagittalPoint, back: Double, up: Double) -> SagittalPoint {
            SagittalPoint(x: point.x - along.x * back - along.y * up, y: point.y - along.y * back + along.x * up)
        }
        let rear = direction(from: leg.heel, to: leg.toeJoint), toes = direction(from: leg.toeJoint, to: leg.toe)
        let toeLength = body.toeLength
        let index = p.footIndexSetbackMeters <= toeLength
            ? offset(leg.toe, along: toes, back: p.footIndexSetbackMeters, up: p.footIndexHeightMeters)
            : offset(leg.toeJoint, along: rear, back: p.footIndexSetbackMeters - toeLength, up: p.footIndexHeightMeters)
        return (offset(leg.heel, along: rear, back: 0, up: p.heelLandmarkHeightMeters), index)
    }
}
