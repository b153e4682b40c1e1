/// Checked conversions of numbers read from logs and configs to integers. `Int(someDouble)`
/// traps on NaN, ±infinity and anything outside Int's range, and a log or a `config.json`
/// may hold any of them (`"hidden_size": 1e19`, `Infinity`): every such conversion goes
/// through here and gets nil, which its caller reports as a problem with file and line.
public enum WholeNumber {
    /// Doubles are whole and exact up to 2^53; beyond, "whole" says nothing.
    public static let limit = 9_007_199_254_740_992.0

    /// `value` as an Int when it is a whole number of magnitude below 2^53; else nil.
    @inlinable public static func int(_ value: Double) -> Int? {
        // Truncating and comparing, not `rounded()`: that is a call to libm's round per
        // value, and a parser's every step goes through here (perf, issue 16).
        guard abs(value) < limit else { return nil }   // false for NaN and ±infinity too
        let whole = Int(value)
        return Double(whole) == value ? whole : nil
    }

    /// A step number: whole and not negative.
    @inlinable public static func step(_ value: Double) -> Int? {
        guard let step = int(value), step >= 0 else { return nil }
        return step
    }

    /// `value` as text: whole numbers without a fraction (writers store `batch_size=8` as
    /// 8.0), others as Swift writes a Double (`0.001`, `1e+19`, `inf`, `nan`).
    public static func text(_ value: Double) -> String {
        int(value).map(String.init) ?? String(value)
    }
}
