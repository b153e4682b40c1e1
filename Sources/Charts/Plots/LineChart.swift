import Glibc

/// One line (or set of markers) on a chart.
public struct ChartSeries: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Segments between consecutive points.
        case line
        /// Every other dot of the line: fits, forecasts, references.
        case dashed
        /// Each point as its ink's marker character (a whole cell), for runs' end points,
        /// vertices and other points that must stand out and differ by more than colour.
        case markers
    }

    public var ink: Ink
    /// Data coordinates, in drawing order.
    public var points: [(x: Double, y: Double)]
    public var kind: Kind
    /// True when `points` are already in drawn coordinates (log10 of the data on a log
    /// axis), as `CurveCache` keeps them: the chart then skips transforming every point
    /// on every frame.
    public var isTransformed: Bool
    /// Names a transformed line series whose dots a `SeriesRasters` may keep between frames
    /// (unique within the chart, ≥ 0, small: rasters are kept in an array by it); nil draws
    /// it afresh every time.
    public var rasterID: Int?

    public init(ink: Ink, points: [(x: Double, y: Double)], kind: Kind = .line, isTransformed: Bool = false,
                rasterID: Int? = nil) {
        self.ink = ink
        self.points = points
        self.kind = kind
        self.isTransformed = isTransformed
        self.rasterID = rasterID
    }
}

/// A shaded interval between two curves sampled at the same x values (a fit's bootstrap
/// band), drawn as sparse dots beneath the lines.
public struct ChartBand: Sendable {
    public var ink: Ink
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]

    public init(ink: Ink, x: [Double], lower: [Double], upper: [Double]) {
        self.ink = ink
        self.x = x
        self.lower = lower
        self.upper = upper
    }
}

/// Where a rendered chart put its plot, so a caller can map a cursor column back to data.
public struct ChartGeometry: Sendable {
    /// The plot area in cells.
    public var plot: Rect
    public var xScale: Scale
    public var yScale: Scale

    /// The data x at a fraction 0...1 of the plot's width.
    public func x(atFraction f: Double) -> Double {
        let lo = xScale.transformed(xScale.lower) ?? 0, hi = xScale.transformed(xScale.upper) ?? 1
        let t = lo + (hi - lo) * min(1, max(0, f))
        return xScale.kind == .log10 ? pow(10, t) : t
    }
}

/// A legend row: a swatch in the series' ink and a label.
public struct LegendEntry: Sendable {
    public var label: String
    public var ink: Ink

    public init(label: String, ink: Ink) {
        self.label = label
        self.ink = ink
    }
}

/// The styles a chart draws its furniture with.
public struct ChartStyle: Sendable {
    public var axis: CellStyle
    public var label: CellStyle
    public var grid: CellStyle
    public var message: CellStyle

    public init(theme: Theme) {
        axis = CellStyle(foreground: theme.axis)
        label = CellStyle(foreground: theme.foreground)
        grid = CellStyle(foreground: theme.grid)
        message = CellStyle(foreground: theme.inactive)
    }
}

/// A line chart as a value: series, axis kinds and titles, legend. `render` lays out
/// ticks, labels, a dotted grid at the labelled ticks, the braille lines and the legend
/// inside a rectangle of a cell grid.
public struct LineChart: Sendable {
    public var series: [ChartSeries]
    public var legend: [LegendEntry]
    public var bands: [ChartBand] = []
    /// When set, the axes cover this extent instead of the data's (the caller knows it
    /// already, e.g. from `CurveCache`, or wants fitted curves to fit in).
    public var extentOverride: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
    /// A vertical cursor line at this data x.
    public var cursorX: Double?
    public var xKind: Scale.Kind
    public var yKind: Scale.Kind
    public var xTitle: String
    public var yTitle: String
    /// Shown in the plot area when there is nothing to draw.
    public var emptyMessage: String

    public init(series: [ChartSeries], legend: [LegendEntry] = [], xKind: Scale.Kind, yKind: Scale.Kind,
                xTitle: String, yTitle: String, emptyMessage: String = "no data yet") {
        self.series = series
        self.legend = legend
        self.xKind = xKind
        self.yKind = yKind
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.emptyMessage = emptyMessage
    }

    /// The data's extent on each axis, ignoring values a log axis cannot show.
    func extent() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        if let extentOverride { return extentOverride }
        var xl = Double.infinity, xh = -Double.infinity, yl = Double.infinity, yh = -Double.infinity
        for s in series where !s.isTransformed {
            for p in s.points where p.x.isFinite && p.y.isFinite {
                if xKind == .log10 && p.x <= 0 { continue }
                if yKind == .log10 && p.y <= 0 { continue }
                xl = min(xl, p.x); xh = max(xh, p.x); yl = min(yl, p.y); yh = max(yh, p.y)
            }
        }
        guard xl <= xh, yl <= yh else { return nil }
        return (xl...xh, yl...yh)
    }

    /// `rasters`: line series' dots kept from the last frame (see `SeriesRasters`).
    @discardableResult
    public func render(into grid: inout CellGrid, rect: Rect, style: ChartStyle, glyphs: GlyphSet,
                       rasters: SeriesRasters? = nil) -> ChartGeometry? {
        guard rect.width >= 8, rect.height >= 4 else { return nil }
        let legendWidth = legendColumns(for: rect)
        guard let extent = extent() else {
            let message = SafeText.sanitize(emptyMessage)
            grid.put(message, x: rect.x + max(0, (rect.width - message.count) / 2), y: rect.y + rect.height / 2,
                     style: style.message, maxWidth: rect.width)
            drawLegend(into: &grid, rect: rect, width: legendWidth, style: style, glyphs: glyphs)
            return nil
        }
        guard let layout = layout(in: rect, extent: extent, legendWidth: legendWidth) else { return nil }
        let (plot, xAxis, yAxis, labelWidth) = (layout.plot, layout.xAxis, layout.yAxis, layout.labelWidth)
        var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
        // As constants: the mappings below must not read `canvas` while it is being painted.
        let (dotWidth, dotHeight) = (canvas.dotWidth, canvas.dotHeight)

        func column(_ v: Double) -> Int? {
            xAxis.scale.fraction(v).map { Int(($0 * Double(dotWidth - 1)).rounded()) }
        }
        func row(_ v: Double) -> Int? {
            yAxis.scale.fraction(v).map { Int(((1 - $0) * Double(dotHeight - 1)).rounded()) }
        }
        // The same mappings for points already in drawn coordinates.
        let (x0, x1) = (xAxis.scale.transformed(xAxis.scale.lower) ?? 0, xAxis.scale.transformed(xAxis.scale.upper) ?? 1)
        let (y0, y1) = (yAxis.scale.transformed(yAxis.scale.lower) ?? 0, yAxis.scale.transformed(yAxis.scale.upper) ?? 1)
        let xPerDot = x1 > x0 ? Double(dotWidth - 1) / (x1 - x0) : 0
        let yPerDot = y1 > y0 ? Double(dotHeight - 1) / (y1 - y0) : 0
        func drawnColumn(_ t: Double) -> Int? { t.isFinite ? Int(((t - x0) * xPerDot).rounded()) : nil }
        func drawnRow(_ t: Double) -> Int? { t.isFinite ? Int(((y1 - t) * yPerDot).rounded()) : nil }

        // Grid and axes first; the data is painted over them.
        let gridGlyph: Unicode.Scalar = glyphs == .braille ? "·" : "."
        for tick in yAxis.ticks where tick.label != nil {
            guard let r = row(tick.value) else { continue }
            let y = plot.y + r / 4
            for x in stride(from: plot.x + 1, to: plot.maxX, by: 2) { grid[x, y] = Cell(gridGlyph, style: style.grid) }
            grid.put(tick.label!, x: rect.x + labelWidth - tick.label!.count, y: y, style: style.label, maxWidth: labelWidth)
        }
        for tick in xAxis.ticks where tick.label != nil {
            guard let c = column(tick.value) else { continue }
            let x = plot.x + c / 2
            for y in plot.y..<plot.maxY where (y - plot.y) % 2 == 1 { grid[x, y] = Cell(gridGlyph, style: style.grid) }
        }
        let vertical: Unicode.Scalar = glyphs == .braille ? "│" : "|"
        let horizontal: Unicode.Scalar = glyphs == .braille ? "─" : "-"
        for y in plot.y..<plot.maxY { grid[plot.x - 1, y] = Cell(vertical, style: style.axis) }
        let axisY = plot.maxY
        grid[plot.x - 1, axisY] = Cell(glyphs == .braille ? "└" : "+", style: style.axis)
        for x in plot.x..<plot.maxX { grid[x, axisY] = Cell(horizontal, style: style.axis) }
        for tick in yAxis.ticks {
            guard let r = row(tick.value), r >= 0, r < canvas.dotHeight else { continue }
            let mark: Unicode.Scalar = glyphs == .braille ? (tick.label != nil ? "┤" : "╡") : (tick.label != nil ? "+" : "|")
            if tick.label != nil { grid[plot.x - 1, plot.y + r / 4] = Cell(mark, style: style.axis) }
        }
        var lastLabelEnd = plot.x - 1 - labelWidth
        for tick in xAxis.ticks {
            guard let c = column(tick.value), c >= 0, c < canvas.dotWidth else { continue }
            let x = plot.x + c / 2
            let major = tick.label != nil
            grid[x, axisY] = Cell(major ? (glyphs == .braille ? "┬" : "+") : (glyphs == .braille ? "┴" : "'"), style: style.axis)
            guard let label = tick.label else { continue }
            let start = min(max(rect.x, x - label.count / 2), rect.maxX - legendWidth - label.count)
            if start > lastLabelEnd {
                grid.put(label, x: start, y: axisY + 1, style: style.label)
                lastLabelEnd = start + label.count
            }
        }
        let xTitleText = SafeText.sanitize(xTitle)
        grid.put(xTitleText, x: plot.x + max(0, (plot.width - xTitleText.count) / 2), y: axisY + 2,
                 style: style.message, maxWidth: plot.width)
        if yTitle.count <= labelWidth + 1 {
            grid.put(yTitle, x: rect.x, y: axisY + 2, style: style.message)
        }

        // Bands beneath everything: every other dot between the bounds, per dot column.
        for band in bands {
            let n = min(band.x.count, band.lower.count, band.upper.count)
            guard n >= 2 else { continue }
            for i in 1..<n {
                guard let ca = column(band.x[i - 1]), let cb = column(band.x[i]),
                      let la = row(band.lower[i - 1]), let lb = row(band.lower[i]),
                      let ua = row(band.upper[i - 1]), let ub = row(band.upper[i]), cb > ca else { continue }
                for c in ca...cb where c % 2 == 0 {
                    let t = Double(c - ca) / Double(cb - ca)
                    let top = Int((Double(ua) + t * Double(ub - ua)).rounded())
                    let bottom = Int((Double(la) + t * Double(lb - la)).rounded())
                    for r in stride(from: min(top, bottom), through: max(top, bottom), by: 2) { canvas.set(c, r, ink: band.ink) }
                }
            }
        }
        // Data: every segment is drawn, so spikes survive however many points share a column.
        var markers: [(x: Int, y: Int, ink: Ink)] = []
        let mapping = SeriesRasters.Mapping(columns: canvas.columns, rows: canvas.rows, x0: x0, xPerDot: xPerDot,
                                            y1: y1, yPerDot: yPerDot)
        rasters?.beginFrame()
        defer { rasters?.endFrame() }
        func draw(_ s: ChartSeries, on canvas: inout BrailleCanvas, markers: inout [(x: Int, y: Int, ink: Ink)]) {
            if s.kind == .line, s.isTransformed, let rasters, let id = s.rasterID, id >= 0 {
                let cells = rasters.cells(id: id, points: s.points, mapping: mapping) {
                    var dots: [UInt32] = []
                    Self.lineDots(s.points, column: drawnColumn, row: drawnRow, dotWidth: canvas.dotWidth,
                                  dotHeight: canvas.dotHeight) { x, y in
                        if let d = canvas.cellBit(x, y) { dots.append(UInt32(d.cell) << 8 | UInt32(d.bit)) }
                    }
                    return Self.merged(dots)
                }
                canvas.paint(cells, ink: s.ink)
                return
            }
            var previous: (x: Int, y: Int)?
            for p in s.points {
                guard let cx = s.isTransformed ? drawnColumn(p.x) : column(p.x),
                      let cy = s.isTransformed ? drawnRow(p.y) : row(p.y) else { previous = nil; continue }
                let here = (x: cx, y: cy)
                switch s.kind {
                case .markers:
                    markers.append((cx / 2, cy / 4, s.ink))
                case .line:
                    if let a = previous { canvas.line(from: a, to: here, ink: s.ink) } else { canvas.set(cx, cy, ink: s.ink) }
                case .dashed:
                    if let a = previous { canvas.dashedLine(from: a, to: here, ink: s.ink) } else { canvas.set(cx, cy, ink: s.ink) }
                }
                previous = here
            }
        }
        // In chunks of consecutive series: a chunk whose series are all kept ones (see
        // `SeriesRasters.composite`) paints its composite instead of each series.
        var start = 0
        while start < series.count {
            let end = min(start + SeriesRasters.chunkSize, series.count)
            let chunk = series[start..<end]
            if let rasters, SeriesRasters.composable(chunk) {
                let composite = rasters.composite(start / SeriesRasters.chunkSize, of: chunk, mapping: mapping) {
                    var scratch = BrailleCanvas(columns: canvas.columns, rows: canvas.rows)
                    var chunkMarkers: [(x: Int, y: Int, ink: Ink)] = []
                    for s in chunk { draw(s, on: &scratch, markers: &chunkMarkers) }
                    return (scratch.painted(), chunkMarkers)
                }
                canvas.paint(composite.painted)
                markers.append(contentsOf: composite.markers)
            } else {
                for s in chunk { draw(s, on: &canvas, markers: &markers) }
            }
            start = end
        }
        if let cursorX, let c = column(cursorX), c >= 0, c < canvas.dotWidth {
            let cursorStyle = CellStyle(foreground: style.label.foreground, dim: true)
            for y in plot.y..<plot.maxY { grid[plot.x + c / 2, y] = Cell(glyphs == .braille ? "│" : "|", style: cursorStyle) }
        }
        canvas.render(into: &grid, x: plot.x, y: plot.y, glyphs: glyphs)
        let layers = markerLayers
        for m in markers where m.x >= 0 && m.x < plot.width && m.y >= 0 && m.y < plot.height {
            let existing = grid[plot.x + m.x, plot.y + m.y]
            // A marker of a lower layer does not cover one of a higher layer.
            if existing.scalar != " ", let layer = layers.first(where: { $0.style == existing.style })?.layer,
               layer > m.ink.layer { continue }
            grid[plot.x + m.x, plot.y + m.y] = Cell(m.ink.marker, style: m.ink.style)
        }
        drawLegend(into: &grid, rect: rect, width: legendWidth, style: style, glyphs: glyphs)
        return ChartGeometry(plot: plot, xScale: xAxis.scale, yScale: yAxis.scale)
    }

    /// The dots of a line through `points` (segments between consecutive drawable points),
    /// as `render` draws them.
    static func lineDots(_ points: [(x: Double, y: Double)], column: (Double) -> Int?, row: (Double) -> Int?,
                         dotWidth: Int, dotHeight: Int, _ dot: (Int, Int) -> Void) {
        var previous: (x: Int, y: Int)?
        for p in points {
            guard let cx = column(p.x), let cy = row(p.y) else { previous = nil; continue }
            let here = (x: cx, y: cy)
            if let a = previous {
                BrailleCanvas.walkLine(from: a, to: here, dotWidth: dotWidth, dotHeight: dotHeight, dot)
            } else {
                dot(cx, cy)
            }
            previous = here
        }
    }

    /// Dots as (cell << 8 | bit), sorted by cell with each cell's bits joined.
    static func merged(_ dots: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        for d in dots.sorted() {
            if let last = out.last, last >> 8 == d >> 8 { out[out.count - 1] = last | d } else { out.append(d) }
        }
        return out
    }

    /// Marker inks by style, so a marker knows whether it may cover the one already drawn.
    /// Only styles above the lowest marker layer: no marker is kept off a cell by a layer
    /// at or below its own, so the rest never decide anything, and at 10,000 runs (a marker
    /// series each, nearly all on layer 0) hashing every style was a few per cent of a
    /// frame (perf, issue 16).
    private var markerLayers: [(style: CellStyle, layer: Int)] {
        var lowest = Int.max
        for i in series.indices where series[i].kind == .markers { lowest = min(lowest, series[i].ink.layer) }
        // A short list, searched in order: a few styles at most, and hashing a style per
        // marker was 2% of an appended line's CPU at 10,000 runs (the frontier's markers).
        var out: [(style: CellStyle, layer: Int)] = []
        for i in series.indices where series[i].kind == .markers && series[i].ink.layer > lowest {
            let style = series[i].ink.style, layer = series[i].ink.layer
            if let k = out.firstIndex(where: { $0.style == style }) { out[k].layer = max(out[k].layer, layer) }
            else { out.append((style, layer)) }
        }
        return out
    }

    struct Layout {
        var plot: Rect
        var xAxis: AxisLayout
        var yAxis: AxisLayout
        var labelWidth: Int
    }

    /// Axes and plot rectangle for `rect`: the plot, then below it the x axis line, the x
    /// labels and the x title; y labels on the left, the legend on the right.
    func layout(in rect: Rect, extent: (x: ClosedRange<Double>, y: ClosedRange<Double>), legendWidth: Int) -> Layout? {
        let plotRows = rect.height - 3
        guard plotRows >= 1 else { return nil }
        let yAxis = AxisLayout.make(kind: yKind, lower: extent.y.lowerBound, upper: extent.y.upperBound,
                                    maxLabels: max(2, plotRows / 2 + 1))
        let yLabels = yAxis.ticks.compactMap(\.label)
        let labelWidth = min(8, max(yLabels.map(\.count).max() ?? 1, 1))
        let plotX = rect.x + labelWidth + 1
        let plotWidth = rect.width - labelWidth - 1 - legendWidth
        guard plotWidth >= 4 else { return nil }
        let xAxis = AxisLayout.make(kind: xKind, lower: extent.x.lowerBound, upper: extent.x.upperBound,
                                    maxLabels: max(2, plotWidth / 9))
        return Layout(plot: Rect(x: plotX, y: rect.y, width: plotWidth, height: plotRows),
                      xAxis: xAxis, yAxis: yAxis, labelWidth: labelWidth)
    }

    /// Where `render` would put the plot, without drawing (to place a cursor, or to
    /// decimate curves to the plot's width before rendering).
    public func geometry(in rect: Rect) -> ChartGeometry? {
        guard rect.width >= 8, rect.height >= 4, let extent = extent(),
              let l = layout(in: rect, extent: extent, legendWidth: legendColumns(for: rect)) else { return nil }
        return ChartGeometry(plot: l.plot, xScale: l.xAxis.scale, yScale: l.yAxis.scale)
    }

    func legendColumns(for rect: Rect) -> Int {
        guard !legend.isEmpty, rect.width >= 40 else { return 0 }
        let widest = legend.map { SafeText.sanitize($0.label).count }.max() ?? 0
        return min(max(10, widest + 4), rect.width / 4)
    }

    func drawLegend(into grid: inout CellGrid, rect: Rect, width: Int, style: ChartStyle, glyphs: GlyphSet) {
        guard width > 0 else { return }
        let x = rect.maxX - width + 1
        let capacity = rect.height - 1
        for (i, entry) in legend.enumerated() {
            guard i < capacity else { break }
            if i == capacity - 1 && legend.count > capacity {
                grid.put("+\(legend.count - i) more", x: x, y: rect.y + i, style: style.message, maxWidth: width - 1)
                break
            }
            let swatch: Unicode.Scalar = glyphs == .braille ? "━" : entry.ink.marker
            grid[x, rect.y + i] = Cell(swatch, style: entry.ink.style)
            grid[x + 1, rect.y + i] = Cell(glyphs == .braille ? entry.ink.marker : " ", style: entry.ink.style)
            grid.put(entry.label, x: x + 3, y: rect.y + i, style: style.label, maxWidth: width - 4)
        }
    }
}
