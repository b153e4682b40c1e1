import Glibc

/// `Float(log10(v))`, the value a curve keeps for a point on a logarithmic axis, computed
/// without glibc's `log10` in all but a handful of cases, and always equal to it.
///
/// Why by hand: loading 1,000 runs × 100,000 points, the dashboard takes log10 of every
/// point's x and loss to draw it, and glibc's `log10` (its wrapper, then `log`) was a fifth
/// of the load's CPU (perf, issue 16). A curve keeps 32-bit floats, so the logarithm only
/// needs to be good to far less than a float's rounding step: a 256-entry table and three
/// terms of a series do that in a few multiplications.
///
/// Why always equal: the sketches and decimators are tested point for point against
/// `Float(log10(v))`, and an axis at exactly 10ⁿ must stay at n. The estimate's error is
/// far below `margin`; when the float nearest the estimate is not also the float nearest
/// every value within the margin (the true logarithm is close to halfway between two
/// floats, or near 0 where floats are dense), glibc decides (Ziv's rounding test).
struct DrawnLog10 {
    static let shared = DrawnLog10()

    /// Intervals of the significand [1, 2): entry k is centred on c = 1 + (k + ½)/256.
    private static let bits = 8
    /// 1/c and log10(c) for each interval (table made once from glibc's own functions).
    private let inverse: [Double]
    private let log10OfCentre: [Double]

    private init() {
        let n = 1 << Self.bits
        let centres = (0..<n).map { 1 + (Double($0) + 0.5) / Double(n) }
        inverse = centres.map { 1 / $0 }
        log10OfCentre = centres.map { Glibc.log10($0) }
    }

    /// The drawn coordinate of `v` on a log axis: nil where the axis has none (v ≤ 0, NaN,
    /// infinite).
    @inline(__always)
    func callAsFunction(_ v: Double) -> Float? {
        guard v > 0, v.isFinite else { return nil }
        return estimate(v) ?? Float(Glibc.log10(v))
    }

    /// `Float(log10(v))` for a positive, finite `v` from the table, or nil when the table
    /// cannot tell which float it is (glibc is asked then).
    @inline(__always)
    func estimate(_ v: Double) -> Float? {
        guard let estimate = closeEstimate(v) else { return nil }
        let margin = Self.margin + abs(estimate) * 0x1p-49
        let low = Float(estimate - margin), high = Float(estimate + margin)
        return low == high ? low : nil
    }

    /// log10(v) to within `margin` (under 2e-12) for a positive, finite, normal `v`; nil
    /// for a subnormal.
    @inline(__always)
    func closeEstimate(_ v: Double) -> Double? {
        let bits = v.bitPattern
        let biased = Int(bits >> 52)
        // Subnormal: its exponent field does not hold its scale (never a loss or a step).
        guard biased != 0 else { return nil }
        let k = Int(truncatingIfNeeded: bits >> (52 - UInt64(Self.bits))) & ((1 << Self.bits) - 1)
        let significand = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        // v = 2^e × c × (1 + r), |r| ≤ 2⁻⁹; significand − c is exact (both in [1, 2), c has
        // 9 bits), so r carries only the roundings of 1/c and of the product.
        let centre = 1 + (Double(k) + 0.5) / Double(1 << Self.bits)
        let r = (significand - centre) * inverse[k]
        // log10(1 + r) to r³: what is left, log10(e) × r⁴/4 < 1.6e-12, is under the margin.
        let log10OnePlusR = r * (Self.log10OfE + r * (-Self.log10OfE / 2 + r * (Self.log10OfE / 3)))
        let e = Double(biased - 1023)
        return (e * Self.log10Of2 + log10OfCentre[k]) + log10OnePlusR
    }

    private static let log10Of2 = 0.30102999566398119521
    private static let log10OfE = 0.43429448190325182765
    /// The estimate's error is under 2e-12: the series' remainder (1.6e-12) and e × log10(2)'s
    /// share of log10(2)'s rounding (|e| ≤ 1,023 times 2⁻⁵⁴ × 0.3). glibc's `log10` is within
    /// 2 units of the last place (the margin's relative part covers both results' roundings).
    /// How many values go to glibc depends on their size (a float's steps are finer near 0):
    /// about 1 in 400 losses between 0.5 and 20, 1 in 23,000 steps, and nearly every loss
    /// within 1e-5 of 1 (measured in a review).
    static let margin = 1e-11
}
