import Charts

/// Where everything on the page goes: the plot rectangle, ticks and their labels, axis
/// titles, colour bar, legend, insets, annotations, title and caption. Measured with the
/// font the backends draw, so labels neither overlap nor leave the page, and placed with the
/// data's footprint in hand, so the legend, insets and annotations cover none of it. A
/// value: the painter only draws it.
public struct FigureLayout: Sendable {
    public var size: FigureSize
    public var style: FigureStyle
    public var mapping: PlotMapping
    public var xTicks: [PlacedTick]
    public var yTicks: [PlacedTick]
    /// The title's lines (long titles wrap), centred; none without a title or with `showsTitle` off.
    public var title: [PlacedText]
    public var xTitle: PlacedText
    /// Drawn rotated 90° counter-clockwise; two lines when one is longer than the plot is tall.
    public var yTitle: [PlacedText]
    public var caption: [PlacedText]
    public var colorBar: PlacedColorBar?
    public var legend: PlacedLegend?
    public var annotations: [PlacedAnnotation]
    public var insets: [PlacedInset]
    /// Height of capitals and digits at the label size: labels are centred on it.
    public var capHeight: Double

    public var plot: VectorRect { mapping.plot }

    /// Lays the figure out. An automatic legend goes where the data and insets leave room
    /// inside the plot, else to the right of it, else (when that would leave the plot under
    /// half the page's width, as on a one-column figure) in rows below it.
    ///
    /// Where the plot is too crowded for an annotation to cover no data, or too small for an
    /// inset to be read (a one-column figure), the annotation's text and the inset's title
    /// become notes in the legend instead, and the page is laid out again with them there.
    public init(figure: Figure, size: FigureSize, style: FigureStyle, measurer: TextMeasurer) {
        func lay(_ figure: Figure, notes: [String]) -> FigureLayout {
            let layout = FigureLayout(figure: figure, size: size, style: style, measurer: measurer, legendMode: figure.legend, notes: notes)
            guard figure.legend == .automatic, let legend = layout.legend, !legend.isInside, layout.plot.width < 0.5 * size.width else {
                return layout
            }
            return FigureLayout(figure: figure, size: size, style: style, measurer: measurer, legendMode: .below, notes: notes)
        }
        let first = lay(figure, notes: [])
        let crowded = first.annotations.filter { !$0.isClear }.map(\.annotation)
        let dropped = figure.insets.indices.filter { i in !first.insets.contains { $0.index == i } }
        guard figure.legend != .hidden, !crowded.isEmpty || !dropped.isEmpty else {
            self = first
            return
        }
        var reduced = figure
        reduced.layers.removeAll { layer in
            if case .annotation(let a) = layer { return crowded.contains(a) } else { return false }
        }
        reduced.insets = figure.insets.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        let notes = dropped.map { figure.insets[$0].figure.title }.filter { !$0.isEmpty }
            + crowded.flatMap { $0.text.split(separator: "\n").map(String.init) }
        self = lay(reduced, notes: notes)
    }

    private init(figure: Figure, size: FigureSize, style: FigureStyle, measurer: TextMeasurer, legendMode: LegendPlacement,
                 notes: [String]) {
        self.size = size
        self.style = style
        let f = style.fontSize
        let cap = measurer.capHeight(size: f)
        let descent = 0.25 * f
        capHeight = cap
        // Notes (a fitted law moved out of a crowded plot) come first: when the legend has no
        // room for every row, a series is left to "… and N more", never the result.
        let entries = legendMode == .hidden ? []
            : notes.map { FigureLegendEntry(label: $0, isNote: true) } + FigureLegendEntry.entries(for: figure.layers)
        let legendLook = LegendMetrics(fontSize: f)
        let legendLabelWidth = entries.map { $0.labelWidth(size: f, swatchAndGap: legendLook.swatch + legendLook.padding, measurer: measurer) }
            .max() ?? 0
        let legendWidth = legendLook.size(labelWidth: legendLabelWidth, rows: 1).width

        // Vertical budget, top down and bottom up. Long titles and captions wrap.
        let titleCap = measurer.capHeight(size: style.titleSize)
        let titleLead = style.titleSize * 1.25
        let titleLines = figure.title.isEmpty || !style.showsTitle ? []
            : TextWrap.lines(figure.title, width: size.width - 2 * style.margin, size: style.titleSize, measurer: measurer, bold: true)
        title = titleLines.enumerated().map { i, line in
            PlacedText(text: line, at: VectorPoint(size.width / 2, style.margin + titleCap + Double(i) * titleLead))
        }
        let plotTop = titleLines.isEmpty ? style.margin + cap
            : style.margin + titleCap + Double(titleLines.count - 1) * titleLead + 0.3 * style.titleSize + 10
        let captionLines = figure.caption.isEmpty || !style.showsCaption ? []
            : TextWrap.lines(figure.caption, width: size.width - 2 * style.margin, size: style.captionSize, measurer: measurer)
        let captionLead = style.captionSize * 1.3
        let captionHeight = captionLines.isEmpty ? 0
            : 6 + measurer.capHeight(size: style.captionSize) + Double(captionLines.count - 1) * captionLead + 0.25 * style.captionSize
        let tickLabelDrop = style.tickLength + 3 + cap
        let hasXTitle = !figure.xAxis.title.isEmpty
        let xTitleDrop = tickLabelDrop + (hasXTitle ? descent + 5 + cap : 0)
        let below = legendMode == .below && !entries.isEmpty
            ? FigureLayout.legendRows(entries, look: legendLook, size: size, style: style, measurer: measurer) : nil
        let plotBottom = size.height - style.margin - captionHeight - (below?.height ?? 0) - xTitleDrop - descent
        let plotHeight = max(20, plotBottom - plotTop)

        // Horizontal budget: the y labels' width depends on the ticks, which depend on the
        // plot's height only, so one pass settles the left edge.
        let extents = FigureLayout.extents(of: figure)
        let markRadius = FigureLayout.markRadius(of: figure.layers, scale: style.markerScale)
        let yAxis = FigureLayout.yAxis(figure.yAxis, extent: extents.y, length: plotHeight, markRadius: markRadius, style: style)
        let yLabels = yAxis.placed(from: plotBottom, to: plotTop, style: style)
        let yLabelWidth = yLabels.compactMap(\.label).map { measurer.width(of: $0, size: f, bold: false) }.max() ?? 0
        let yTitleLines = FigureLayout.titleLines(figure.yAxis.title, length: plotHeight, size: f, measurer: measurer)
        let axisTitleLead = 1.2 * f
        let plotLeft = style.margin + (yTitleLines.isEmpty ? 0 : cap + descent + 6 + Double(yTitleLines.count - 1) * axisTitleLead)
            + yLabelWidth + 3 + style.tickLength
        let bar = figure.colorBar.map { ColorBarLayout(bar: $0, length: plotHeight, style: style, measurer: measurer) }

        func horizontal(outsideLegend: Bool) -> HorizontalLayout {
            let limit = size.width - style.margin - (bar?.width ?? 0) - (outsideLegend ? legendWidth + 8 : 0)
            return FigureLayout.xAxis(figure.xAxis, extent: extents.x, left: plotLeft, limit: limit, markRadius: markRadius,
                                      style: style, measurer: measurer)
        }
        func makeMapping(_ h: HorizontalLayout) -> PlotMapping {
            PlotMapping(plot: VectorRect(x: plotLeft, y: plotTop, width: max(20, h.right - plotLeft), height: plotHeight),
                        x: h.axis.scale, y: yAxis.scale)
        }

        var h = horizontal(outsideLegend: legendMode == .outsideRight && !entries.isEmpty)
        var mapping = makeMapping(h)
        var occupancy = OccupancyGrid(layers: figure.layers, mapping: mapping, markerScale: style.markerScale)
        let shown = FigureLayout.legendShown(entries, plotHeight: plotHeight, look: legendLook)
        let boxSize = legendLook.size(labelWidth: legendLabelWidth, rows: shown.rows)
        var legendFrame: VectorRect?
        var legendInside = false
        var placedInsets: [PlacedInset] = []

        switch legendMode {
        case .upperLeft, .upperRight, .lowerLeft, .lowerRight:
            if !entries.isEmpty {
                legendFrame = FigureLayout.corner(legendMode, of: mapping.plot, size: boxSize)
                legendInside = true
            }
            placedInsets = FigureLayout.placeInsets(figure, mapping: mapping, occupancy: occupancy,
                                                    obstacles: legendFrame.map { [$0] } ?? [], style: style, measurer: measurer)
        case .automatic where !entries.isEmpty:
            placedInsets = FigureLayout.placeInsets(figure, mapping: mapping, occupancy: occupancy, obstacles: [],
                                                    style: style, measurer: measurer)
            if boxSize.width < mapping.plot.width * 0.6,
               let free = FigureLayout.emptySpot(for: boxSize, in: mapping.plot, occupancy: occupancy,
                                                 obstacles: placedInsets.map(\.frame)) {
                legendFrame = free
                legendInside = true
            } else {
                h = horizontal(outsideLegend: true)
                mapping = makeMapping(h)
                occupancy = OccupancyGrid(layers: figure.layers, mapping: mapping, markerScale: style.markerScale)
                placedInsets = FigureLayout.placeInsets(figure, mapping: mapping, occupancy: occupancy, obstacles: [],
                                                        style: style, measurer: measurer)
            }
        default:
            placedInsets = FigureLayout.placeInsets(figure, mapping: mapping, occupancy: occupancy, obstacles: [],
                                                    style: style, measurer: measurer)
        }
        let plot = mapping.plot
        let xTitleBaseline = plot.maxY + xTitleDrop
        if let bar {
            colorBar = bar.placed(left: plot.maxX + bar.gap, top: plot.y)
        } else {
            colorBar = nil
        }

        if let below {
            let top = xTitleBaseline + descent + 4
            legend = PlacedLegend(frame: VectorRect(x: style.margin, y: top, width: size.width - 2 * style.margin, height: below.height - 4),
                                  isInside: false, entries: Array(entries.prefix(below.shown)), omittedCount: entries.count - below.shown,
                                  padding: legendLook.padding, rowHeight: legendLook.rowHeight, swatchWidth: legendLook.swatch,
                                  origins: below.origins.map { VectorPoint($0.x, $0.y + top) })
        } else if !entries.isEmpty, legendMode != .hidden {
            let outsideLeft = (colorBar.map { $0.right } ?? plot.maxX) + 8
            let frame = legendFrame ?? VectorRect(x: outsideLeft, y: plot.y, width: boxSize.width, height: boxSize.height)
            legend = PlacedLegend(frame: frame, isInside: legendInside, entries: shown.entries, omittedCount: entries.count - shown.entries.count,
                                  padding: legendLook.padding, rowHeight: legendLook.rowHeight, swatchWidth: legendLook.swatch,
                                  origins: PlacedLegend.stacked(in: frame, rows: shown.rows, padding: legendLook.padding,
                                                                rowHeight: legendLook.rowHeight))
        } else {
            legend = nil
        }
        self.mapping = mapping
        insets = placedInsets
        xTicks = h.ticks
        yTicks = yAxis.placed(from: plot.maxY, to: plot.y, style: style)
        xTitle = PlacedText(text: figure.xAxis.title, at: VectorPoint(plot.x + plot.width / 2, xTitleBaseline))
        // Centred on the plot, but moved to stay on the page when longer than the plot is tall.
        let yTitleHalf = (yTitleLines.map { TextMarkup.width($0, size: f, measurer: measurer) }.max() ?? 0) / 2
        let yTitleCentre = min(max(plot.y + plot.height / 2, style.margin + yTitleHalf), size.height - style.margin - yTitleHalf)
        yTitle = yTitleLines.enumerated().map { i, line in
            PlacedText(text: line, at: VectorPoint(style.margin + cap + Double(i) * axisTitleLead, yTitleCentre))
        }
        let captionTop = xTitleBaseline + (below?.height ?? 0) + descent + 6 + measurer.capHeight(size: style.captionSize)
        caption = captionLines.enumerated().map { i, line in
            PlacedText(text: line, at: VectorPoint(style.margin, captionTop + Double(i) * captionLead))
        }
        let obstacles = (legend?.isInside == true ? [legend!.frame] : []) + insets.map(\.frame)
        annotations = FigureLayout.placeAnnotations(figure.layers, mapping: mapping, occupancy: occupancy, obstacles: obstacles,
                                                    style: style, measurer: measurer)
    }

    /// The largest distance from a drawn point to the edge of its mark (half a marker and its
    /// outline, half a line's width): how far inside the frame the axes' padding must keep
    /// the data.
    static func markRadius(of layers: [FigureLayer], scale: Double) -> Double {
        layers.reduce(0.0) { r, layer in
            switch layer {
            case .markers(let m) where !m.points.isEmpty:
                let size = m.size * scale
                return max(r, size * 0.6 + max(0.75, size / 6) / 2)
            case .line(let s) where !s.points.isEmpty: return max(r, s.width / 2)
            default: return r
            }
        }
    }

    /// Legend rows and the place each starts, flowing left to right below the plot in at most
    /// a third of the page's height; what does not fit is counted in a last "… and N more".
    static func legendRows(_ entries: [FigureLegendEntry], look: LegendMetrics, size: FigureSize, style: FigureStyle,
                           measurer: TextMeasurer) -> (origins: [VectorPoint], shown: Int, height: Double) {
        let maxRows = max(1, Int((size.height / 3 - 2 * look.padding) / look.rowHeight))
        let widths = entries.map {
            look.swatch + 3 * look.padding + $0.labelWidth(size: style.fontSize, swatchAndGap: look.swatch + look.padding, measurer: measurer)
        }
        var offsets: [(x: Double, row: Int)] = []
        var x = 0.0, row = 0
        for (w, entry) in zip(widths, entries) {
            // A note (an annotation's line) starts a row of its own: two-line notes stay stacked.
            if x > 0 && (x + w > size.width - 2 * style.margin || entry.isNote) { row += 1; x = 0 }
            if row >= maxRows { break }
            offsets.append((x, row))
            x += w
        }
        var shown = offsets.count
        if shown < entries.count { shown -= 1 }   // its slot says how many more there are
        let rows = (offsets.last?.row ?? 0) + 1
        return (offsets.map { VectorPoint(style.margin + look.padding + $0.x, look.padding + look.rowHeight * (Double($0.row) + 0.5)) },
                shown, 4 + 2 * look.padding + Double(rows) * look.rowHeight)
    }

    /// An axis or colour bar title in one line, or in two when one is longer than `length`
    /// (a one-column figure's "compute-optimal size N_opt (parameters)"); none when empty.
    static func titleLines(_ title: String, length: Double, size: Double, measurer: TextMeasurer) -> [String] {
        guard !title.isEmpty else { return [] }
        guard TextMarkup.width(title, size: size, measurer: measurer) > length else { return [title] }
        let words = title.split(separator: " ").map(String.init)
        guard words.count > 1 else { return [title] }
        // The split that leaves the longer line shortest.
        let best = (1..<words.count).min { a, b in
            func longest(_ k: Int) -> Double {
                max(TextMarkup.width(words[..<k].joined(separator: " "), size: size, measurer: measurer),
                    TextMarkup.width(words[k...].joined(separator: " "), size: size, measurer: measurer))
            }
            return longest(a) < longest(b)
        }!
        return [words[..<best].joined(separator: " "), words[best...].joined(separator: " ")]
    }

    /// The entries a one-column legend as tall as the plot has room for.
    static func legendShown(_ entries: [FigureLegendEntry], plotHeight: Double,
                            look: LegendMetrics) -> (entries: [FigureLegendEntry], rows: Int) {
        let maxRows = max(1, Int((plotHeight - 2 * look.padding) / look.rowHeight))
        let shown = entries.count <= maxRows ? entries : Array(entries.prefix(maxRows - 1))
        return (shown, shown.count + (shown.count < entries.count ? 1 : 0))
    }

    /// A box of `size` in a corner of `plot`, 6 points in from both edges.
    static func corner(_ corner: LegendPlacement, of plot: VectorRect, size: (width: Double, height: Double)) -> VectorRect {
        let inset = 6.0
        let left = corner == .upperLeft || corner == .lowerLeft
        let upper = corner == .upperLeft || corner == .upperRight
        return VectorRect(x: left ? plot.x + inset : plot.maxX - inset - size.width,
                          y: upper ? plot.y + inset : plot.maxY - inset - size.height, width: size.width, height: size.height)
    }

    /// The first place for a box of `size`, corners first and then the middles of the edges
    /// (matplotlib's "best" locations), where it covers no data and no obstacle.
    static func emptySpot(for size: (width: Double, height: Double), in plot: VectorRect, occupancy: OccupancyGrid,
                          obstacles: [VectorRect]) -> VectorRect? {
        let inset = 6.0
        let xs = [plot.maxX - inset - size.width, plot.x + inset, plot.x + (plot.width - size.width) / 2]
        let ys = [plot.y + inset, plot.maxY - inset - size.height, plot.y + (plot.height - size.height) / 2]
        let spots = [(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (2, 1), (0, 2), (1, 2)].map { i, j in
            VectorRect(x: xs[i], y: ys[j], width: size.width, height: size.height)
        }
        return spots.first { r in
            r.x >= plot.x && r.maxX <= plot.maxX && r.y >= plot.y && r.maxY <= plot.maxY
                && occupancy.coverage(r.insetBy(-3)) == 0 && !obstacles.contains { $0.intersects(r.insetBy(-3)) }
        }
    }
}

/// The legend's proportions at a font size.
struct LegendMetrics {
    var padding: Double
    var rowHeight: Double
    var swatch: Double

    init(fontSize f: Double) {
        padding = 0.6 * f
        rowHeight = 1.45 * f
        swatch = 2.2 * f
    }

    func size(labelWidth: Double, rows: Int) -> (width: Double, height: Double) {
        (padding * 2 + swatch + padding + labelWidth, padding * 2 + rowHeight * Double(rows))
    }
}
