import Charts

/// A colour bar beside the plot: the gradient as tall as the plot, its labelled ticks on the
/// right, its title rotated beyond them (as matplotlib's colorbar).
struct ColorBarLayout {
    var bar: ColorBar
    var scale: Scale
    var ticks: FigureAxisTicks
    var length: Double
    var gap: Double
    var barWidth: Double
    var labelWidth: Double
    var style: FigureStyle
    var capHeight: Double

    init(bar: ColorBar, length: Double, style: FigureStyle, measurer: TextMeasurer) {
        let f = style.fontSize
        self.bar = bar
        self.length = length
        self.style = style
        gap = 1.2 * f
        barWidth = 0.9 * f
        capHeight = measurer.capHeight(size: f)
        let kind = bar.axis.scale.chartsKind
        let valid = FigureAxisTicks.valid(bar.domain, kind) && bar.domain.upperBound > bar.domain.lowerBound
        let domain = valid ? bar.domain : (kind == .log10 ? 1...10 : 0...1)
        let scale = Scale(kind: kind, lower: domain.lowerBound, upper: domain.upperBound)
        self.scale = scale
        ticks = FigureAxisTicks.choose(scale: scale, target: max(3, min(10, Int(length / (2.6 * f))))) { values in
            let positions = values.compactMap { scale.fraction($0) }.map { $0 * length }
            return zip(positions, positions.dropFirst()).allSatisfy { $1 - $0 >= 1.5 * f }
        }
        // Labelled ticks only: the marks already cross the bar at each value present.
        ticks.ticks = ticks.ticks.filter(\.labelled)
        let labels = FigureAxisTicks.labelTexts(ticks.ticks.map(\.value), scale: scale, style: style.powerLabels)
        labelWidth = labels.map { measurer.width(of: $0, size: f, bold: false) }.max() ?? 0
        titleLines = FigureLayout.titleLines(bar.axis.title, length: length, size: f, measurer: measurer)
    }

    var titleLines: [String]
    var titleLead: Double { 1.2 * style.fontSize }

    /// Everything from the plot's right edge to the end of the bar's title.
    var width: Double {
        gap + barWidth + style.tickLength + 3 + labelWidth
            + (titleLines.isEmpty ? 0 : 6 + capHeight + 0.25 * style.fontSize + Double(titleLines.count - 1) * titleLead)
    }

    func placed(left: Double, top: Double) -> PlacedColorBar {
        let frame = VectorRect(x: left, y: top, width: barWidth, height: length)
        let ticks = ticks.placed(from: frame.maxY, to: frame.y, style: style)
        let marks = bar.marks.compactMap { bar.fraction($0) }.map { frame.maxY - $0 * frame.height }
        let labelsRight = frame.maxX + style.tickLength + 3 + labelWidth
        let title = titleLines.enumerated().map { i, line in
            PlacedText(text: line, at: VectorPoint(labelsRight + 6 + capHeight + Double(i) * titleLead, frame.y + frame.height / 2))
        }
        return PlacedColorBar(bar: bar, frame: frame, ticks: ticks, marks: marks, title: title,
                              right: left + width - gap)
    }
}

/// A colour bar on the page.
public struct PlacedColorBar: Sendable, Equatable {
    public var bar: ColorBar
    /// The gradient's rectangle: its lower end at the bottom.
    public var frame: VectorRect
    /// Labelled and minor ticks on the bar's right, at page y positions.
    public var ticks: [PlacedTick]
    /// The page y of each of `bar.marks`.
    public var marks: [Double]
    /// Drawn rotated 90° counter-clockwise, in one line or two.
    public var title: [PlacedText]
    /// The right edge of everything the bar draws.
    public var right: Double
}
