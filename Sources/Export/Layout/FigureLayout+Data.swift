/// What the layout reads from the data: extents for the axes, page-space samples for
/// finding an empty corner.
extension FigureLayout {
    /// The data's range on each axis, ignoring what a log axis cannot show. Where one axis
    /// has a given domain, points outside it do not stretch the other axis: loss curves cut
    /// at loss 6 should not leave the warm-up's compute range empty on the left.
    static func extents(of figure: Figure) -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        var xl = Double.infinity, xh = -Double.infinity, yl = Double.infinity, yh = -Double.infinity
        for layer in figure.layers {
            if case .annotation = layer { continue }
            for p in layer.dataPoints where p.x.isFinite && p.y.isFinite {
                if figure.xAxis.scale == .log10 && p.x <= 0 { continue }
                if figure.yAxis.scale == .log10 && p.y <= 0 { continue }
                if let d = figure.xAxis.domain, !d.contains(p.x) { continue }
                if let d = figure.yAxis.domain, !d.contains(p.y) { continue }
                xl = min(xl, p.x); xh = max(xh, p.x); yl = min(yl, p.y); yh = max(yh, p.y)
            }
        }
        return (xl <= xh ? xl...xh : nil, yl <= yh ? yl...yh : nil)
    }

    /// Page points along everything drawn (lines every 3 pt), to find an empty corner.
    static func samples(of layers: [FigureLayer], mapping: PlotMapping) -> [VectorPoint] {
        var out: [VectorPoint] = []
        func densify(_ run: [VectorPoint]) {
            guard var previous = run.first else { return }
            out.append(previous)
            for p in run.dropFirst() {
                let dx = p.x - previous.x, dy = p.y - previous.y
                let steps = min(200, Int((dx * dx + dy * dy).squareRoot() / 3))
                if steps > 0 { for s in 1...steps { let t = Double(s) / Double(steps + 1); out.append(VectorPoint(previous.x + t * dx, previous.y + t * dy)) } }
                out.append(p)
                previous = p
            }
        }
        for layer in layers {
            switch layer {
            case .line(let s): mapping.segments(s.points).forEach(densify)
            case .band(let b): (mapping.segments(b.lower) + mapping.segments(b.upper)).forEach(densify)
            case .markers(let m): out += m.points.compactMap(mapping.point)
            case .annotation(let a): if let p = mapping.point(a.at) { out.append(p) }
            }
        }
        return out
    }
}
