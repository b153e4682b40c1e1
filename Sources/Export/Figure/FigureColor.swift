import Charts

/// An sRGB colour, written `#rrggbb` in specs and SVG. Figures need concrete colours: a
/// file has no "terminal default" to fall back on.
public struct FigureColor: Sendable, Hashable, Codable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A theme colour, or `fallback` where the theme leaves it to the terminal.
    public init(_ color: Color, fallback: FigureColor) {
        if case let .rgb(r, g, b) = color { self.init(red: r, green: g, blue: b) } else { self = fallback }
    }

    /// `#rrggbb` or `#rgb`; nil otherwise.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        if digits.count == 3 { digits = Substring(digits.map { "\($0)\($0)" }.joined()) }
        guard digits.count == 6, let v = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(v >> 16), green: UInt8((v >> 8) & 0xFF), blue: UInt8(v & 0xFF))
    }

    public var hex: String {
        let digits = "0123456789abcdef".map { $0 }
        var s = "#"
        for c in [red, green, blue] { s.append(digits[Int(c >> 4)]); s.append(digits[Int(c & 0xF)]) }
        return s
    }

    /// Components in 0...1, as cairo takes them.
    public var unitComponents: (red: Double, green: Double, blue: Double) {
        (Double(red) / 255, Double(green) / 255, Double(blue) / 255)
    }

    /// Relative luminance (sRGB weights, no gamma): enough to tell a dark background from a light one.
    public var luminance: Double {
        let c = unitComponents
        return 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue
    }

    /// Linear blend, `t` in 0...1 (0 gives self).
    public func mixed(with other: FigureColor, _ t: Double) -> FigureColor {
        let s = min(1, max(0, t))
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * s).rounded()) }
        return FigureColor(red: lerp(red, other.red), green: lerp(green, other.green), blue: lerp(blue, other.blue))
    }

    /// The colour `t` (0...1) along evenly spaced `stops`, blended linearly between the two
    /// nearest: the dashboard's size gradient, and the colour bars that explain it.
    public static func gradient(_ stops: [FigureColor], _ t: Double) -> FigureColor {
        guard stops.count > 1 else { return stops.first ?? .black }
        let position = min(1, max(0, t)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(position))
        return stops[i].mixed(with: stops[i + 1], position - Double(i))
    }

    public static let white = FigureColor(red: 255, green: 255, blue: 255)
    public static let black = FigureColor(red: 0, green: 0, blue: 0)

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let color = FigureColor(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not a #rrggbb colour"))
        }
        self = color
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
