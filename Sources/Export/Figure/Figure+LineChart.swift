import Charts

extension Figure {
    /// The figure of a terminal line chart (the dashboard's loss-curves panel): the same
    /// series, scales, axis titles and legend labels, drawn as vector lines. Series take the
    /// label of the legend entry with their ink, so a legend row "N=190M ×5" covers its
    /// five runs here too. Colours the terminal left to its defaults become the palette's text.
    public init(chart: LineChart, title: String, caption: String, palette: FigurePalette) {
        var labels: [Ink: String] = [:]
        for entry in chart.legend where labels[entry.ink] == nil { labels[entry.ink] = entry.label }
        let layers = chart.series.map { series in
            FigureLayer.line(LineSeries(label: labels[series.ink],
                                        points: series.points.map { DataPoint(x: $0.x, y: $0.y) },
                                        color: FigureColor(series.ink.style.foreground, fallback: palette.text),
                                        width: 1.2))
        }
        self.init(title: title, caption: caption,
                  xAxis: FigureAxis(label: chart.xTitle, scale: chart.xKind == .log10 ? .log10 : .linear),
                  yAxis: FigureAxis(label: chart.yTitle, scale: chart.yKind == .log10 ? .log10 : .linear),
                  layers: layers)
    }
}
