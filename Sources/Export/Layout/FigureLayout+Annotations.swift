extension FigureLayout {
    /// Each annotation on the first side (as asked, then mirrored) where its text stays in
    /// the plot and clear of the legend, the insets and annotations already placed.
    static func placeAnnotations(_ layers: [FigureLayer], mapping: PlotMapping, obstacles: [VectorRect],
                                 style: FigureStyle, measurer: TextMeasurer) -> [PlacedAnnotation] {
        let size = style.fontSize * 0.9
        let cap = measurer.capHeight(size: size)
        var placed: [PlacedAnnotation] = []
        for layer in layers {
            guard case .annotation(let a) = layer, let p = mapping.point(a.at) else { continue }
            let width = TextMarkup.width(a.text, size: size, measurer: measurer)
            var candidates: [PlacedAnnotation] = []
            for (sx, sy) in [(1.0, 1.0), (-1.0, 1.0), (1.0, -1.0), (-1.0, -1.0)] {
                let dx = a.offset.x * sx, dy = a.offset.y * sy
                let anchor: TextStyle.Anchor = dx >= 0 ? .start : .end
                // Offset y is upwards: above the point the baseline rises by dy; below it the
                // text's top sits dy under the point.
                let baseline = VectorPoint(p.x + dx, dy >= 0 ? p.y - dy : p.y - dy + cap)
                let left = anchor == .start ? baseline.x : baseline.x - width
                // Superscripts rise above the capitals; the box covers them.
                let box = VectorRect(x: left - 2, y: baseline.y - cap - 0.3 * size - 2, width: width + 4,
                                     height: cap + 0.55 * size + 4)
                candidates.append(PlacedAnnotation(annotation: a, point: p, baseline: baseline, anchor: anchor, box: box))
            }
            // The first side with no overflow and no collision, else the one that spills least.
            func badness(_ c: PlacedAnnotation) -> Double {
                let plot = mapping.plot
                var overflow = max(0, plot.x - c.box.x) + max(0, c.box.maxX - plot.maxX)
                overflow += max(0, plot.y - c.box.y) + max(0, c.box.maxY - plot.maxY)
                if obstacles.contains(where: { c.box.intersects($0) }) { overflow += 1000 }
                if placed.contains(where: { $0.box.intersects(c.box) }) { overflow += 1000 }
                return overflow
            }
            placed.append(candidates.min { badness($0) < badness($1) }!)
        }
        return placed
    }
}
