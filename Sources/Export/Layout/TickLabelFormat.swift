import Glibc
import ScalingLaws

/// Tick labels as papers print them: 10¹⁹ on decade ticks of a log axis, 2.5×10¹⁸ for
/// other large or tiny values, the dashboard's short form (190M, 0.35) in between.
enum TickLabelFormat {
    static func label(_ value: Double, decade: Bool, style: FigureStyle.PowerLabels) -> String {
        if value == 0 { return "0" }
        let exponent = Int(Glibc.log10(abs(value)).rounded(.down))
        if decade, let k = exactDecade(value) {
            if style == .eNotation { return (value < 0 ? "-" : "") + "1e\(k)" }
            return (value < 0 ? "−" : "") + "10" + superscript(k)
        }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            let mantissa = NumberFormat.significant(value / NumberFormat.pow10(exponent), digits: 3)
            if style == .eNotation { return mantissa + "e\(exponent)" }
            return mantissa + "×10" + superscript(exponent)
        }
        return NumberFormat.short(value)
    }

    /// k when value is ±10^k (to rounding error).
    static func exactDecade(_ value: Double) -> Int? {
        guard value != 0, value.isFinite else { return nil }
        let l = Glibc.log10(abs(value))
        return abs(l - l.rounded()) < 1e-9 ? Int(l.rounded()) : nil
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(n)).map { digits[Int(String($0))!] }
        return (n < 0 ? "⁻" : "") + String(body)
    }
}
