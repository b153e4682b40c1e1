import Foundation
import Testing
@testable import Charts

/// Curves whose dots are kept between frames must paint exactly what drawing them afresh
/// paints, and only changed curves are drawn again.
@Suite struct SeriesRastersTests {
    /// `count` wiggly curves in drawn coordinates, the `selected` one on a higher layer.
    static func chart(count: Int, selected: Int, shift: Double = 0) -> LineChart {
        var chart = LineChart(series: [], xKind: .log10, yKind: .log10, xTitle: "tokens", yTitle: "loss")
        chart.extentOverride = (1e3...1e7, 1.5...6)
        for k in 0..<count {
            let points = (0..<300).map { i -> (x: Double, y: Double) in
                let x = 3 + 4 * Double(i) / 299
                let y = log10(1.8 + Double(k) * 0.05 + 3 / (1 + Double(i)) + 0.02 * sin(Double(i * (k + 1))))
                return (x, y + (k == 1 ? shift : 0))
            }
            let ink = Ink(style: CellStyle(foreground: .rgb(UInt8((20 * k) % 256), 100, 200), bold: k == selected), marker: "*",
                          layer: k == selected ? 2 : 0)
            chart.series.append(ChartSeries(ink: ink, points: points, isTransformed: true, rasterID: k))
        }
        return chart
    }

    static func render(_ chart: LineChart, rasters: SeriesRasters?) -> CellGrid {
        var grid = CellGrid(width: 90, height: 26)
        _ = chart.render(into: &grid, rect: Rect(x: 0, y: 0, width: 90, height: 26), style: ChartStyle(theme: .dark),
                         glyphs: .braille, rasters: rasters)
        return grid
    }

    @Test func keptDotsPaintWhatDrawingAfreshPaints() {
        let rasters = SeriesRasters()
        var chart = Self.chart(count: 12, selected: 3)
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil))
        #expect(rasters.redrawn == 12)
        // The same arrays again: nothing is drawn afresh, the same cells.
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil))
        #expect(rasters.redrawn == 0)
        // One curve changed (a new array): that one alone is drawn again.
        let changed = Self.chart(count: 12, selected: 3, shift: 0.01)
        chart.series[1] = changed.series[1]
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil))
        #expect(rasters.redrawn == 1)
        // The selection moved (inks, not dots): nothing drawn again, the new inks painted.
        chart.series[3].ink.layer = 0
        chart.series[5].ink.layer = 2
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil))
        #expect(rasters.redrawn == 0)
    }

    @Test func anotherPlotDrawsEveryCurveAgain() {
        let rasters = SeriesRasters()
        var chart = Self.chart(count: 5, selected: 0)
        _ = Self.render(chart, rasters: rasters)
        chart.extentOverride = (1e3...1e8, 1.5...6)
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil))
        #expect(rasters.redrawn == 5)
    }

    /// Chunks of series painted from kept composites paint what drawing every series
    /// afresh paints: 150 curves, each with an end marker (300 series, three chunks), through a changed curve
    /// (its chunk painted again, the others reused), a selection moving across chunks, a
    /// curve removed (every later chunk shifts), a dashed series in a chunk (drawn as it
    /// is), and another plot.
    @Test func keptCompositesPaintWhatDrawingAfreshPaints() {
        let rasters = SeriesRasters()
        var chart = Self.chart(count: 150, selected: 140)
        chart.series = chart.series.flatMap { s in
            [s, ChartSeries(ink: s.ink, points: [s.points[s.points.count - 1 - (s.rasterID ?? 0) % 200]], kind: .markers,
                            isTransformed: true)]
        }
        let chunks = (chart.series.count + SeriesRasters.chunkSize - 1) / SeriesRasters.chunkSize
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil), "first frame")
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil), "unchanged")
        #expect(rasters.compositesReused == chunks)
        let changed = Self.chart(count: 150, selected: 140, shift: 0.01)
        chart.series[2] = changed.series[1]
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil), "a curve changed")
        #expect(rasters.compositesReused == chunks - 1 && rasters.redrawn == 1)
        chart.series[280].ink.layer = 0
        chart.series[281].ink.layer = 0
        chart.series[20].ink.layer = 2
        chart.series[21].ink.layer = 2
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil), "the selection moved")
        #expect(rasters.redrawn == 0)
        chart.series.removeSubrange(100...101)
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil), "a curve removed")
        #expect(rasters.redrawn == 0, "the curves' dots are kept while their chunks are painted again")
        chart.series[130].kind = .dashed
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil), "a dashed series in a chunk")
        chart.extentOverride = (1e3...1e8, 1.5...6)
        #expect(Self.render(chart, rasters: rasters) == Self.render(chart, rasters: nil), "another plot")
        #expect(rasters.compositesReused == 0)
    }
}
