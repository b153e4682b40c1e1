import Glibc

/// Short labels for axes, legends and status lines (`190M`, `2.5e18`, `12,345`), next to
/// the report formatting in `NumberFormat.swift`: one formatter for the whole program.
extension NumberFormat {
    /// `1e17`, `2.5e18` for huge or tiny values; `190M`, `3.8B`, `1T` for counts;
    /// `3.14` otherwise. At most `digits` significant digits, trailing zeros dropped.
    public static func short(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e15 || magnitude < 1e-3 { return scientific(value, digits: digits) }
        let suffixes: [(Double, String)] = [(1, ""), (1e3, "k"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
        // The largest scale that leaves a mantissa below 1000 once rounded (999,999 → 1M).
        for (i, (scale, suffix)) in suffixes.enumerated().reversed() where magnitude >= scale || i == 0 {
            let rounded = roundSignificant(magnitude / scale, digits: digits)
            if rounded >= 1000, i + 1 < suffixes.count {
                return significant(value / suffixes[i + 1].0, digits: digits) + suffixes[i + 1].1
            }
            return significant(value / scale, digits: digits) + suffix
        }
        return significant(value, digits: digits)
    }

    /// `2.5e18`, `1e-4`.
    public static func scientific(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite, value != 0 else { return short(value) }
        var exponent = Int((Glibc.log10(abs(value))).rounded(.down))
        var mantissa = value / pow10(exponent)
        // Rounding can carry into the next decade (9.999 → 10).
        let rounded = roundSignificant(mantissa, digits: digits)
        if abs(rounded) >= 10 { exponent += 1; mantissa = value / pow10(exponent) }
        return significant(mantissa, digits: digits) + "e" + String(exponent)
    }

    /// `value` with at most `digits` significant digits, as plain decimal text.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return short(value) }
        if value == 0 { return "0" }
        let exponent = Int((Glibc.log10(abs(value))).rounded(.down))
        let decimals = max(0, digits - 1 - exponent)
        return trimmedFixed(value, decimals: decimals)
    }

    /// `value` with at most `decimals` places, trailing zeros dropped.
    static func trimmedFixed(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let integer = UInt64(scaled)
        let whole = integer / UInt64(scale)
        var fraction = String(integer % UInt64(scale))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Thousands separators: `12,345`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func roundSignificant(_ value: Double, digits: Int) -> Double {
        let exponent = Int((Glibc.log10(abs(value))).rounded(.down))
        let scale = pow10(digits - 1 - exponent)
        return (value * scale).rounded() / scale
    }
}
