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

    /// e^x for x in `expDomain`: x = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor
    /// polynomial of degree 13 (truncation below 1e-17 relative), then scaled by 2^k
    /// through the exponent bits.
    @inline(__always)
    static func exp(_ x: SIMD2<Double>) -> SIMD2<Double> {
        // Adding 1.5·2^52 rounds x/ln 2 to the nearest integer k and leaves k in the low
        // mantissa bits (|k| < 2^51).
        let shifter = SIMD2<Double>(repeating: 0x1.8p52)
        let shifted = x * 1.4426950408889634 + shifter
        let k = shifted - shifter
        // ln 2 split so that k·ln2Hi is exact for |k| < 2^11 (fdlibm's constants).
        let r = (x - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
        var p = SIMD2<Double>(repeating: 1.0 / 6227020800)   // 1/13!
        p = p * r + 1.0 / 479001600
        p = p * r + 1.0 / 39916800
        p = p * r + 1.0 / 3628800
        p = p * r + 1.0 / 362880
        p = p * r + 1.0 / 40320
        p = p * r + 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let kBits = unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- unsafeBitCast(shifter, to: SIMD2<Int64>.self)
        let scale = unsafeBitCast((kBits &+ 1023) &<< 52, to: SIMD2<Double>.self)
        return p * scale
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
        for i in values.indices { values[i] = exp(values[i]) }
    }

    /// `log` of every element, in place (see `exp(inPlace:)`).
    @inline(never)
    static func log(inPlace values: UnsafeMutableBufferPointer<SIMD2<Double>>) {
        for i in values.indices { values[i] = log(values[i]) }
    }
}
