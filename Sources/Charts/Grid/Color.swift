/// A colour as the theme names it. The terminal decides how close it can get
/// (24-bit, the 256-colour cube, 16 colours, or none at all).
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)

    /// Linear blend in RGB, `t` in 0...1.
    public func mixed(with other: Color, _ t: Double) -> Color {
        guard case let .rgb(r0, g0, b0) = self, case let .rgb(r1, g1, b1) = other else {
            return t < 0.5 ? self : other
        }
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * min(1, max(0, t))).rounded())
        }
        return .rgb(lerp(r0, r1), lerp(g0, g1), lerp(b0, b1))
    }
}

/// How a cell is drawn.
public struct CellStyle: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    public static let plain = CellStyle()
}
