/// The one drawing routine behind every vector and bitmap export: it lays the figure out
/// and issues the same calls to whichever `VectorSurface` it is given.
public struct FigurePainter {
    public var figure: Figure
    public var palette: FigurePalette
    public var size: FigureSize
    public var style: FigureStyle

    public init(figure: Figure, palette: FigurePalette, size: FigureSize, style: FigureStyle? = nil) {
        self.figure = figure
        self.palette = palette
        self.size = size
        self.style = style ?? .fitting(size)
    }

    /// Lines are simplified to this many points of visual error before drawing.
    static let simplificationTolerance = 0.1

    public func layout(measurer: TextMeasurer) -> FigureLayout {
        FigureLayout(figure: figure, size: size, style: style, measurer: measurer)
    }

    public func paint(on surface: VectorSurface, measurer: TextMeasurer) {
        let layout = layout(measurer: measurer)
        surface.begin(width: size.width, height: size.height, background: palette.background)
        draw(layout, on: surface, measurer: measurer, prefix: "")
        surface.end()
    }

    /// Everything but the page itself, so an inset can be drawn by the same code. Each part
    /// is a group named `prefix` + its role (grid, data, axes, colorbar, annotations, legend,
    /// title, caption; insets are inset1-…): layers in an SVG editor, anchors for tests.
    private func draw(_ layout: FigureLayout, on surface: VectorSurface, measurer: TextMeasurer, prefix: String) {
        func group(_ role: String, _ body: () -> Void) {
            surface.beginGroup(prefix + role)
            body()
            surface.endGroup()
        }
        group("grid") { paintGrid(layout, on: surface) }
        group("data") {
            surface.pushClip(layout.plot)
            for layer in figure.layers { paint(layer, mapping: layout.mapping, on: surface) }
            surface.popClip()
        }
        for (i, inset) in layout.insets.enumerated() {
            paintInset(inset, on: surface, measurer: measurer, prefix: "\(prefix)inset\(i + 1)-")
        }
        group("axes") { paintAxes(layout, on: surface, measurer: measurer) }
        if let bar = layout.colorBar { group("colorbar") { paintColorBar(bar, layout: layout, on: surface, measurer: measurer) } }
        if !layout.annotations.isEmpty { group("annotations") { paintAnnotations(layout, on: surface, measurer: measurer) } }
        if let legend = layout.legend { group("legend") { paintLegend(legend, layout: layout, on: surface, measurer: measurer) } }
        if !layout.title.isEmpty { group("title") { paintTitle(layout, on: surface, measurer: measurer) } }
        if !layout.caption.isEmpty { group("caption") { paintCaption(layout, on: surface) } }
    }

    /// An opaque, framed panel over the plot, with the inset drawn inside it.
    private func paintInset(_ inset: PlacedInset, on surface: VectorSurface, measurer: TextMeasurer, prefix: String) {
        surface.beginGroup(String(prefix.dropLast()))
        surface.fill(.rectangle(inset.frame), style: FillStyle(color: palette.background))
        surface.stroke(.rectangle(inset.frame), style: StrokeStyle(color: palette.grid, width: style.gridWidth * 1.5))
        let painter = FigurePainter(figure: inset.figure, palette: palette,
                                    size: FigureSize(width: inset.frame.width, height: inset.frame.height), style: inset.layout.style)
        painter.draw(inset.layout, on: OffsetSurface(surface, dx: inset.frame.x, dy: inset.frame.y), measurer: measurer, prefix: prefix)
        surface.endGroup()
    }

    private func paintGrid(_ layout: FigureLayout, on surface: VectorSurface) {
        let plot = layout.plot
        var minor = VectorPath(), major = VectorPath()
        for t in layout.xTicks where t.position > plot.x + 0.5 && t.position < plot.maxX - 0.5 {
            let line = VectorPath.polyline([VectorPoint(t.position, plot.y), VectorPoint(t.position, plot.maxY)])
            if t.isMajor { major.append(line) } else { minor.append(line) }
        }
        for t in layout.yTicks where t.position > plot.y + 0.5 && t.position < plot.maxY - 0.5 {
            let line = VectorPath.polyline([VectorPoint(plot.x, t.position), VectorPoint(plot.maxX, t.position)])
            if t.isMajor { major.append(line) } else { minor.append(line) }
        }
        surface.stroke(minor, style: StrokeStyle(color: palette.minorGrid, width: style.gridWidth * 0.8))
        surface.stroke(major, style: StrokeStyle(color: palette.grid, width: style.gridWidth))
    }

    /// Lines and bands are cut at the plot's edges here (see `RectClipping`); markers, which
    /// the axes' padding keeps inside, are left whole and only the clip path guards them.
    private func paint(_ layer: FigureLayer, mapping: PlotMapping, on surface: VectorSurface) {
        let plot = mapping.plot
        switch layer {
        case .band(let band):
            let lower = mapping.segments(band.lower).flatMap { $0 }
            let upper = mapping.segments(band.upper).flatMap { $0 }
            guard lower.count > 1, upper.count > 1 else { return }
            let polygon = RectClipping.polygon(upper + lower.reversed(), in: plot)
            guard polygon.count > 2 else { return }
            surface.fill(.polygon(polygon), style: FillStyle(color: band.color, opacity: band.opacity))
        case .line(let series):
            var path = VectorPath()
            for run in mapping.segments(series.points) {
                for visible in RectClipping.polyline(run, in: plot) where visible.count > 1 {
                    path.append(.polyline(PolylineSimplifier.simplify(visible, tolerance: FigurePainter.simplificationTolerance)))
                }
            }
            surface.stroke(path, style: StrokeStyle(color: series.color, width: series.width,
                                                    dash: series.dash.lengths(width: series.width)))
        case .markers(let set):
            let centres = set.points.compactMap(mapping.point)
            var path = VectorPath()
            for c in centres { path.append(MarkerGlyph.path(set.shape, at: c, size: set.size * style.markerScale)) }
            paintMarkers(path, set: set, on: surface)
        case .annotation(let a):
            guard a.marksPoint, let p = mapping.point(a.at) else { return }
            var dot = VectorPath()
            dot.addCircle(center: p, radius: 2)
            surface.fill(dot, style: FillStyle(color: a.color))
        }
    }

    private func paintMarkers(_ path: VectorPath, set: MarkerSet, on surface: VectorSurface) {
        let outline = StrokeStyle(color: set.color, width: max(0.75, set.size * style.markerScale / 6))
        if MarkerGlyph.isOutlineOnly(set.shape) {
            surface.stroke(path, style: outline)
        } else {
            surface.fill(path, style: FillStyle(color: set.filled ? set.color : palette.background))
            surface.stroke(path, style: set.filled ? StrokeStyle(color: palette.background, width: 0.5) : outline)
        }
    }

    private func paintAxes(_ layout: FigureLayout, on surface: VectorSurface, measurer: TextMeasurer) {
        let plot = layout.plot
        let axisStroke = StrokeStyle(color: palette.axis, width: style.axisWidth)
        var spines = VectorPath.polyline([VectorPoint(plot.x, plot.y), VectorPoint(plot.x, plot.maxY),
                                          VectorPoint(plot.maxX, plot.maxY)])
        for t in layout.xTicks {
            let length = t.isMajor ? style.tickLength : style.minorTickLength
            spines.append(.polyline([VectorPoint(t.position, plot.maxY), VectorPoint(t.position, plot.maxY + length)]))
        }
        for t in layout.yTicks {
            let length = t.isMajor ? style.tickLength : style.minorTickLength
            spines.append(.polyline([VectorPoint(plot.x - length, t.position), VectorPoint(plot.x, t.position)]))
        }
        surface.stroke(spines, style: axisStroke)

        let f = style.fontSize
        let labelStyle = TextStyle(size: f, color: palette.text, anchor: .middle)
        let labelDrop = style.tickLength + 3 + layout.capHeight
        for t in layout.xTicks {
            guard let label = t.label else { continue }
            surface.text(label, at: VectorPoint(t.position, plot.maxY + labelDrop), style: labelStyle)
        }
        var yLabelStyle = labelStyle
        yLabelStyle.anchor = .end
        for t in layout.yTicks {
            guard let label = t.label else { continue }
            surface.text(label, at: VectorPoint(plot.x - style.tickLength - 3, t.position + layout.capHeight / 2), style: yLabelStyle)
        }
        if !layout.xTitle.text.isEmpty {
            TextMarkup.draw(layout.xTitle.text, at: layout.xTitle.at, style: labelStyle, measurer: measurer, on: surface)
        }
        var yTitleStyle = labelStyle
        yTitleStyle.rotation = 90
        for line in layout.yTitle {
            TextMarkup.draw(line.text, at: line.at, style: yTitleStyle, measurer: measurer, on: surface)
        }
    }

    /// The gradient in thin strips from its lower end up (the surfaces have no gradients),
    /// a tick across it at each marked value, labelled ticks and the title on its right.
    private func paintColorBar(_ placed: PlacedColorBar, layout: FigureLayout, on surface: VectorSurface, measurer: TextMeasurer) {
        let frame = placed.frame
        let strips = 64
        for i in 0..<strips {
            let fraction = (Double(i) + 0.5) / Double(strips)
            let top = frame.maxY - Double(i + 1) * frame.height / Double(strips)
            // Each strip overlaps the next by a hair, so no background shows between them.
            let strip = VectorRect(x: frame.x, y: top - (i + 1 < strips ? 0.3 : 0), width: frame.width,
                                   height: frame.height / Double(strips) + (i + 1 < strips ? 0.3 : 0))
            surface.fill(.rectangle(strip), style: FillStyle(color: placed.bar.color(atFraction: fraction)))
        }
        var marks = VectorPath(), across = VectorPath()
        for y in placed.marks {
            marks.append(.polyline([VectorPoint(frame.x - style.tickLength, y), VectorPoint(frame.x, y)]))
            across.append(.polyline([VectorPoint(frame.x, y), VectorPoint(frame.maxX, y)]))
        }
        surface.stroke(across, style: StrokeStyle(color: palette.background, width: 0.6, opacity: 0.85))
        var ticks = VectorPath()
        for t in placed.ticks {
            let length = t.isMajor ? style.tickLength : style.minorTickLength
            ticks.append(.polyline([VectorPoint(frame.maxX, t.position), VectorPoint(frame.maxX + length, t.position)]))
        }
        let axis = StrokeStyle(color: palette.axis, width: style.axisWidth)
        surface.stroke(.rectangle(frame), style: axis)
        surface.stroke(ticks, style: axis)
        surface.stroke(marks, style: axis)
        let labelStyle = TextStyle(size: style.fontSize, color: palette.text)
        for t in placed.ticks {
            guard let label = t.label else { continue }
            surface.text(label, at: VectorPoint(frame.maxX + style.tickLength + 3, t.position + layout.capHeight / 2), style: labelStyle)
        }
        var titleStyle = labelStyle
        titleStyle.anchor = .middle
        titleStyle.rotation = 90
        for line in placed.title { TextMarkup.draw(line.text, at: line.at, style: titleStyle, measurer: measurer, on: surface) }
    }

    private func paintAnnotations(_ layout: FigureLayout, on surface: VectorSurface, measurer: TextMeasurer) {
        for placed in layout.annotations {
            surface.fill(.rectangle(placed.box), style: FillStyle(color: palette.background, opacity: 0.8))
            for line in placed.lines {
                TextMarkup.draw(line.text, at: line.at, style: TextStyle(size: style.fontSize * 0.9, color: placed.annotation.color),
                                measurer: measurer, on: surface)
            }
        }
    }

    private func paintLegend(_ legend: PlacedLegend, layout: FigureLayout, on surface: VectorSurface, measurer: TextMeasurer) {
        if legend.isInside {
            surface.fill(.rectangle(legend.frame), style: FillStyle(color: palette.background, opacity: 0.88))
            surface.stroke(.rectangle(legend.frame), style: StrokeStyle(color: palette.grid, width: style.gridWidth))
        }
        let f = style.fontSize
        let textStyle = TextStyle(size: f, color: palette.text)
        for (i, entry) in legend.entries.enumerated() {
            let origin = legend.entryOrigin(i)
            let swatchLeft = origin.x, swatchRight = origin.x + legend.swatchWidth, y = origin.y
            if let band = entry.band {
                // A patch as tall as a capital, at least a third opaque and outlined: a faint
                // band must still be findable in the legend.
                let r = VectorRect(x: swatchLeft, y: y - 0.4 * f, width: legend.swatchWidth, height: 0.8 * f)
                surface.fill(.rectangle(r), style: FillStyle(color: band.color, opacity: max(band.opacity, 0.35)))
                surface.stroke(.rectangle(r), style: StrokeStyle(color: band.color, width: 0.5, opacity: 0.6))
            }
            if let line = entry.line {
                surface.stroke(.polyline([VectorPoint(swatchLeft, y), VectorPoint(swatchRight, y)]),
                               style: StrokeStyle(color: line.color, width: line.width, dash: line.dash.lengths(width: line.width)))
            }
            if let markers = entry.markers {
                let path = MarkerGlyph.path(markers.shape, at: VectorPoint((swatchLeft + swatchRight) / 2, y), size: markers.size * style.markerScale)
                paintMarkers(path, set: markers, on: surface)
            }
            if entry.isNote {
                TextMarkup.draw(entry.label, at: VectorPoint(swatchLeft, y + layout.capHeight / 2), style: textStyle, measurer: measurer, on: surface)
            } else {
                surface.text(entry.label, at: VectorPoint(swatchRight + legend.padding, y + layout.capHeight / 2), style: textStyle)
            }
        }
        if legend.omittedCount > 0 {
            let origin = legend.entryOrigin(legend.entries.count)
            var more = textStyle
            more.color = palette.secondaryText
            surface.text("… and \(legend.omittedCount) more", at: VectorPoint(origin.x, origin.y + layout.capHeight / 2), style: more)
        }
    }

    /// Titles take the annotations' sub- and superscripts: an inset's title is its fitted law.
    private func paintTitle(_ layout: FigureLayout, on surface: VectorSurface, measurer: TextMeasurer) {
        for line in layout.title {
            TextMarkup.draw(line.text, at: line.at, style: TextStyle(size: style.titleSize, bold: true, color: palette.title, anchor: .middle),
                            measurer: measurer, on: surface)
        }
    }

    private func paintCaption(_ layout: FigureLayout, on surface: VectorSurface) {
        let captionStyle = TextStyle(size: style.captionSize, color: palette.secondaryText)
        for line in layout.caption { surface.text(line.text, at: line.at, style: captionStyle) }
    }
}
