import RunIngest
import ScalingLaws
import StudyAnalysis

/// Loss curves of every visible run: log-log by default, smoothing with the raw curve
/// drawn faint, spike-preserving decimation (through `CurveCache`), the selected run drawn
/// on top with the others dimmed when many overlap, and a cursor that reads exact values.
public enum CurvesPanel {
    /// With more runs than this on screen and one selected, the others are dimmed.
    static let dimAbove = 6

    static func draw(into grid: inout CellGrid, rect: Rect, context c: PanelContext) {
        let inner = c.frame(&grid, rect, panel: .curves, title: title(state: c.state) + (forecastNote(context: c).map { " · " + $0 } ?? ""))
        guard inner.width >= 8, inner.height >= 4 else { return }
        let chartRect = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height)
        chart(context: c, rect: chartRect).render(into: &grid, rect: chartRect, style: c.chartStyle, glyphs: c.glyphs,
                                                  rasters: c.curveCache.rasters)
    }

    /// "Loss curves (nats/token) · x: tokens · log-log", with the smoothing when on.
    public static func title(state: DashboardState) -> String {
        let axes = (state.logX ? "log" : "lin") + "-" + (state.logY ? "log" : "lin")
        var title = "\(DashboardPanel.curves.title) · x: \(state.xAxis.rawValue) · \(axes)"
        if state.smoothing > 0 { title += " · smoothing \(NumberFormat.short(state.smoothing))" }
        return title
    }

    /// The chart the panel draws in `chartRect`, as a value: exports re-render it as a figure.
    /// The rectangle matters: curves are decimated to its dot columns and the cursor is
    /// placed on its plot.
    public static func chart(context c: PanelContext, rect chartRect: Rect) -> LineChart {
        // The runs are read in place through a buffer pointer, never copied: reading an
        // array's element into a call copies it (a run retains a dozen references), and
        // copying 10,000 runs per frame was a tenth of an appended line's CPU (perf, issue 16).
        c.visible.runs.withUnsafeBufferPointer { chart(context: c, rect: chartRect, runs: $0) }
    }

    private static func chart(context c: PanelContext, rect chartRect: Rect, runs: UnsafeBufferPointer<Run>) -> LineChart {
        let state = c.state
        let selectedID = c.selected?.run.id
        let dimOthers = selectedID != nil && c.visible.count > dimAbove
        // The runs drawn, their curves and extents: kept from the last frame, looked at again
        // only where a run changed (`CurvesPanelMemo`).
        let memo = c.curveCache.curvesPanel
        memo.update(context: c, runs: runs, selectedID: selectedID, dimOthers: dimOthers)
        let hidden = memo.hidden
        var extent = memo.extent
        // Forecasts of running runs: dashed to their planned end; the band for the selected
        // run, or for every run when there are few.
        var forecastSeries: [ChartSeries] = []
        var forecastBands: [ChartBand] = []
        if !c.study.forecasts.isEmpty {
            let (places, inks) = (memo.places, memo.inksDrawn)
            for i in places.indices {
                let place = places[i]
                guard let forecast = c.study.forecasts[runs[place].id], !runs[place].isFinished,
                      let layers = forecastLayers(run: runs[place], ink: inks[i], forecast: forecast, shown: state.xAxis,
                                                  withBand: runs[place].id == selectedID || places.count <= dimAbove) else { continue }
                forecastSeries.append(layers.series)
                if let band = layers.band { forecastBands.append(band) }
                for p in layers.extent where p.x > 0 || !state.logX {
                    guard p.y.isFinite, p.x.isFinite, !state.logY || p.y > 0 else { continue }
                    extent = extent.map { (min($0.x0, p.x), max($0.x1, p.x), min($0.y0, p.y), max($0.y1, p.y)) }
                }
            }
        }

        let empty = c.study.runs.isEmpty ? "waiting for runs to appear…"
            : c.visible.isEmpty ? "no run matches the filter '\(state.filter)' (/ to change it)"
            : hidden > 0 ? "\(hidden) runs cannot be drawn by \(state.xAxis.rawValue): press x for another axis"
            : "waiting for the first points…"
        var chart = LineChart(series: [], legend: c.inks.legend, xKind: state.logX ? .log10 : .linear,
                              yKind: state.logY ? .log10 : .linear,
                              xTitle: state.xAxis.rawValue == state.xAxis.unit ? state.xAxis.unit
                                  : state.xAxis.rawValue + " (\(state.xAxis.unit))",
                              yTitle: "loss", emptyMessage: empty)
        var series = forecastSeries
        if let e = extent {
            chart.extentOverride = (e.x0...e.x1, e.y0...e.y1)
            // Decimate to the plot's dot columns.
            let geometry = chart.geometry(in: chartRect)
            let domain = geometry.map { $0.xScale.lower...$0.xScale.upper } ?? (e.x0...e.x1)
            let columns = max(1, (geometry?.plot.width ?? chartRect.width) * 2)
            series = memo.series(runs: runs, cache: c.curveCache, domain: domain, columns: columns, tail: forecastSeries)
        }
        chart.series = series
        chart.bands = forecastBands
        // The cursor reads the selected run (or the first visible one) at the nearest point.
        if let fraction = state.cursorFraction, let geometry = chart.geometry(in: chartRect) {
            let x = geometry.x(atFraction: fraction)
            chart.cursorX = x
            if let target = c.selected ?? c.visible.first, let reading = read(target.run, at: x, quantity: state.xAxis) {
                chart.xTitle = "\(target.run.name): \(state.xAxis.rawValue) \(NumberFormat.short(reading.x, digits: 4))"
                    + " → loss \(NumberFormat.significant(reading.loss, digits: 5)) (step \(reading.step))"
            }
        }
        return chart
    }

    /// The run's point nearest to `x` on the axis (binary search: x grows along a run).
    static func read(_ run: Run, at x: Double, quantity: XAxisQuantity) -> (x: Double, loss: Double, step: Int)? {
        let points = run.points
        guard !points.isEmpty else { return nil }
        var lo = 0, hi = points.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if (run.x(quantity, at: points[mid]) ?? -.infinity) < x { lo = mid + 1 } else { hi = mid }
        }
        var best = lo
        if lo > 0, let a = run.x(quantity, at: points[lo - 1]), let b = run.x(quantity, at: points[lo]), abs(a - x) < abs(b - x) {
            best = lo - 1
        }
        guard let bx = run.x(quantity, at: points[best]) else { return nil }
        return (bx, points[best].loss, points[best].step)
    }
}
