/// What the layout reads from the data: the ranges the axes must show.
extension FigureLayout {
    /// The data's range on each axis, ignoring what a log axis cannot show. On an axis with a
    /// given domain only markers count (the domain grows to take them in, lines may leave
    /// it); elsewhere everything does, except points outside the other axis's given domain:
    /// loss curves cut at loss 6 should not leave the warm-up's compute range empty on the left.
    static func extents(of figure: Figure) -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        var x = Extent(), y = Extent()
        for layer in figure.layers {
            let isMarker: Bool
            switch layer {
            case .annotation: continue
            case .markers: isMarker = true
            case .line, .band: isMarker = false
            }
            for p in layer.dataPoints where p.x.isFinite && p.y.isFinite {
                if figure.xAxis.scale == .log10 && p.x <= 0 { continue }
                if figure.yAxis.scale == .log10 && p.y <= 0 { continue }
                let insideX = figure.xAxis.domain?.contains(p.x) ?? true
                let insideY = figure.yAxis.domain?.contains(p.y) ?? true
                if isMarker || (figure.xAxis.domain == nil && insideY) { x.add(p.x) }
                if isMarker || (figure.yAxis.domain == nil && insideX) { y.add(p.y) }
            }
        }
        return (x.range, y.range)
    }

    private struct Extent {
        var low = Double.infinity
        var high = -Double.infinity
        mutating func add(_ v: Double) { low = min(low, v); high = max(high, v) }
        var range: ClosedRange<Double>? { low <= high ? low...high : nil }
    }
}
