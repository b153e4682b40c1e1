import ScalingLaws

/// Coordinates in SVG are text, so each is written with two decimals at most (1/100 pt is
/// far below what any viewer or printer resolves) and no trailing zeros: most of what
/// keeps a 50-run figure small.
enum SVGNumber {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = NumberFormat.fixed(value, decimals: 2)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        if trimmed == "-0" { return "0" }
        return String(trimmed)
    }
}
