/// A point or direction in the simulator's body frame: `x` forward (direction of travel),
/// `y` up, `z` to the runner's right. Metres.
struct Vector3: Equatable, Sendable {
    var x: Double
    var y: Double
    var z: Double

    static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(x: a.x + b.x, y: a.y + b.y, z: a.z + b.z) }
    static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(x: a.x - b.x, y: a.y - b.y, z: a.z - b.z) }
    static func * (s: Double, a: Vector3) -> Vector3 { Vector3(x: s * a.x, y: s * a.y, z: s * a.z) }

    func dot(_ other: Vector3) -> Double { x * other.x + y * other.y + z * other.z }
    func cross(_ o: Vector3) -> Vector3 { Vector3(x: y * o.z - z * o.y, y: z * o.x - x * o.z, z: x * o.y - y * o.x) }
    var length: Double { dot(self).squareRoot() }
    var normalized: Vector3 { (1 / length) * self }
}
