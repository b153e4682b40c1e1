import Foundation

/// The data behind a figure, exactly as plotted: every layer's points (before the drawing
/// simplifies lines, so nothing is lost), and the fit parameters with their intervals.
public enum FigureData {
    /// One row per plotted point: `layer,kind,label,part,x,y`. `part` says what the point is
    /// (`line`, `marker`, `lower`/`upper` for a band's edges, `annotation`, whose label is
    /// the annotation's text). Numbers are written with full precision.
    public static func layersCSV(_ figure: Figure) -> String {
        var out = "layer,kind,label,part,x,y\n"
        for (index, layer) in figure.layers.enumerated() {
            func rows(_ points: [DataPoint], label: String?, part: String) {
                for p in points {
                    out += "\(index),\(layer.kindName),\(csvField(label ?? "")),\(part),\(number(p.x)),\(number(p.y))\n"
                }
            }
            switch layer {
            case .line(let s): rows(s.points, label: s.label, part: "line")
            case .markers(let m): rows(m.points, label: m.label, part: "marker")
            case .band(let b):
                rows(b.lower, label: b.label, part: "lower")
                rows(b.upper, label: b.label, part: "upper")
            case .annotation(let a): rows([a.at], label: a.text, part: "annotation")
            }
        }
        return out
    }

    /// One row per parameter: `name,value,lower,upper,confidence,unit,method`; empty fields
    /// where there is no interval.
    public static func parametersCSV(_ parameters: [FitParameter]) -> String {
        var out = "name,value,lower,upper,confidence,unit,method\n"
        for p in parameters {
            let fields = [csvField(p.name), number(p.value), p.lower.map(number) ?? "", p.upper.map(number) ?? "",
                          p.confidence.map(number) ?? "", csvField(p.unit), csvField(p.method)]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The same data as one JSON document, with the axes so the numbers have units. Compact,
    /// like the spec: points are most of it.
    public static func json(_ spec: FigureSpec) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(FigureDataDocument(spec))
    }

    /// Swift's shortest round-tripping form: `1e+19`, `0.5`, which every CSV reader parses.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
    }

    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
    /// Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or
    /// carriage return before one) gets a leading apostrophe, as OWASP advises against CSV
    /// injection: run names and labels come from logs anyone with write access to the runs
    /// folder controls. Numbers are written by `number` and never pass through here.
    static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The JSON shape of `FigureData.json`.
struct FigureDataDocument: Encodable {
    struct Axis: Encodable {
        var label: String
        var unit: String
        var scale: String
    }

    struct Layer: Encodable {
        var kind: String
        var label: String?
        /// [x, y] pairs.
        var points: [[Double]]?
        var lower: [[Double]]?
        var upper: [[Double]]?
        var text: String?
    }

    var title: String
    var caption: String
    var x: Axis
    var y: Axis
    var layers: [Layer]
    var parameters: [FitParameter]

    init(_ spec: FigureSpec) {
        let f = spec.figure
        title = f.title
        caption = f.caption
        x = Axis(label: f.xAxis.label, unit: f.xAxis.unit, scale: f.xAxis.scale.rawValue)
        y = Axis(label: f.yAxis.label, unit: f.yAxis.unit, scale: f.yAxis.scale.rawValue)
        func pairs(_ points: [DataPoint]) -> [[Double]] { points.map { [$0.x, $0.y] } }
        layers = f.layers.map { layer in
            switch layer {
            case .line(let s): return Layer(kind: layer.kindName, label: s.label, points: pairs(s.points))
            case .markers(let m): return Layer(kind: layer.kindName, label: m.label, points: pairs(m.points))
            case .band(let b): return Layer(kind: layer.kindName, label: b.label, lower: pairs(b.lower), upper: pairs(b.upper))
            case .annotation(let a): return Layer(kind: layer.kindName, points: pairs([a.at]), text: a.text)
            }
        }
        parameters = spec.parameters
    }
}
