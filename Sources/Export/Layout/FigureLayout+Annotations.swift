extension FigureLayout {
    /// Each annotation where its text stays in the plot, covers no data, and clears the
    /// legend, the insets and the annotations already placed: at its offset from its point
    /// (or the offset mirrored) when that spot is free, else at the free spot nearest the
    /// point, found on a 3-point grid over the plot; where nothing is free, the spot that
    /// covers least. Text may have several lines (`\n`), set left-aligned.
    static func placeAnnotations(_ layers: [FigureLayer], mapping: PlotMapping, occupancy: OccupancyGrid, obstacles: [VectorRect],
                                 style: FigureStyle, measurer: TextMeasurer) -> [PlacedAnnotation] {
        let size = style.fontSize * 0.9
        let cap = measurer.capHeight(size: size)
        let lead = 1.25 * size
        let plot = mapping.plot
        var taken = obstacles
        var placed: [PlacedAnnotation] = []
        for layer in layers {
            guard case .annotation(let a) = layer, let p = mapping.point(a.at) else { continue }
            let texts = a.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let width = texts.map { TextMarkup.width($0, size: size, measurer: measurer) }.max() ?? 0
            // Superscripts rise above the capitals and subscripts drop below the baseline: the box covers both.
            let boxWidth = width + 4, boxHeight = cap + 0.55 * size + 4 + Double(texts.count - 1) * lead
            func box(left: Double, top: Double) -> VectorRect { VectorRect(x: left, y: top, width: boxWidth, height: boxHeight) }

            var preferred: [VectorRect] = []
            for (sx, sy) in [(1.0, 1.0), (-1.0, 1.0), (1.0, -1.0), (-1.0, -1.0)] {
                let dx = a.offset.x * sx, dy = a.offset.y * sy
                // Offset y is upwards: above the point the first baseline rises by dy; below
                // it the text's top sits dy under the point.
                let baseline = dy >= 0 ? p.y - dy - Double(texts.count - 1) * lead : p.y - dy + cap
                let left = dx >= 0 ? p.x + dx : p.x + dx - width
                preferred.append(box(left: left - 2, top: baseline - cap - 0.3 * size - 2))
            }
            func inside(_ r: VectorRect) -> Bool { r.x >= plot.x && r.maxX <= plot.maxX && r.y >= plot.y && r.maxY <= plot.maxY }
            func clear(_ r: VectorRect) -> Bool { inside(r) && !taken.contains { $0.intersects(r) } }
            func distance(_ r: VectorRect) -> Double {
                let dx = max(r.x - p.x, 0, p.x - r.maxX), dy = max(r.y - p.y, 0, p.y - r.maxY)
                return (dx * dx + dy * dy).squareRoot()
            }
            var chosen = preferred.first { clear($0) && occupancy.coverage($0) == 0 }
            var isClear = chosen != nil
            if chosen == nil {
                var best: (rect: VectorRect, coverage: Int, distance: Double)?
                var top = plot.y
                while top + boxHeight <= plot.maxY {
                    var left = plot.x
                    while left + boxWidth <= plot.maxX {
                        let r = box(left: left, top: top)
                        if !taken.contains(where: { $0.intersects(r) }) {
                            let candidate = (rect: r, coverage: occupancy.coverage(r), distance: distance(r))
                            if best.map({ (candidate.coverage, candidate.distance) < ($0.coverage, $0.distance) }) ?? true { best = candidate }
                        }
                        left += 3
                    }
                    top += 3
                }
                chosen = best?.rect ?? preferred.min { occupancy.coverage($0) < occupancy.coverage($1) }
                isClear = best.map { $0.coverage == 0 } ?? false
            }
            let frame = chosen ?? preferred[0]
            let firstBaseline = frame.y + 2 + 0.3 * size + cap
            let lines = texts.enumerated().map { i, text in
                PlacedText(text: text, at: VectorPoint(frame.x + 2, firstBaseline + Double(i) * lead))
            }
            placed.append(PlacedAnnotation(annotation: a, point: p, lines: lines, box: frame, isClear: isClear))
            taken.append(frame)
        }
        return placed
    }
}
