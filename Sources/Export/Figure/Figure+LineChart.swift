import Charts
import Glibc

extension Figure {
    /// The figure of a terminal line chart (any dashboard panel drawn as a `LineChart`: loss
    /// curves, IsoFLOP profiles, the frontier): the same series, bands, scales, axis titles,
    /// ranges and legend labels, drawn as vector lines, symbols and translucent bands.
    ///
    /// Series take the label of the legend entry with their ink (a row "N=190M ×5" covers its
    /// five runs here too); dashed series stay dashed; marker series become symbols chosen by
    /// the ink's marker character; dimmed inks are drawn thinner and lighter. Colours the
    /// terminal left to its defaults become the palette's text colour.
    public init(chart: LineChart, title: String, caption: String, palette: FigurePalette) {
        var labels: [String: String] = [:]   // by ink colour and marker: a legend ink may differ in layer
        func key(_ ink: Ink) -> String { "\(ink.style.foreground)|\(ink.marker)" }
        for entry in chart.legend where labels[key(entry.ink)] == nil { labels[key(entry.ink)] = entry.label }
        func color(_ ink: Ink) -> FigureColor {
            let c = FigureColor(ink.style.foreground, fallback: palette.text)
            return ink.style.dim ? c.mixed(with: palette.background, 0.45) : c
        }
        // Points a `CurveCache` already took to log10 come back to data units.
        func data(_ series: ChartSeries) -> [DataPoint] {
            guard series.isTransformed else { return series.points.map { DataPoint(x: $0.x, y: $0.y) } }
            return series.points.map { p in
                DataPoint(x: chart.xKind == .log10 ? pow(10, p.x) : p.x, y: chart.yKind == .log10 ? pow(10, p.y) : p.y)
            }
        }
        // A band's ink is dim on screen because it is drawn as sparse dots there; on paper the
        // translucency does that job, and a dimmed colour at 18% would all but vanish.
        var layers: [FigureLayer] = chart.bands.map { band in
            .band(Band(label: nil, lower: zip(band.x, band.lower).map { DataPoint(x: $0, y: $1) },
                       upper: zip(band.x, band.upper).map { DataPoint(x: $0, y: $1) },
                       color: FigureColor(band.ink.style.foreground, fallback: palette.text)))
        }
        // Lower layers first, as the terminal paints them.
        for series in chart.series.enumerated().sorted(by: { ($0.element.ink.layer, $0.offset) < ($1.element.ink.layer, $1.offset) })
            .map(\.element) {
            let label = labels[key(series.ink)]
            switch series.kind {
            case .line, .dashed:
                layers.append(.line(LineSeries(label: label, points: data(series), color: color(series.ink),
                                               width: series.ink.style.dim ? 0.8 : (series.ink.style.bold ? 1.8 : 1.2),
                                               dash: series.kind == .dashed ? .dashed : .solid)))
            case .markers:
                let (shape, filled) = Figure.markerShape(series.ink.marker)
                layers.append(.markers(MarkerSet(label: label, points: data(series), shape: shape, filled: filled,
                                                 color: color(series.ink), size: series.ink.style.bold ? 6.5 : 5)))
            }
        }
        var xAxis = FigureAxis(label: chart.xTitle, scale: chart.xKind == .log10 ? .log10 : .linear)
        var yAxis = FigureAxis(label: chart.yTitle, scale: chart.yKind == .log10 ? .log10 : .linear)
        if let extent = chart.extentOverride {
            xAxis.domain = extent.x
            yAxis.domain = extent.y
        }
        self.init(title: title, caption: caption, xAxis: xAxis, yAxis: yAxis, layers: layers)
    }

    /// The symbol a terminal marker character stands for.
    static func markerShape(_ marker: Unicode.Scalar) -> (MarkerSet.Shape, filled: Bool) {
        switch marker {
        case "o": return (.circle, false)
        case "+": return (.plus, false)
        case "x", "×": return (.cross, false)
        case "#": return (.square, true)
        case "*", "@": return (.diamond, true)
        case "^": return (.triangle, true)
        case ".", "·": return (.circle, true)
        default: return (.circle, true)
        }
    }
}
