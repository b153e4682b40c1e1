import Export
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An exported SVG read back as geometry, with an XML parser rather than by pattern: the
/// plot areas (the clip rectangles of the `…data` groups), every data mark in them as page
/// points, and every label as a box measured with the font the figure names. The geometry
/// tests check the file a reader gets, not the layout's own idea of it.
struct SVGGeometry {
    /// A mark drawn in a plot area: its vertices, and the circles of round markers.
    struct Mark {
        var group: String
        var plot: VectorRect
        var points: [VectorPoint]
        var circles: [(center: VectorPoint, radius: Double)]
        var isFill: Bool
        /// Consecutive vertices joined by the path (not across a move).
        var segments: [(VectorPoint, VectorPoint)]
    }

    /// One label: a `<text>`, or the spans of one label set in several (a `<g>` without id).
    struct Label {
        var text: String
        var group: String
        var box: VectorRect
    }

    var width = 0.0
    var height = 0.0
    var plots: [String: VectorRect] = [:]
    var marks: [Mark] = []
    var labels: [Label] = []
    var groupIDs: [String] = []

    init(svg: String, measurer: TextMeasurer = DejaVuSansMetrics()) throws {
        let reader = Reader(measurer: measurer)
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw SVGGeometryError(message: "\(parser.parserError.map { "\($0)" } ?? "unparsable SVG")") }
        width = reader.width
        height = reader.height
        plots = reader.plots
        marks = reader.marks
        labels = reader.labels
        groupIDs = reader.groupIDs
    }

    struct SVGGeometryError: Error { var message: String }

    /// True when the segment a–b passes through `box` (sampled every 0.25 pt).
    static func segment(_ a: VectorPoint, _ b: VectorPoint, crosses box: VectorRect) -> Bool {
        let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        let steps = max(1, Int(length / 0.25))
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            if box.contains(VectorPoint(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))) { return true }
        }
        return false
    }

    private final class Reader: NSObject, XMLParserDelegate {
        let measurer: TextMeasurer
        var width = 0.0, height = 0.0
        var plots: [String: VectorRect] = [:]
        var marks: [Mark] = []
        var labels: [Label] = []
        var groupIDs: [String] = []
        var css: [String: [String: String]] = [:]
        var clips: [String: VectorRect] = [:]
        var currentClip: String?
        /// Open `<g>`s: their id (nil for anonymous), and the clip rectangle they apply.
        var stack: [(id: String?, clip: VectorRect?)] = []
        var text: (x: Double, y: Double, classes: String, rotation: Double)?
        var characters = ""
        var styleText = ""
        var inStyle = false
        /// Spans of the anonymous group being read, merged into one label when it closes.
        var spans: [VectorRect] = []
        var spanText = ""

        init(measurer: TextMeasurer) { self.measurer = measurer }

        var namedGroup: String { stack.compactMap(\.id).last ?? "" }
        var clip: VectorRect? { stack.compactMap(\.clip).last }
        var inAnonymousGroup: Bool { stack.last.map { $0.id == nil && $0.clip == nil } ?? false }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? 0 }
            switch name {
            case "svg":
                let box = (attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
                if box.count == 4 { width = box[2]; height = box[3] }
            case "style": inStyle = true; styleText = ""
            case "clipPath": currentClip = attributes["id"]
            case "rect" where currentClip != nil:
                clips[currentClip!] = VectorRect(x: number("x"), y: number("y"), width: number("width"), height: number("height"))
            case "g":
                var clipRect: VectorRect?
                if let ref = attributes["clip-path"], ref.hasPrefix("url(#") {
                    clipRect = clips[String(ref.dropFirst(5).dropLast())]
                    if let clipRect { plots[namedGroup] = clipRect }
                }
                if let id = attributes["id"] { groupIDs.append(id) }
                stack.append((attributes["id"], clipRect))
                if attributes["id"] == nil && clipRect == nil { spans = []; spanText = "" }
            case "path":
                guard let plot = clip, let d = attributes["d"] else { return }
                let declarations = (attributes["class"] ?? "").split(separator: " ").compactMap { css[String($0)] }
                let isFill = declarations.contains { ($0["fill"] ?? "none") != "none" }
                marks.append(Reader.mark(d, group: namedGroup, plot: plot, isFill: isFill))
            case "text":
                var rotation = 0.0
                if let transform = attributes["transform"], transform.hasPrefix("rotate(") {
                    rotation = -(Double(transform.dropFirst(7).split(separator: " ").first ?? "") ?? 0)
                }
                text = (number("x"), number("y"), attributes["class"] ?? "", rotation)
                characters = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inStyle { styleText += string } else if text != nil { characters += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "style":
                inStyle = false
                for rule in styleText.split(separator: "\n") where rule.hasPrefix(".") {
                    guard let open = rule.firstIndex(of: "{") else { continue }
                    let body = rule[rule.index(after: open)...].dropLast()
                    var declarations: [String: String] = [:]
                    for d in body.split(separator: ";") {
                        let parts = d.split(separator: ":", maxSplits: 1).map(String.init)
                        if parts.count == 2 { declarations[parts[0]] = parts[1] }
                    }
                    css[String(rule[rule.index(after: rule.startIndex)..<open])] = declarations
                }
            case "clipPath": currentClip = nil
            case "g":
                let closing = stack.popLast()
                if closing?.id == nil, closing?.clip == nil, let first = spans.first {
                    let box = spans.dropFirst().reduce(first) { union($0, $1) }
                    labels.append(Label(text: spanText, group: namedGroup, box: box))
                    spans = []
                }
            case "text":
                guard let t = text else { return }
                text = nil
                let declarations = css[t.classes] ?? [:]
                let size = Double((declarations["font-size"] ?? "10px").dropLast(2)) ?? 10
                let bold = declarations["font-weight"] == "bold"
                let width = measurer.width(of: characters, size: size, bold: bold)
                let start: Double
                switch declarations["text-anchor"] {
                case "middle": start = -width / 2
                case "end": start = -width
                default: start = 0
                }
                // Capitals and superscript digits reach 0.76 em above the baseline, descenders 0.24 below.
                let box: VectorRect
                if abs(t.rotation - 90) < 0.01 {
                    box = VectorRect(x: t.x - 0.76 * size, y: t.y - start - width, width: size, height: width)
                } else {
                    box = VectorRect(x: t.x + start, y: t.y - 0.76 * size, width: width, height: size)
                }
                if inAnonymousGroup {
                    spans.append(box)
                    spanText += characters
                } else {
                    labels.append(Label(text: characters, group: namedGroup, box: box))
                }
            default: break
            }
        }

        func union(_ a: VectorRect, _ b: VectorRect) -> VectorRect {
            let x = min(a.x, b.x), y = min(a.y, b.y)
            return VectorRect(x: x, y: y, width: max(a.maxX, b.maxX) - x, height: max(a.maxY, b.maxY) - y)
        }

        /// The path data scaletop writes: M (absolute), l (relative, repeated pairs), a (the two
        /// half-circle arcs of a round marker), z.
        static func mark(_ d: String, group: String, plot: VectorRect, isFill: Bool) -> Mark {
            var mark = Mark(group: group, plot: plot, points: [], circles: [], isFill: isFill, segments: [])
            var tokens: [String] = []
            var current = ""
            for c in d {
                if c.isLetter {
                    if !current.isEmpty { tokens.append(current) }
                    tokens.append(String(c))
                    current = ""
                } else if c == " " || c == "," {
                    if !current.isEmpty { tokens.append(current) }
                    current = ""
                } else if c == "-" && !current.isEmpty && !current.hasSuffix("e") {
                    tokens.append(current)
                    current = "-"
                } else if c == "." && current.contains(".") {
                    tokens.append(current)
                    current = "."
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { tokens.append(current) }
            var i = 0
            var command = ""
            var position = VectorPoint(0, 0)
            var subpathStart = position
            func next() -> Double { defer { i += 1 }; return Double(tokens[i]) ?? 0 }
            while i < tokens.count {
                if tokens[i].first?.isLetter == true { command = tokens[i]; i += 1; if command == "z" { position = subpathStart }; continue }
                switch command {
                case "M":
                    position = VectorPoint(next(), next())
                    subpathStart = position
                    mark.points.append(position)
                    command = "L"
                case "L":
                    let p = VectorPoint(next(), next())
                    mark.segments.append((position, p))
                    position = p
                    mark.points.append(p)
                case "l":
                    let p = VectorPoint(position.x + next(), position.y + next())
                    mark.segments.append((position, p))
                    position = p
                    mark.points.append(p)
                case "a":
                    let r = next()
                    _ = next(); _ = next(); _ = next(); _ = next()
                    let dx = next(), dy = next()
                    if dx > 0 { mark.circles.append((VectorPoint(position.x + r, position.y), r)) }
                    position = VectorPoint(position.x + dx, position.y + dy)
                default:
                    i += 1
                }
            }
            return mark
        }
    }
}
