extension FigureLayout {
    /// The smallest inset worth drawing, in points.
    static let minimumInset = (width: 120.0, height: 90.0)

    /// Each inset in a corner of the plot where it covers no data and nothing placed before
    /// (its own corner when it names one): at its full size if one is free, else at 85% or
    /// 70% of it, else in the corner it covers least. Laid out as a small page of its own with
    /// type 80% of the main figure's, its title (what it shows, e.g. the fitted law) on top.
    /// An inset that would be smaller than `minimumInset` is left out: its axes could not be
    /// read (the caller turns its title into a legend note).
    static func placeInsets(_ figure: Figure, mapping: PlotMapping, occupancy: OccupancyGrid, obstacles: [VectorRect],
                            style: FigureStyle, measurer: TextMeasurer) -> [PlacedInset] {
        guard !figure.insets.isEmpty else { return [] }
        let insetStyle = style.scaled(0.8, margin: 4)
        let plot = mapping.plot
        var taken = obstacles
        var placed: [PlacedInset] = []
        for (index, inset) in figure.insets.enumerated() {
            let corners: [LegendPlacement] = [.upperLeft, .upperRight, .lowerLeft, .lowerRight].contains(inset.corner)
                ? [inset.corner] : [.upperRight, .upperLeft, .lowerRight, .lowerLeft]
            var candidates: [VectorRect] = []
            for shrink in [1.0, 0.85, 0.7] {
                let size = (width: plot.width * inset.widthFraction * shrink, height: plot.height * inset.heightFraction * shrink)
                candidates += corners.map { FigureLayout.corner($0, of: plot, size: size) }
            }
            func clear(_ r: VectorRect) -> Bool { !taken.contains { $0.intersects(r) } }
            let frame = candidates.first { clear($0) && occupancy.coverage($0.insetBy(-2)) == 0 }
                ?? candidates.prefix(corners.count).filter(clear).min { occupancy.coverage($0) < occupancy.coverage($1) }
                ?? candidates[0]
            guard frame.width >= minimumInset.width, frame.height >= minimumInset.height else { continue }
            var local = inset.figure
            local.caption = ""
            local.insets = []
            local.colorBar = nil
            let size = FigureSize(width: frame.width, height: frame.height)
            placed.append(PlacedInset(index: index, frame: frame, figure: local,
                                      layout: FigureLayout(figure: local, size: size, style: insetStyle, measurer: measurer)))
            taken.append(frame)
        }
        return placed
    }
}
