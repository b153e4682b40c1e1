import Charts
import Glibc
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
        let layout = FigureSpec(figure: figure, palette: palette).painter.layout(measurer: DejaVuSansMetrics())
        #expect(layout.legend?.entries.map(\.label) == ["N=190M ×2", "N=3B"])
    }

    @Test func fitsMarkersBandsAndCachedLogCoordinatesCarryOver() {
        let fitInk = Ink(style: CellStyle(foreground: .rgb(0, 0, 0)), marker: ".", layer: 2)
        let vertexInk = Ink(style: CellStyle(foreground: .rgb(154, 103, 0), bold: true), marker: "*", layer: 3)
        let runInk = Ink(style: CellStyle(foreground: .rgb(9, 105, 218)), marker: "o", layer: 1)
        var chart = LineChart(series: [ChartSeries(ink: vertexInk, points: [(1e9, 3.0)], kind: .markers),
                                       ChartSeries(ink: fitInk, points: [(1e8, 3.5), (1e10, 2.8)], kind: .dashed),
                                       ChartSeries(ink: runInk, points: [(8, 0.5), (9, 0.45)], isTransformed: true)],
                              legend: [LegendEntry(label: "vertex", ink: vertexInk)], xKind: .log10, yKind: .log10,
                              xTitle: "parameters", yTitle: "loss")
        chart.bands = [ChartBand(ink: fitInk, x: [1e8, 1e10], lower: [3.4, 2.7], upper: [3.6, 2.9])]
        chart.extentOverride = (1e7...1e11, 2...4)
        let figure = Figure(chart: chart, title: "IsoFLOP", caption: "", palette: SyntheticFigures.palette)
        #expect(figure.xAxis.domain == 1e7...1e11 && figure.yAxis.domain == 2...4)
        guard figure.layers.count == 4, case .band(let band) = figure.layers[0], case .line(let run) = figure.layers[1],
              case .line(let fit) = figure.layers[2], case .markers(let vertex) = figure.layers[3] else {
            Issue.record("layers in the wrong order or of the wrong kinds: \(figure.layers.map(\.kindName))")
            return
        }
        #expect(band.upper == [DataPoint(x: 1e8, y: 3.6), DataPoint(x: 1e10, y: 2.9)])
        #expect(abs(run.points[0].x - 1e8) < 1 && abs(run.points[1].y - pow(10, 0.45)) < 1e-12)
        #expect(fit.dash == .dashed)
        #expect(vertex.label == "vertex" && vertex.shape == .diamond && vertex.filled)
    }
}
