/// Small number formatting without Foundation (swift-notes.md pitfall 9): the core stays
/// free of `String(format:)`.
public enum NumberFormat {
    /// `significant` significant digits; scientific notation outside [1e-3, 1e6).
    public static func general(_ value: Double, significant: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let exponent = Int((magnitude.log10Floor))
        if exponent < -3 || exponent >= 6 {
            let mantissa = value / pow10(exponent)
            return fixed(mantissa, decimals: max(0, significant - 1)) + "e" + (exponent < 0 ? "-" : "+") + pad2(abs(exponent))
        }
        return trimmed(fixed(value, decimals: max(0, significant - 1 - exponent)))
    }

    /// Fixed-point with `decimals` digits after the point, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return general(value) }
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        if scaled >= 9.0e15 { return general(value) }
        let whole = UInt64(scaled) / UInt64(scale)
        let fraction = UInt64(scaled) % UInt64(scale)
        var s = String(whole)
        if decimals > 0 {
            var f = String(fraction)
            while f.count < decimals { f = "0" + f }
            s += "." + f
        }
        if negative { s = "-" + s }
        return s
    }

    private static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// 10ⁿ by repeated multiplication (exact for the small n labels need).
    public static func pow10(_ n: Int) -> Double {
        var r = 1.0
        if n >= 0 { for _ in 0..<n { r *= 10 } } else { for _ in 0..<(-n) { r /= 10 } }
        return r
    }
}

extension Double {
    /// ⌊log10 |x|⌋ computed without Foundation, robust at exact powers of ten.
    fileprivate var log10Floor: Int {
        var e = 0
        var m = abs(self)
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        return e
    }
}
