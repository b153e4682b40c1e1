/// The Double nearest to a decimal w × 10^q, correctly rounded (ties to even), without
/// strtod for the numbers logs are made of. Python's `json.dumps` writes the shortest
/// round-trip form of a float, 16–17 significant digits for a typical loss or learning
/// rate: too many for Clinger's fast path, and strtod on each costs more than the rest of
/// reading a metrics line.
///
/// Clinger's fast path (W. D. Clinger, "How to Read Floating Point Numbers Accurately",
/// PLDI 1990): when w < 2^53 and |q| ≤ 22 both w and 10^|q| are exact Doubles, so one
/// correctly rounded multiplication or division is the answer. Otherwise Eisel–Lemire
/// (D. Lemire, "Number Parsing at a Gigabyte per Second", 2021, §5; as in fast_float):
/// w times a 128-bit approximation of 5^q gives the answer unless the product lies too
/// near a rounding boundary, which it reports, and the caller then falls back to strtod.
enum DecimalToDouble {
    /// nil when the fast algorithms cannot promise the correctly rounded value: use strtod.
    /// `w` holds at most 19 decimal digits (every one of the number's significant digits).
    /// Inlined into the line readers: a call per number was 6% of loading a log (perf).
    @inline(__always)
    static func value(mantissa w: UInt64, exponent q: Int, negative: Bool) -> Double? {
        if w == 0 { return negative ? -0.0 : 0.0 }
        if w < 1 << 53, q >= -22, q <= 22 {
            let m = Double(w)
            let v = q >= 0 ? m * exactPowersOfTen[q] : m / exactPowersOfTen[-q]
            return negative ? -v : v
        }
        guard let bits = eiselLemire(w, q) else { return nil }
        return Double(bitPattern: negative ? bits | 1 << 63 : bits)
    }

    /// 10^0 … 10^22, each exactly representable.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static let mantissaBits = 52
    static let infinityBits: UInt64 = 0x7FF << 52

    /// The bit pattern of the positive Double nearest w × 10^q (w > 0), or nil when the
    /// 128-bit product cannot decide it.
    static func eiselLemire(_ w: UInt64, _ q: Int) -> UInt64? {
        if q < PowersOfFive.smallestExponent { return 0 }           // below half the smallest subnormal
        if q > PowersOfFive.largestExponent { return infinityBits }
        let leadingZeros = w.leadingZeroBitCount
        let normalised = w << UInt64(leadingZeros)
        let index = 2 * (q - PowersOfFive.smallestExponent)
        var (high, low) = normalised.multipliedFullWidth(by: PowersOfFive.table[index])
        // 55 bits of the product are needed (52 + the implicit one + a rounding bit + one
        // more for the leading bit's place); when the bits below them are all ones, the
        // truncated table entry's low word may carry into them.
        let precisionMask: UInt64 = 0xFFFF_FFFF_FFFF_FFFF >> 55
        if high & precisionMask == precisionMask {
            let (carry, _) = normalised.multipliedFullWidth(by: PowersOfFive.table[index + 1])
            let (sum, overflow) = low.addingReportingOverflow(carry)
            low = sum
            if overflow { high &+= 1 }
        }
        // Still undecided (exact only for q in -27…55, where 5^q fits the table's 128 bits).
        if low == .max, q < -27 || q > 55 { return nil }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 64 - mantissaBits - 3)
        var mantissa = high >> shift
        // ⌊log2(10^q)⌋ + 63 as fast_float computes it: 217706 / 2^16 ≈ log2(10).
        var power2 = ((217_706 * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        if power2 <= 0 {
            // Subnormal: shift into place and round; a carry can make it the smallest normal.
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < 1 << mantissaBits ? 0 : 1
            return UInt64(power2) << 52 | (mantissa & ((1 << 52) - 1))
        }
        // Exactly half-way between two Doubles (only possible for small q): round to even.
        if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << shift == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << mantissaBits {
            mantissa = 1 << mantissaBits
            power2 += 1
        }
        mantissa &= ~(1 << mantissaBits)
        if power2 >= 0x7FF { return infinityBits }
        return UInt64(power2) << 52 | mantissa
    }
}
