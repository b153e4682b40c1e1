import Charts
import Export
import Testing

@Suite struct FigureFromChartTests {
    @Test func aTerminalLineChartBecomesTheSameFigure() {
        let small = Ink(style: CellStyle(foreground: .rgb(9, 105, 218)), marker: "*")
        let large = Ink(style: CellStyle(foreground: .rgb(207, 34, 46)), marker: "+")
        let untitled = Ink(style: CellStyle(), marker: "o")
        let chart = LineChart(series: [ChartSeries(ink: small, points: [(1e8, 4.0), (1e9, 3.5)]),
                                       ChartSeries(ink: small, points: [(1e8, 4.1), (2e9, 3.4)]),
                                       ChartSeries(ink: large, points: [(1e8, 5.0), (1e10, 3.0)]),
                                       ChartSeries(ink: untitled, points: [(1e8, 6.0)])],
                              legend: [LegendEntry(label: "N=190M ×2", ink: small), LegendEntry(label: "N=3B", ink: large)],
                              xKind: .log10, yKind: .linear, xTitle: "tokens", yTitle: "loss")
        let palette = SyntheticFigures.palette
        let figure = Figure(chart: chart, title: "Loss curves", caption: "2 sizes", palette: palette)
        #expect(figure.xAxis.scale == .log10 && figure.yAxis.scale == .linear)
        #expect(figure.xAxis.title == "tokens" && figure.yAxis.title == "loss")
        let lines: [LineSeries] = figure.layers.compactMap { if case .line(let s) = $0 { return s } else { return nil } }
        #expect(lines.map(\.label) == ["N=190M ×2", "N=190M ×2", "N=3B", nil])
        #expect(lines.map(\.color.hex) == ["#0969da", "#0969da", "#cf222e", palette.text.hex])
        #expect(lines[2].points == [DataPoint(x: 1e8, y: 5), DataPoint(x: 1e10, y: 3)])
        // One legend row per label, as in the terminal.
        let layout = FigureSpec(figure: figure, palette: palette).painter.layout(measurer: CairoTextMeasurer())
        #expect(layout.legend?.entries.map(\.label) == ["N=190M ×2", "N=3B"])
    }
}
