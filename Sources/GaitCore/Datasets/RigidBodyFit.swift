/// A rotation followed by a translation: `p ↦ R p + t`, mapping a segment's reference (static
/// trial) configuration onto its pose in a moving frame.
struct RigidTransform {
    /// Rotation matrix rows.
    var rows: (Point3, Point3, Point3)
    var translation: Point3

    func apply(_ p: Point3) -> Point3 {
        Point3(rows.0.dot(p), rows.1.dot(p), rows.2.dot(p)) + translation
    }
}

/// Least-squares rigid-body fit between two sets of corresponding points: the rotation and
/// translation that best map `reference` onto `moved` (minimum sum of squared distances), by
/// Horn's closed-form unit-quaternion method (Horn BKP, "Closed-form solution of absolute
/// orientation using unit quaternions", J Opt Soc Am A 4:629-642, 1987). With a cluster of three
/// or more skin markers this is the standard way to follow a body segment; it tolerates a lost
/// marker as long as three remain.
enum RigidBodyFit {
    /// The best transform, or `nil` with fewer than three points or when the points are nearly
    /// collinear (the rotation about their line is then undetermined).
    static func fit(reference: [Point3], moved: [Point3]) -> RigidTransform? {
        precondition(reference.count == moved.count, "one moved point per reference point")
        guard reference.count >= 3 else { return nil }
        let n = Double(reference.count)
        let referenceCentre = reference.reduce(Point3(), +) / n
        let movedCentre = moved.reduce(Point3(), +) / n
        // Cross-covariance S[a][b] = Σ reference'_a · moved'_b over the centred points.
        var s = [[Double]](repeating: [0, 0, 0], count: 3)
        var spread = 0.0
        for (p, q) in zip(reference, moved) {
            let a = p - referenceCentre, b = q - movedCentre
            spread += a.dot(a)
            for i in 0..<3 { for j in 0..<3 { s[i][j] += a[i] * b[j] } }
        }
        guard spread > 0, !nearlyCollinear(reference.map { $0 - referenceCentre }, spread: spread) else { return nil }
        // Horn's symmetric 4 × 4 matrix; its top eigenvector is the rotation quaternion (w, x, y, z).
        let (sxx, sxy, sxz) = (s[0][0], s[0][1], s[0][2])
        let (syx, syy, syz) = (s[1][0], s[1][1], s[1][2])
        let (szx, szy, szz) = (s[2][0], s[2][1], s[2][2])
        let horn: [[Double]] = [
            [sxx + syy + szz, syz - szy, szx - sxz, sxy - syx],
            [syz - szy, sxx - syy - szz, sxy + syx, szx + sxz],
            [szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy],
            [sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz],
        ]
        let q = SymmetricEigen.largestEigenvector(horn)
        let (w, x, y, z) = (q[0], q[1], q[2], q[3])
        let rows = (
            Point3(w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y)),
            Point3(2 * (y * x + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x)),
            Point3(2 * (z * x - w * y), 2 * (z * y + w * x), w * w - x * x - y * y + z * z))
        var transform = RigidTransform(rows: rows, translation: Point3())
        transform.translation = movedCentre - transform.apply(referenceCentre)
        return transform
    }

    /// True when the centred points lie within 1% (by variance) of a single line.
    private static func nearlyCollinear(_ centred: [Point3], spread: Double) -> Bool {
        // The largest principal axis carries almost all the spread when the points are collinear.
        var covariance = [[Double]](repeating: [0, 0, 0], count: 3)
        for p in centred { for i in 0..<3 { for j in 0..<3 { covariance[i][j] += p[i] * p[j] } } }
        let axis = SymmetricEigen.largestEigenvector(covariance)
        let along = centred.reduce(0) { $0 + pow2(Point3(axis[0], axis[1], axis[2]).dot($1)) }
        return spread - along < 0.01 * spread
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
