import Charts

/// The x axis as laid out: the plot's right edge (narrowed so the last label stays on the
/// page), the axis and its ticks at page positions.
struct HorizontalLayout {
    var right: Double
    var axis: FigureAxisTicks
    var ticks: [PlacedTick]
}

extension FigureLayout {
    /// The y axis over a plot `length` points tall: labels at least 1.5 ems apart (they are
    /// one line of text each), at most one per 2.6 ems.
    static func yAxis(_ axis: FigureAxis, extent: ClosedRange<Double>?, length: Double, markRadius: Double,
                      style: FigureStyle) -> FigureAxisTicks {
        let f = style.fontSize
        let scale = FigureAxisTicks.scale(axis: axis, extent: extent, length: length, markRadius: markRadius)
        return FigureAxisTicks.choose(scale: scale, target: max(3, min(10, Int(length / (2.6 * f))))) { values in
            let positions = values.compactMap { scale.fraction($0) }.map { $0 * length }
            return zip(positions, positions.dropFirst()).allSatisfy { $1 - $0 >= 1.5 * f }
        }
    }

    /// The x axis from `left` to at most `limit`: as many labels as fit with an em between
    /// them (at most one per four ems); twice, since the last label's overhang past `limit`
    /// narrows the plot, which moves the ticks.
    static func xAxis(_ axis: FigureAxis, extent: ClosedRange<Double>?, left: Double, limit: Double, markRadius: Double,
                      style: FigureStyle, measurer: TextMeasurer) -> HorizontalLayout {
        let f = style.fontSize
        var right = limit
        var layout: HorizontalLayout?
        for _ in 0..<2 {
            let width = max(20, right - left)
            let scale = FigureAxisTicks.scale(axis: axis, extent: extent, length: width, markRadius: markRadius)
            let ticks = FigureAxisTicks.choose(scale: scale, target: max(3, min(10, Int(width / (4 * f))))) { values in
                let labels = FigureAxisTicks.labelTexts(values, scale: scale, style: style.powerLabels)
                let spans = zip(values, labels).compactMap { v, label in
                    scale.fraction(v).map { ($0 * width, measurer.width(of: label, size: f, bold: false) / 2) }
                }
                return zip(spans, spans.dropFirst()).allSatisfy { $0.0 + $0.1 + f <= $1.0 - $1.1 }
            }
            let placed = ticks.placed(from: left, to: right, style: style)
            layout = HorizontalLayout(right: right, axis: ticks, ticks: placed)
            let overhang = placed.compactMap { t in t.label.map { t.position + measurer.width(of: $0, size: f, bold: false) / 2 } }.max() ?? 0
            guard overhang > limit + 0.01 else { break }
            right -= overhang - limit
        }
        return layout!
    }
}
