/// Writes SVG by hand rather than through a library: SVG is text, and writing it directly
/// keeps files tiny (one `<path>` per series, coordinates rounded to 0.01 pt, every style
/// written once as a CSS class) and lets text stay text, searchable and editable in
/// Inkscape or Illustrator. cairo's own SVG backend would emit glyph outlines instead.
public final class SVGSurface: VectorSurface {
    private var body: [String] = []
    private var classes: [String: String] = [:]   // CSS declaration → class name
    private var classOrder: [String] = []
    private var clipRects: [VectorRect] = []
    private var width = 0.0
    private var height = 0.0
    private var background = FigureColor.white
    private let fontFamily: String

    /// `fontFamily` is a CSS font list; the first entry should be the font the layout
    /// measured with (DejaVu Sans through cairo) so text widths match.
    public init(fontFamily: String = "'DejaVu Sans', Verdana, Arial, sans-serif") {
        self.fontFamily = fontFamily
    }

    public func begin(width: Double, height: Double, background: FigureColor) {
        self.width = width
        self.height = height
        self.background = background
        body = []
        classes = [:]
        classOrder = []
        clipRects = []
    }

    public func fill(_ path: VectorPath, style: FillStyle) {
        guard !path.isEmpty else { return }
        var css = "fill:\(style.color.hex);stroke:none"
        if style.opacity < 1 { css += ";fill-opacity:\(SVGNumber.format(style.opacity))" }
        body.append("<path class=\"\(className(css))\" d=\"\(pathData(path))\"/>")
    }

    public func stroke(_ path: VectorPath, style: StrokeStyle) {
        guard !path.isEmpty else { return }
        var css = "fill:none;stroke:\(style.color.hex);stroke-width:\(SVGNumber.format(style.width))"
        css += ";stroke-linejoin:round;stroke-linecap:round"
        if !style.dash.isEmpty { css += ";stroke-dasharray:" + style.dash.map(SVGNumber.format).joined(separator: " ") }
        if style.opacity < 1 { css += ";stroke-opacity:\(SVGNumber.format(style.opacity))" }
        body.append("<path class=\"\(className(css))\" d=\"\(pathData(path))\"/>")
    }

    public func text(_ text: String, at point: VectorPoint, style: TextStyle) {
        var css = "font-size:\(SVGNumber.format(style.size))px;fill:\(style.color.hex)"
        if style.bold { css += ";font-weight:bold" }
        switch style.anchor {
        case .start: break
        case .middle: css += ";text-anchor:middle"
        case .end: css += ";text-anchor:end"
        }
        let x = SVGNumber.format(point.x), y = SVGNumber.format(point.y)
        var element = "<text class=\"\(className(css))\" x=\"\(x)\" y=\"\(y)\""
        if style.rotation != 0 {
            // SVG rotates clockwise; the surface's rotation is counter-clockwise.
            element += " transform=\"rotate(\(SVGNumber.format(-style.rotation)) \(x) \(y))\""
        }
        body.append(element + ">" + XMLText.escaped(text) + "</text>")
    }

    public func pushClip(_ rect: VectorRect) {
        clipRects.append(rect)
        let id = "clip\(clipRects.count)"
        body.append("<clipPath id=\"\(id)\"><rect x=\"\(SVGNumber.format(rect.x))\" y=\"\(SVGNumber.format(rect.y))\" "
            + "width=\"\(SVGNumber.format(rect.width))\" height=\"\(SVGNumber.format(rect.height))\"/></clipPath>")
        body.append("<g clip-path=\"url(#\(id))\">")
    }

    public func popClip() {
        body.append("</g>")
    }

    public func beginGroup(_ id: String?) {
        body.append(id.map { "<g id=\"\(XMLText.escaped($0))\">" } ?? "<g>")
    }

    public func endGroup() {
        body.append("</g>")
    }

    public func end() {}

    /// The finished document.
    public var document: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let w = SVGNumber.format(width), h = SVGNumber.format(height)
        // xml:space keeps the spaces at the ends of text spans ("N" + "opt" + " ∝ C").
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:space=\"preserve\" width=\"\(w)pt\" height=\"\(h)pt\" viewBox=\"0 0 \(w) \(h)\">\n"
        out += "<style>\n"
        out += "text{font-family:\(fontFamily)}\n"
        for css in classOrder { out += ".\(classes[css]!){\(css)}\n" }
        out += "</style>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(background.hex)\"/>\n"
        for line in body { out += line + "\n" }
        out += "</svg>\n"
        return out
    }

    private func className(_ css: String) -> String {
        if let name = classes[css] { return name }
        let name = "c\(classOrder.count)"
        classes[css] = name
        classOrder.append(css)
        return name
    }

    /// Each subpath starts absolute (`M`) and continues relative (`l`): the deltas between
    /// rounded positions are short ("1.2-3.05" rather than "247.68 105.83") and, taken between
    /// already-rounded points, add up without drift. Repeated points are dropped.
    private func pathData(_ path: VectorPath) -> String {
        var d = ""
        var current: (x: Int, y: Int)?    // in hundredths of a point
        var inLineRun = false
        func hundredths(_ v: Double) -> Int { Int((v * 100).rounded()) }
        for element in path.elements {
            switch element {
            case .move(let p):
                let q = (x: hundredths(p.x), y: hundredths(p.y))
                d += "M" + pair(q.x, q.y)
                current = q
                inLineRun = false
            case .line(let p):
                let q = (x: hundredths(p.x), y: hundredths(p.y))
                guard let from = current else { d += "M" + pair(q.x, q.y); current = q; continue }
                if q == from { continue }
                let delta = pair(q.x - from.x, q.y - from.y)
                d += inLineRun ? (delta.hasPrefix("-") ? delta : " " + delta) : "l" + delta
                inLineRun = true
                current = q
            case .circle(let c, let r):
                let rs = SVGNumber.format(r)
                d += "M\(SVGNumber.format(c.x - r)) \(SVGNumber.format(c.y))a\(rs) \(rs) 0 1 0 \(SVGNumber.format(2 * r)) 0"
                d += "a\(rs) \(rs) 0 1 0 \(SVGNumber.format(-2 * r)) 0z"
                current = nil
                inLineRun = false
            case .close:
                d += "z"
                current = nil
                inLineRun = false
            }
        }
        return d
    }

    /// "x y" in points from hundredths, with the space dropped before a minus sign and the
    /// zero before a decimal point ("-.06"): small deltas are most of a noisy curve.
    private func pair(_ x: Int, _ y: Int) -> String {
        func short(_ v: Int) -> String {
            let s = SVGNumber.format(Double(v) / 100)
            if s.hasPrefix("0.") { return String(s.dropFirst()) }
            if s.hasPrefix("-0.") { return "-" + s.dropFirst(2) }
            return s
        }
        let sx = short(x), sy = short(y)
        return sy.hasPrefix("-") ? sx + sy : sx + " " + sy
    }
}
