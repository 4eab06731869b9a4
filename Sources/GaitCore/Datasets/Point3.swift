/// A point or direction in the laboratory, millimetres.
typealias Point3 = SIMD3<Double>

extension SIMD3 where Scalar == Double {
    func dot(_ other: Self) -> Double { (self * other).sum() }

    func cross(_ other: Self) -> Self {
        Self(y * other.z - z * other.y, z * other.x - x * other.z, x * other.y - y * other.x)
    }

    var length: Double { dot(self).squareRoot() }

    var normalized: Self { self / length }
}
