/// Text widths from DejaVu Sans's own advance widths, without cairo: the layout of every
/// format is measured with these, so an SVG comes out the same on a machine without cairo
/// (or with other fonts installed) as on one with it, and PDF and PNG, which cairo draws in
/// DejaVu Sans without kerning, place each label exactly where the layout measured it.
///
/// Characters outside the basic multilingual plane, or missing from the fonts, measure as
/// the missing-glyph box they are drawn as.
public struct DejaVuSansMetrics: TextMeasurer, Sendable {
    public init() {}

    public func width(of text: String, size: Double, bold: Bool) -> Double {
        let table = bold ? DejaVuSansMetrics.bold : DejaVuSansMetrics.regular
        var units = 0.0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let w = v < 0x10000 ? table[Int(v)] : DejaVuSansMetrics.missing
            units += w != DejaVuSansMetrics.missing ? Double(w) : (v < 0x20 ? 0 : DejaVuSansMetrics.missingGlyphWidth)
        }
        return units * size / DejaVuSansMetrics.unitsPerEm
    }

    public func capHeight(size: Double) -> Double {
        DejaVuSansMetrics.capHeightUnits * size / DejaVuSansMetrics.unitsPerEm
    }

    /// Marks a code point the font has no glyph for (combining marks have a real width of 0).
    static let missing = UInt16.max

    /// Advances by code point, decoded once.
    static let regular = decode(regularWidths)
    static let bold = decode(boldWidths)

    static func decode(_ text: String) -> [UInt16] {
        var table = [UInt16](repeating: missing, count: 0x10000)
        func digit(_ c: UInt8) -> Int {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(c - UInt8(ascii: "A")) + 10
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(c - UInt8(ascii: "a")) + 36
            case UInt8(ascii: "+"): return 62
            default: return 63
            }
        }
        for run in text.utf8.split(separator: UInt8(ascii: ";")) {
            guard let colon = run.firstIndex(of: UInt8(ascii: ":")),
                  var code = Int(String(decoding: run[run.startIndex..<colon], as: UTF8.self), radix: 16) else { continue }
            let digits = Array(run[run.index(after: colon)...])
            var i = 0
            while i < digits.count && code < table.count {
                if digits[i] == UInt8(ascii: "~"), i + 3 < digits.count {
                    table[code] = UInt16(digit(digits[i + 1]) * 4096 + digit(digits[i + 2]) * 64 + digit(digits[i + 3]))
                    i += 4
                } else if i + 1 < digits.count {
                    table[code] = UInt16(digit(digits[i]) * 64 + digit(digits[i + 1]))
                    i += 2
                } else {
                    break
                }
                code += 1
            }
        }
        return table
    }
}
