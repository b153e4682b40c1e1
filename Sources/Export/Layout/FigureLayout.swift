import Charts

/// Where everything on the page goes: the plot rectangle, ticks and their labels, axis
/// titles, legend, annotations, title and caption. Measured with the backends' font, so
/// labels neither overlap nor leave the page. A value: the painter only draws it.
public struct FigureLayout: Sendable {
    public var size: FigureSize
    public var style: FigureStyle
    public var mapping: PlotMapping
    public var xTicks: [PlacedTick]
    public var yTicks: [PlacedTick]
    /// The title's lines (long titles wrap), centred.
    public var title: [PlacedText]
    public var xTitle: PlacedText
    /// Drawn rotated 90° counter-clockwise.
    public var yTitle: PlacedText
    public var caption: [PlacedText]
    public var legend: PlacedLegend?
    public var annotations: [PlacedAnnotation]
    public var insets: [PlacedInset]
    /// Height of capitals and digits at the label size: labels are centred on it.
    public var capHeight: Double

    public var plot: VectorRect { mapping.plot }

    /// Lays the figure out. An automatic legend goes in an empty corner of the plot, else to
    /// the right of it, else (when that would leave the plot under half the page's width,
    /// as on a one-column figure) in rows below it.
    public init(figure: Figure, size: FigureSize, style: FigureStyle, measurer: TextMeasurer) {
        var layout = FigureLayout(figure: figure, size: size, style: style, measurer: measurer, legendMode: figure.legend)
        if figure.legend == .automatic, let legend = layout.legend, !legend.isInside, layout.plot.width < 0.5 * size.width {
            layout = FigureLayout(figure: figure, size: size, style: style, measurer: measurer, legendMode: .below)
        }
        self = layout
    }

    private init(figure: Figure, size: FigureSize, style: FigureStyle, measurer: TextMeasurer, legendMode: LegendPlacement) {
        self.size = size
        self.style = style
        let f = style.fontSize
        let cap = measurer.capHeight(size: f)
        let descent = 0.25 * f
        capHeight = cap
        let entries = legendMode == .hidden ? [] : FigureLegendEntry.entries(for: figure.layers)
        let legendMetrics = (padding: 0.6 * f, rowHeight: 1.45 * f, swatch: 2.2 * f)
        let legendLabelWidth = entries.map { measurer.width(of: $0.label, size: f, bold: false) }.max() ?? 0
        let legendWidth = PlacedLegend.size(labelWidth: legendLabelWidth, rows: 1, padding: legendMetrics.padding,
                                            rowHeight: legendMetrics.rowHeight, swatchWidth: legendMetrics.swatch).0

        // Vertical budget, top down and bottom up. Long titles wrap, centred.
        let titleCap = measurer.capHeight(size: style.titleSize)
        let titleLead = style.titleSize * 1.25
        let titleLines = figure.title.isEmpty ? []
            : TextWrap.lines(figure.title, width: size.width - 2 * style.margin, size: style.titleSize, measurer: measurer, bold: true)
        title = titleLines.enumerated().map { i, line in
            PlacedText(text: line, at: VectorPoint(size.width / 2, style.margin + titleCap + Double(i) * titleLead))
        }
        let plotTop = titleLines.isEmpty ? style.margin + cap
            : style.margin + titleCap + Double(titleLines.count - 1) * titleLead + 0.3 * style.titleSize + 10
        let captionLines = figure.caption.isEmpty ? []
            : TextWrap.lines(figure.caption, width: size.width - 2 * style.margin, size: style.captionSize, measurer: measurer)
        let captionLead = style.captionSize * 1.3
        let captionHeight = captionLines.isEmpty ? 0
            : 6 + measurer.capHeight(size: style.captionSize) + Double(captionLines.count - 1) * captionLead + 0.25 * style.captionSize
        let tickLabelDrop = style.tickLength + 3 + cap
        let xTitleDrop = tickLabelDrop + descent + 5 + cap

        // A legend below the plot: entries flow left to right in rows, using at most a quarter
        // of the page's height; what does not fit is counted in a last "… and N more".
        var below: (origins: [VectorPoint], shown: Int, height: Double)?
        if legendMode == .below && !entries.isEmpty {
            let maxRows = max(1, Int((size.height / 4 - 2 * legendMetrics.padding) / legendMetrics.rowHeight))
            let entryWidths = entries.map {
                legendMetrics.swatch + 3 * legendMetrics.padding + measurer.width(of: $0.label, size: f, bold: false)
            }
            var offsets: [(x: Double, row: Int)] = []
            var x = 0.0, row = 0
            for w in entryWidths {
                if x > 0 && x + w > size.width - 2 * style.margin { row += 1; x = 0 }
                if row >= maxRows { break }
                offsets.append((x, row))
                x += w
            }
            var shown = offsets.count
            if shown < entries.count { shown -= 1 }   // its slot says how many more there are
            let rows = (offsets.last?.row ?? 0) + 1
            below = (offsets.map { VectorPoint(style.margin + legendMetrics.padding + $0.x,
                                               legendMetrics.padding + legendMetrics.rowHeight * (Double($0.row) + 0.5)) },
                     shown, 4 + 2 * legendMetrics.padding + Double(rows) * legendMetrics.rowHeight)
        }
        let plotBottom = size.height - style.margin - captionHeight - (below?.height ?? 0) - xTitleDrop - descent

        // Horizontal budget: the y tick labels' width depends on the ticks, which depend on
        // the plot's height only, so one pass settles it.
        let extents = FigureLayout.extents(of: figure)
        let plotHeight = max(20, plotBottom - plotTop)
        let yAxis = FigureAxisTicks(axis: figure.yAxis, extent: extents.y,
                                    maxLabels: max(2, min(10, Int(plotHeight / (2.6 * f)))))
        let yProbe = yAxis.placed(from: plotBottom, to: plotTop, style: style)
        let yLabelWidth = yProbe.compactMap { $0.label }.map { measurer.width(of: $0, size: f, bold: false) }.max() ?? 0
        let hasYTitle = !figure.yAxis.title.isEmpty
        let plotLeft = style.margin + (hasYTitle ? cap + descent + 6 : 0) + yLabelWidth + 3 + style.tickLength

        func horizontal(outsideLegend: Bool) -> (right: Double, axis: FigureAxisTicks, ticks: [PlacedTick]) {
            let limit = size.width - style.margin - (outsideLegend ? legendWidth + 8 : 0)
            var right = limit
            var axis = FigureAxisTicks(axis: figure.xAxis, extent: extents.x, maxLabels: 2)
            var ticks: [PlacedTick] = []
            // Twice: the last label's overhang past the plot's right edge narrows the plot.
            for _ in 0..<2 {
                let width = max(20, right - plotLeft)
                // As many labels as fit with an em between them, from a label every 4 ems down.
                for maxLabels in stride(from: max(2, min(10, Int(width / (4 * f)))), through: 2, by: -1) {
                    axis = FigureAxisTicks(axis: figure.xAxis, extent: extents.x, maxLabels: maxLabels)
                    ticks = axis.placed(from: plotLeft, to: right, style: style)
                    let spans = ticks.compactMap { t in
                        t.label.map { (t.position, measurer.width(of: $0, size: f, bold: false) / 2) }
                    }.sorted { $0.0 < $1.0 }
                    if zip(spans, spans.dropFirst()).allSatisfy({ $0.0 + $0.1 + f <= $1.0 - $1.1 }) { break }
                }
                let overhang = ticks.compactMap { t in t.label.map { t.position + measurer.width(of: $0, size: f, bold: false) / 2 } }
                    .max() ?? 0
                right = min(right, right - max(0, overhang - limit))
            }
            return (right, axis, ticks)
        }

        var h = horizontal(outsideLegend: legendMode == .outsideRight && !entries.isEmpty)
        func makeMapping(_ h: (right: Double, axis: FigureAxisTicks, ticks: [PlacedTick])) -> PlotMapping {
            PlotMapping(plot: VectorRect(x: plotLeft, y: plotTop, width: max(20, h.right - plotLeft), height: plotHeight),
                        x: h.axis.scale, y: yAxis.scale)
        }
        var mapping = makeMapping(h)
        let xTitleBaseline = mapping.plot.maxY + xTitleDrop

        var legend: PlacedLegend?
        if let below {
            let top = xTitleBaseline + descent + 4
            let frame = VectorRect(x: style.margin, y: top, width: size.width - 2 * style.margin, height: below.height - 4)
            legend = PlacedLegend(frame: frame, isInside: false, entries: Array(entries.prefix(below.shown)),
                                  omittedCount: entries.count - below.shown, padding: legendMetrics.padding,
                                  rowHeight: legendMetrics.rowHeight, swatchWidth: legendMetrics.swatch,
                                  origins: below.origins.map { VectorPoint($0.x, $0.y + top) })
        } else if !entries.isEmpty {
            let maxRows = max(1, Int((plotHeight - 2 * legendMetrics.padding) / legendMetrics.rowHeight))
            let shown = entries.count <= maxRows ? entries : Array(entries.prefix(maxRows - 1))
            let omitted = entries.count - shown.count
            let rows = shown.count + (omitted > 0 ? 1 : 0)
            let (w, hgt) = PlacedLegend.size(labelWidth: legendLabelWidth, rows: rows, padding: legendMetrics.padding,
                                             rowHeight: legendMetrics.rowHeight, swatchWidth: legendMetrics.swatch)
            func inside(_ corner: LegendPlacement, _ plot: VectorRect) -> VectorRect {
                let inset = 6.0
                let left = corner == .upperLeft || corner == .lowerLeft
                let upper = corner == .upperLeft || corner == .upperRight
                return VectorRect(x: left ? plot.x + inset : plot.maxX - inset - w,
                                  y: upper ? plot.y + inset : plot.maxY - inset - hgt, width: w, height: hgt)
            }
            var frame: VectorRect?
            switch legendMode {
            case .upperLeft, .upperRight, .lowerLeft, .lowerRight:
                frame = inside(legendMode, mapping.plot)
            case .automatic:
                let samples = FigureLayout.samples(of: figure.layers, mapping: mapping)
                let corners: [LegendPlacement] = [.upperRight, .upperLeft, .lowerRight, .lowerLeft]
                let scored = corners.map { corner -> (VectorRect, Int) in
                    let r = inside(corner, mapping.plot).insetBy(-3)
                    return (inside(corner, mapping.plot), samples.filter { r.contains($0) }.count)
                }
                if let best = scored.min(by: { $0.1 < $1.1 }), best.1 == 0, w < mapping.plot.width * 0.6 {
                    frame = best.0
                } else {
                    h = horizontal(outsideLegend: true)
                    mapping = makeMapping(h)
                }
            default:
                break
            }
            let placedFrame = frame ?? VectorRect(x: mapping.plot.maxX + 8, y: mapping.plot.y, width: w, height: hgt)
            legend = PlacedLegend(frame: placedFrame, isInside: frame != nil, entries: shown, omittedCount: omitted,
                                  padding: legendMetrics.padding, rowHeight: legendMetrics.rowHeight,
                                  swatchWidth: legendMetrics.swatch,
                                  origins: PlacedLegend.stacked(in: placedFrame, rows: rows, padding: legendMetrics.padding,
                                                                rowHeight: legendMetrics.rowHeight))
        }
        self.legend = legend
        self.mapping = mapping
        xTicks = h.ticks
        yTicks = yAxis.placed(from: mapping.plot.maxY, to: mapping.plot.y, style: style)

        let plot = mapping.plot
        xTitle = PlacedText(text: figure.xAxis.title, at: VectorPoint(plot.x + plot.width / 2, xTitleBaseline))
        yTitle = PlacedText(text: figure.yAxis.title, at: VectorPoint(style.margin + cap, plot.y + plot.height / 2))
        let captionTop = xTitleBaseline + (below?.height ?? 0) + descent + 6 + measurer.capHeight(size: style.captionSize)
        caption = captionLines.enumerated().map { i, line in
            PlacedText(text: line, at: VectorPoint(style.margin, captionTop + Double(i) * captionLead))
        }
        insets = FigureLayout.placeInsets(figure, mapping: mapping, legend: legend?.isInside == true ? legend?.frame : nil,
                                          style: style, measurer: measurer)
        let obstacles = (legend?.isInside == true ? [legend!.frame] : []) + insets.map(\.frame)
        annotations = FigureLayout.placeAnnotations(figure.layers, mapping: mapping, obstacles: obstacles,
                                                    style: style, measurer: measurer)
    }
}
