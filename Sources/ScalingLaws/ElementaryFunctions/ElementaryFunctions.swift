#if canImport(Glibc)
import Glibc
#endif

/// exp and log on two lanes at once, for the Approach 3 objective's inner loop.
///
/// Hand-written because the loop spends most of its time in exp and log, and Glibc offers
/// them one number per call only (no vector variants reachable from Swift without compiler
/// flags). Two lanes (SIMD2) map onto SSE2, which every x86-64 and ARM64 has, so no flag is
/// needed. Both are branch-free and accurate to a few ulp (≤ 1e-15 relative, checked against
/// Glibc in ElementaryFunctionsTests) on the ranges below; callers check the ranges.
enum ElementaryFunctions {
    /// Lanes of `exp` must lie in this range (2^k stays a normal number, no overflow).
    static let expDomain: ClosedRange<Double> = -700...700

    /// 2^(j/64) for j = 0…63 (Glibc's exp2, within an ulp), for `exp`'s table reduction.
    static let expTable: [Double] = (0..<64).map { Glibc.exp2(Double($0) / 64) }

    /// e^x for x in `expDomain`.
    @inline(__always)
    static func exp(_ x: SIMD2<Double>) -> SIMD2<Double> {
        expTable.withUnsafeBufferPointer { exp(x, table: $0) }
    }

    /// e^x for x in `expDomain`: x = (64k + j)·ln 2/64 + r with |r| ≤ ln 2/128, so
    /// e^x = 2^k · 2^(j/64) · e^r, with 2^(j/64) from the table and e^r by its Taylor
    /// polynomial of degree 6 (truncation below 3e-20 relative on that small range: a degree-13
    /// polynomial over ±ln 2/2 cost twice the multiplications for the same accuracy).
    @inline(__always)
    static func exp(_ x: SIMD2<Double>, table: UnsafeBufferPointer<Double>) -> SIMD2<Double> {
        // Adding 1.5·2^52 rounds x·64/ln 2 to the nearest integer n and leaves n in the low
        // mantissa bits (|n| < 2^51).
        let shifter = SIMD2<Double>(repeating: 0x1.8p52)
        let shifted = x * 92.33248261689366 + shifter
        let nd = shifted - shifter
        // ln 2/64 split so that n·hi is exact for |n| < 2^21 (fdlibm's ln 2 constants / 64).
        let r = (x - nd * (6.93147180369123816490e-01 / 64)) - nd * (1.90821492927058770002e-10 / 64)
        var p = SIMD2<Double>(repeating: 1.0 / 720)
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r                                               // e^r − 1
        let n = unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- unsafeBitCast(shifter, to: SIMD2<Int64>.self)
        let j = n & 63, k = n &>> 6
        let t = SIMD2(table[Int(j[0])], table[Int(j[1])])
        let scale = unsafeBitCast((k &+ 1023) &<< 52, to: SIMD2<Double>.self)
        return (t + t * p) * scale
    }

    /// log x for positive normal x (fdlibm's e_log.c, error below 1 ulp): x = 2^k·m with
    /// m in [√½, √2), f = m − 1, s = f/(2 + f), log m = 2·atanh s = f − (f²/2 − s·(f²/2 + R(s²))).
    @inline(__always)
    static func log(_ x: SIMD2<Double>) -> SIMD2<Double> {
        let bits = unsafeBitCast(x, to: SIMD2<Int64>.self)
        // Subtracting the bits of √½ makes the exponent field k for m in [√½, √2).
        let offset = bits &- 0x3FE6_A09E_667F_3BCD
        let kInt = offset &>> 52
        let m = unsafeBitCast(bits &- (kInt &<< 52), to: SIMD2<Double>.self)
        // k as a Double without a (non-SSE2) 64-bit integer conversion: the 1.5·2^52 trick.
        let shifter = SIMD2<Double>(repeating: 0x1.8p52)
        let k = unsafeBitCast(kInt &+ unsafeBitCast(shifter, to: SIMD2<Int64>.self), to: SIMD2<Double>.self) - shifter
        let f = m - 1
        let s = f / (f + 2)
        let z = s * s
        var r = SIMD2<Double>(repeating: 1.479819860511658591e-01)
        r = r * z + 1.531383769920937332e-01
        r = r * z + 1.818357216161805012e-01
        r = r * z + 2.222219843214978396e-01
        r = r * z + 2.857142874366239149e-01
        r = r * z + 3.999999999940941908e-01
        r = r * z + 6.666666666666735130e-01
        r = r * z
        let hfsq = 0.5 * f * f
        return k * 6.93147180369123816490e-01 - ((hfsq - (s * (hfsq + r) + k * 1.90821492927058770002e-10)) - f)
    }

    /// `exp` of every element, in place. A loop of its own: inlined into a longer loop body,
    /// the compiler splits the lane pairs apart and the code gets slower than Glibc's.
    @inline(never)
    static func exp(inPlace values: UnsafeMutableBufferPointer<SIMD2<Double>>) {
        expTable.withUnsafeBufferPointer { table in
            for i in values.indices { values[i] = exp(values[i], table: table) }
        }
    }

    /// `log` of every element, in place (see `exp(inPlace:)`).
    @inline(never)
    static func log(inPlace values: UnsafeMutableBufferPointer<SIMD2<Double>>) {
        for i in values.indices { values[i] = log(values[i]) }
    }
}
