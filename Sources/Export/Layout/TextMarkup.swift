import Glibc

/// The small TeX-like markup annotations and axis titles may use, so "N_opt ∝ C^0.51"
/// prints with a real subscript and superscript: `^` or `_` followed by `{…}` or by the
/// characters up to the next space. Other text (run names in legends, titles, captions)
/// is drawn literally, since run names are full of underscores.
enum TextMarkup {
    enum Shift: Sendable, Equatable { case none, raised, lowered }

    struct Span: Sendable, Equatable {
        var text: String
        var shift: Shift
    }

    /// Scripts are set at this fraction of the text size.
    static let scriptScale = 0.72

    static func spans(_ text: String) -> [Span] {
        var spans: [Span] = []
        var plain = ""
        let chars = Array(text)
        var i = 0
        func flushPlain() { if !plain.isEmpty { spans.append(Span(text: plain, shift: .none)); plain = "" } }
        while i < chars.count {
            let c = chars[i]
            guard (c == "^" || c == "_"), i + 1 < chars.count, chars[i + 1] != " " else {
                plain.append(c); i += 1; continue
            }
            var script = ""
            var j = i + 1
            if chars[j] == "{", let close = chars[(j + 1)...].firstIndex(of: "}") {
                script = String(chars[(j + 1)..<close])
                j = close + 1
            } else {
                while j < chars.count, chars[j] != " ", chars[j] != "^", chars[j] != "_", chars[j] != ")", chars[j] != "," {
                    script.append(chars[j]); j += 1
                }
            }
            flushPlain()
            spans.append(Span(text: script, shift: c == "^" ? .raised : .lowered))
            i = j
        }
        flushPlain()
        return spans
    }

    static func width(_ text: String, size: Double, bold: Bool = false, measurer: TextMeasurer) -> Double {
        spans(text).reduce(0) { total, span in
            total + measurer.width(of: span.text, size: span.shift == .none ? size : size * scriptScale, bold: bold)
        }
    }

    /// Draws `text` as spans, each at its own size and baseline, along the style's rotation.
    static func draw(_ text: String, at point: VectorPoint, style: TextStyle, measurer: TextMeasurer, on surface: VectorSurface) {
        let parts = spans(text)
        if parts.count == 1, parts[0].shift == .none {
            surface.text(parts[0].text, at: point, style: style)
            return
        }
        surface.beginGroup(nil)
        defer { surface.endGroup() }
        let total = width(text, size: style.size, bold: style.bold, measurer: measurer)
        let angle = style.rotation * Double.pi / 180
        let along = (x: cos(angle), y: -sin(angle))
        let up = (x: -sin(angle), y: -cos(angle))
        var offset: Double
        switch style.anchor {
        case .start: offset = 0
        case .middle: offset = -total / 2
        case .end: offset = -total
        }
        for span in parts {
            var spanStyle = style
            spanStyle.anchor = .start
            let raise: Double
            switch span.shift {
            case .none: raise = 0
            case .raised: raise = 0.38 * style.size; spanStyle.size = style.size * scriptScale
            case .lowered: raise = -0.16 * style.size; spanStyle.size = style.size * scriptScale
            }
            let at = VectorPoint(point.x + along.x * offset + up.x * raise, point.y + along.y * offset + up.y * raise)
            surface.text(span.text, at: at, style: spanStyle)
            offset += measurer.width(of: span.text, size: spanStyle.size, bold: style.bold)
        }
    }
}
