/// The hip joint centres from the pelvis markers by the regression of Harrington et al.
/// (Harrington ME, Zavatsky AB, Lawson SEM, Yuan Z, Theologis TN, "Prediction of the hip joint
/// centre in adults, children, and patients with cerebral palsy based on magnetic resonance
/// imaging", J Biomech 40:595-602, 2007), single-variable form:
///
///     x = −0.24 PD − 9.9 mm   (posterior)
///     y = −0.30 PW − 10.9 mm  (inferior)
///     z = ±(0.33 PW + 7.3) mm (lateral; + right, − left)
///
/// in the pelvis frame with its origin midway between the ASIS markers, z from the left to the
/// right ASIS, x anterior (perpendicular to z, in the plane of the ASIS and the mid-PSIS point),
/// y = z × x superior; PW is the inter-ASIS distance and PD the distance between the ASIS and the
/// PSIS midpoints. Harrington et al. report leave-one-out errors of about 5 mm per axis in adults.
enum HipJointCentre {
    /// The right and left hip joint centres (mm, laboratory frame) for one set of pelvis markers.
    static func harrington2007(
        rightASIS: Point3, leftASIS: Point3, rightPSIS: Point3, leftPSIS: Point3
    ) -> (right: Point3, left: Point3) {
        let origin = (rightASIS + leftASIS) / 2
        let midPSIS = (rightPSIS + leftPSIS) / 2
        let z = (rightASIS - leftASIS).normalized
        let forward = origin - midPSIS
        let x = (forward - z * forward.dot(z)).normalized
        let y = z.cross(x)
        let pelvicWidth = (rightASIS - leftASIS).length
        let pelvicDepth = forward.length
        let posterior = -0.24 * pelvicDepth - 9.9
        let inferior = -0.30 * pelvicWidth - 10.9
        let lateral = 0.33 * pelvicWidth + 7.3
        let common = origin + x * posterior + y * inferior
        return (right: common + z * lateral, left: common - z * lateral)
    }
}
