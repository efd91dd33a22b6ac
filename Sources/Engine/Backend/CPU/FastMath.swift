/// Branch-free float32 transcendentals that the loop vectoriser can turn into SIMD code (glibc's
/// `expf`/`tanhf` are opaque calls, one element at a time).
///
/// `exp` is Cephes' `expf`: n = round(x·log₂e), r = x − n·ln 2 in two parts (exact: n·C1 has ≤ 17
/// significant bits and x − n·C1 is exact by Sterbenz), a degree-7 polynomial for eʳ, then a
/// scale by 2ⁿ as two halves so that subnormal results round once and 2¹²⁸ needs no special case.
/// Error ≤ 2 ulp over the whole range against glibc's `expf` (see `FastMathTests`); NaN stays
/// NaN, overflow gives +∞, underflow gives (signed-correctly rounded) subnormals and 0.
enum FastMath {
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        // Beyond these, exp is +∞ / 0 in float32 anyway. Written so that NaN passes through.
        var x = x > 88.8 ? 88.8 : x
        x = x < -104 ? -104 : x
        // Round x·log₂e to an integer with the 1.5·2²³ trick (valid for |n| < 2²²): afterwards the
        // low mantissa bits of t hold n.
        let magic: Float = 12_582_912
        let t = x * 1.442_695_04 + magic
        let n = t - magic
        let r = (x - n * 0.693_359_375) - n * -2.121_944_40e-4
        let z = r * r
        var p: Float = 1.987_569_150_0e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        p = (p * z + r) + 1
        // 2ⁿ as 2^(n>>1) · 2^(n − n>>1): both halves are normal numbers for n in [−150, 128].
        let ni = Int32(bitPattern: t.bitPattern) &- 0x4B40_0000
        let n1 = ni &>> 1
        let n2 = ni &- n1
        let s1 = Float(bitPattern: UInt32(bitPattern: (n1 &+ 127) &<< 23))
        let s2 = Float(bitPattern: UInt32(bitPattern: (n2 &+ 127) &<< 23))
        return (p * s1) * s2
    }

    /// tanh as Cephes' `tanhf`: an odd polynomial below |x| = 0.625, 1 − 2/(e^{2|x|} + 1) above
    /// (both computed, one selected, so the loop stays branch-free); the sign is copied from x so
    /// tanh(−0) = −0. Error ≤ 2 ulp against glibc's `tanhf` (see `FastMathTests`).
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let ax = Float(bitPattern: x.bitPattern & 0x7FFF_FFFF)
        let large = 1 - 2 / (exp(ax + ax) + 1)
        let z = ax * ax
        var p: Float = -5.704_988_727_45e-3
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = (p * z) * ax + ax
        let r = ax >= 0.625 ? large : small
        return Float(bitPattern: r.bitPattern | (x.bitPattern & 0x8000_0000))
    }

    /// 1 / (1 + e^−x), the same formula as before on the vectorisable `exp`.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        1 / (1 + exp(-x))
    }
}
