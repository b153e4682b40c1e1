extension FigureLayout {
    /// Each inset in its corner (or the emptiest one clear of the legend and earlier insets),
    /// laid out as a small page of its own with type 80% of the main figure's.
    static func placeInsets(_ figure: Figure, mapping: PlotMapping, legend: VectorRect?, style: FigureStyle,
                            measurer: TextMeasurer) -> [PlacedInset] {
        guard !figure.insets.isEmpty else { return [] }
        let samples = FigureLayout.samples(of: figure.layers, mapping: mapping)
        let insetStyle = FigureStyle(fontSize: style.fontSize * 0.8, titleSize: style.titleSize * 0.8,
                                     captionSize: style.captionSize * 0.8, margin: 4, tickLength: style.tickLength * 0.75,
                                     minorTickLength: style.minorTickLength * 0.75, axisWidth: style.axisWidth,
                                     gridWidth: style.gridWidth, powerLabels: style.powerLabels)
        var placed: [PlacedInset] = []
        for inset in figure.insets {
            let plot = mapping.plot
            let size = FigureSize(width: plot.width * inset.widthFraction, height: plot.height * inset.heightFraction)
            func frame(_ corner: LegendPlacement) -> VectorRect {
                let gap = 6.0
                let left = corner == .upperLeft || corner == .lowerLeft
                let upper = corner == .upperLeft || corner == .upperRight
                return VectorRect(x: left ? plot.x + gap : plot.maxX - gap - size.width,
                                  y: upper ? plot.y + gap : plot.maxY - gap - size.height, width: size.width, height: size.height)
            }
            let corners: [LegendPlacement] = [.upperRight, .upperLeft, .lowerRight, .lowerLeft]
            let chosen: VectorRect
            if corners.contains(inset.corner) {
                chosen = frame(inset.corner)
            } else {
                let taken = (legend.map { [$0] } ?? []) + placed.map(\.frame)
                let free = corners.map(frame).filter { r in !taken.contains { $0.intersects(r) } }
                chosen = (free.isEmpty ? corners.map(frame) : free).min { a, b in
                    samples.filter { a.contains($0) }.count < samples.filter { b.contains($0) }.count
                }!
            }
            var local = inset.figure
            local.title = ""
            local.caption = ""
            local.insets = []
            placed.append(PlacedInset(frame: chosen, figure: local,
                                      layout: FigureLayout(figure: local, size: size, style: insetStyle, measurer: measurer)))
        }
        return placed
    }
}
