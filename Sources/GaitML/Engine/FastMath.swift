#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Vectorised `exp`, logistic sigmoid and `tanh` over one SIMD register of floats at a time,
/// accurate to a few ulp.
///
/// The standard library calls one scalar `expf` per element; the LSTM evaluates about a million
/// gate nonlinearities per training sequence, so these polynomial forms (Cephes' `expf` and `tanhf`
/// coefficients, S. L. Moshier) run a register's lanes per call instead: 16 in an AVX-512 build
/// (`GAITML_AVX512`, chosen by Package.swift from the building CPU), 8 (AVX2) otherwise.
enum FastMath {
    #if GAITML_AVX512
    typealias Vector = SIMD16<Float>
    typealias Bits = SIMD16<UInt32>
    #else
    typealias Vector = SIMD8<Float>
    typealias Bits = SIMD8<UInt32>
    #endif

    /// Lane-wise minimum, one instruction on x86-64. The standard library's `pointwiseMin` is not
    /// inlined, and masked replacement (`replace(with:where:)`) of 16 lanes compiles to a split into
    /// four 4-lane parts; together they cost a fifth of the LSTM's gate pass.
    @inline(__always)
    static func minimum(_ a: Vector, _ b: Vector) -> Vector {
        #if GAITML_AVX512
        return _mm512_min_ps(a, b)
        #elseif arch(x86_64)
        return _mm256_min_ps(a, b)
        #else
        return pointwiseMin(a, b)
        #endif
    }

    /// Lane-wise maximum (see `minimum`).
    @inline(__always)
    static func maximum(_ a: Vector, _ b: Vector) -> Vector {
        #if GAITML_AVX512
        return _mm512_max_ps(a, b)
        #elseif arch(x86_64)
        return _mm256_max_ps(a, b)
        #else
        return pointwiseMax(a, b)
        #endif
    }

    /// e^x, with x clamped to [-87.3, 88.7] (the float range).
    @inline(__always)
    static func exp(_ x: Vector) -> Vector {
        let clamped = maximum(minimum(x, Vector(repeating: 88.72)), Vector(repeating: -87.33))
        // Adding 1.5·2²³ rounds x·log₂e to an integer n held in the low mantissa bits, without a
        // float-to-integer conversion (which has no vector form in the standard library).
        let magic = Vector(repeating: 12_582_912)
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        // r = x − n·ln 2, with ln 2 split in two parts so that r is exact.
        var r = clamped - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p = Vector(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        p = p * (r * r) + r + 1
        let integer = unsafeBitCast(shifted, to: Bits.self) &- unsafeBitCast(magic, to: Bits.self)
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Vector.self)
        return p * scale
    }

    /// The logistic function 1 / (1 + e^−x).
    @inline(__always)
    static func sigmoid(_ x: Vector) -> Vector {
        1 / (1 + exp(-x))
    }

    /// The hyperbolic tangent: a polynomial near 0 (where 1 − 2/(1 + e^2x) would lose relative
    /// precision), that identity elsewhere. The two are blended by a weight that is 1 below
    /// |x| = 0.625 − 10⁻⁶ and 0 above 0.625 (arithmetic instead of a lane mask, see `minimum`);
    /// in that band both forms are accurate.
    @inline(__always)
    static func tanh(_ x: Vector) -> Vector {
        let large = 1 - 2 / (1 + exp(2 * x))
        let z = x * x
        var p = Vector(repeating: -5.704_988_727_45e-3)
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = p * z * x + x
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: Bits.self) & 0x7FFF_FFFF, to: Vector.self)
        let nearZero = maximum(minimum((0.625 - magnitude) * 1e6, Vector(repeating: 1)), Vector())
        return large + nearZero * (small - large)
    }

    /// Loads `count` (≤ `Vector.scalarCount`) floats from `pointer`, zero-filling the rest.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>, count: Int) -> Vector {
        if count == Vector.scalarCount {
            return UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
        }
        var vector = Vector()
        for lane in 0..<count { vector[lane] = pointer[lane] }
        return vector
    }

    /// Stores the first `count` (≤ `Vector.scalarCount`) lanes of `vector` at `pointer`.
    @inline(__always)
    static func store(_ vector: Vector, to pointer: UnsafeMutablePointer<Float>, count: Int) {
        if count == Vector.scalarCount {
            UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
            return
        }
        for lane in 0..<count { pointer[lane] = vector[lane] }
    }

    /// Calls `body(offset, lanes)` for consecutive slices of `0..<count`, a register (`lanes` =
    /// `Vector.scalarCount`) at a time, then once for the remainder (`lanes` < `Vector.scalarCount`).
    ///
    /// The full registers get a loop of their own so that the compiler sees a constant lane count
    /// there: in one loop that also handles the remainder (`load(_:count:)` with a variable count), the
    /// lane-by-lane path spills into the arithmetic, which then runs on 4-lane pieces (perf: the LSTM's
    /// gate pass took 2.7× as long that way in an AVX-512 build).
    @inline(__always)
    static func forEachSlice(count: Int, _ body: (_ offset: Int, _ lanes: Int) -> Void) {
        var offset = 0
        while offset + Vector.scalarCount <= count {
            body(offset, Vector.scalarCount)
            offset += Vector.scalarCount
        }
        if offset < count { body(offset, count - offset) }
    }
}
