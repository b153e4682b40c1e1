/// The colours of every part of the dashboard. Loaded from `themes/*.theme` files in
/// btop's format (see `ThemeFile`); missing keys keep these defaults.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var background: Color
    public var foreground: Color
    public var inactive: Color
    public var title: Color
    public var frame: Color
    public var axis: Color
    public var grid: Color
    public var statusBackground: Color
    public var statusForeground: Color
    public var error: Color
    public var highlight: Color
    /// Runs with a known size are coloured along this gradient by log N (small → large).
    public var sizeGradient: [Color]
    /// Runs without a known size take one of these, by a hash of their path.
    public var runPalette: [Color]

    public static let dark = Theme(
        name: "dark",
        background: .terminalDefault, foreground: .rgb(0xD0, 0xD4, 0xDC), inactive: .rgb(0x6C, 0x72, 0x7E),
        title: .rgb(0xEE, 0xEE, 0xEE), frame: .rgb(0x4A, 0x50, 0x5C), axis: .rgb(0x8A, 0x90, 0x9C),
        grid: .rgb(0x3A, 0x3F, 0x4A), statusBackground: .rgb(0x26, 0x2A, 0x33), statusForeground: .rgb(0xC8, 0xCC, 0xD4),
        error: .rgb(0xFF, 0x6B, 0x6B), highlight: .rgb(0xFF, 0xD1, 0x66),
        sizeGradient: [.rgb(0x5E, 0x9C, 0xFF), .rgb(0x3D, 0xDC, 0x97), .rgb(0xFF, 0xB3, 0x47), .rgb(0xFF, 0x5E, 0x7A)],
        runPalette: [.rgb(0x5E, 0x9C, 0xFF), .rgb(0xFF, 0xB3, 0x47), .rgb(0x3D, 0xDC, 0x97), .rgb(0xFF, 0x5E, 0x7A),
                     .rgb(0xC3, 0x8D, 0xFF), .rgb(0x4D, 0xD0, 0xE1), .rgb(0xF0, 0xE0, 0x60), .rgb(0xE0, 0x8A, 0x5A)]
    )

    /// A colour along the size gradient, `t` in 0...1.
    public func sizeColor(_ t: Double) -> Color {
        guard sizeGradient.count > 1 else { return sizeGradient.first ?? foreground }
        let position = min(1, max(0, t)) * Double(sizeGradient.count - 1)
        let i = min(sizeGradient.count - 2, Int(position))
        return sizeGradient[i].mixed(with: sizeGradient[i + 1], position - Double(i))
    }
}
