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

    /// Lane-wise square root, one instruction on x86-64. The standard library's `squareRoot()` on a
    /// SIMD vector compiles to one scalar square root per lane, each behind a branch for negative
    /// input (libm's `errno`); in Adam's update that was most of the time.
    @inline(__always)
    static func squareRoot(_ x: Vector) -> Vector {
        #if GAITML_AVX512
        return _mm512_sqrt_ps(x)
        #elseif arch(x86_64)
        return _mm256_sqrt_ps(x)
        #else
        return x.squareRoot()
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

    /// Splits `0..<count` into whole registers (their offsets) and the remainder (its offset and
    /// length), for kernels generic over `RegisterSlice`.
    static func slices(count: Int) -> (whole: StrideTo<Int>, remainder: (offset: Int, slice: PartialRegister)?) {
        let wholeCount = count / Vector.scalarCount * Vector.scalarCount
        return (stride(from: 0, to: wholeCount, by: Vector.scalarCount),
                wholeCount < count ? (wholeCount, PartialRegister(count: count - wholeCount)) : nil)
    }
}

/// How a kernel reads and writes one register's worth of floats: all of them (`FullRegister`) or
/// the first `count` (`PartialRegister`, the remainder of a row).
///
/// Element-wise kernels take one as a generic parameter, so they are compiled once per kind and the
/// copy for whole registers has no lane-by-lane path. With the lane count an ordinary variable the
/// two paths share one body, and in an AVX-512 build the arithmetic there ran on 4-lane pieces
/// (perf: the LSTM's gate pass took 2.7× as long).
protocol RegisterSlice {
    func load(_ pointer: UnsafePointer<Float>) -> FastMath.Vector
    func store(_ vector: FastMath.Vector, to pointer: UnsafeMutablePointer<Float>)
}

struct FullRegister: RegisterSlice {
    @inline(__always)
    func load(_ pointer: UnsafePointer<Float>) -> FastMath.Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: FastMath.Vector.self)
    }

    @inline(__always)
    func store(_ vector: FastMath.Vector, to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: FastMath.Vector.self)
    }
}

/// The first `count` (< `FastMath.Vector.scalarCount`) floats; loads zero-fill the other lanes.
struct PartialRegister: RegisterSlice {
    let count: Int

    func load(_ pointer: UnsafePointer<Float>) -> FastMath.Vector {
        var vector = FastMath.Vector()
        for lane in 0..<count { vector[lane] = pointer[lane] }
        return vector
    }

    func store(_ vector: FastMath.Vector, to pointer: UnsafeMutablePointer<Float>) {
        for lane in 0..<count { pointer[lane] = vector[lane] }
    }
}
