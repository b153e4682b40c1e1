import ScalingLaws
import StudyAnalysis

/// Loss against compute for every run: the curves faint, each run's current point, the
/// non-dominated runs highlighted and joined, and L(C) = E + (C₀/C)^γ fitted to them with
/// its bootstrap band.
public enum FrontierPanel {
    static func draw(into grid: inout CellGrid, rect: Rect, context c: PanelContext) {
        let frontier = c.study.fits.frontier
        var title = DashboardPanel.frontier.title
        if let law = frontier.law.value {
            title += " · L = \(NumberFormat.fixed(law.irreducibleLoss, decimals: 2))+(\(NumberFormat.short(law.scale, digits: 2))/C)^\(NumberFormat.fixed(law.exponent, decimals: 3))"
        }
        let inner = c.frame(&grid, rect, panel: .frontier, title: title)
        guard inner.width >= 8, inner.height >= 4 else { return }
        c.curveCache.frontierPanel.draw(into: &grid, rect: inner, context: c) { drawInside(into: &$0, inner: inner, context: c) }
    }

    /// With more runs visible than this, their faint curves are not drawn.
    static let curvesUpTo = 60

    /// Everything inside the panel's frame.
    private static func drawInside(into grid: inout CellGrid, inner: Rect, context c: PanelContext) {
        let frontier = c.study.fits.frontier
        guard let chart = chart(context: c, width: inner.width) else {
            c.message(&grid, inner, emptyMessage(context: c))
            return
        }
        var body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height)
        // One line above the plot: the fit's interval, or why there is no fit.
        let note = note(frontier)
        if !note.isEmpty {
            grid.put(note, x: inner.x + 1, y: inner.y, style: CellStyle(foreground: c.theme.inactive), maxWidth: inner.width - 1)
            body = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        }
        chart.render(into: &grid, rect: body, style: c.chartStyle, glyphs: c.glyphs)
    }

    /// Why there is nothing to draw.
    public static func emptyMessage(context c: PanelContext) -> String {
        c.study.runs.isEmpty ? "waiting for runs" : "no run has compute and loss yet (needs N or FLOPs per token, and tokens)"
    }

    /// The fit's interval, or why there is no fit ("" when neither applies).
    static func note(_ frontier: StudyFits.Frontier) -> String {
        var note = frontier.law.message.map { "fit: " + $0 } ?? ""
        if let ci = frontier.exponentInterval {
            note = "\(frontier.nonDominated.count) runs on the frontier · γ 80%: \(NumberFormat.fixed(ci.lowerBound, decimals: 3))–\(NumberFormat.fixed(ci.upperBound, decimals: 3))"
        }
        return note
    }

    /// Whether each frontier point is a visible run's. The points follow the study's runs in
    /// order (the fit made them from the runs' summaries, leaving some out), so each is
    /// matched with its run by walking both, comparing ids; only when one is not found that
    /// way (runs reordered or gone since the fit) are the visible ids put in a set. Why: a
    /// set of 10,000 ids hashed at every frame was most of this panel's CPU (perf, issue 16).
    static func visiblePoints(_ points: [StudyFits.Frontier.Point], of visible: VisibleRuns) -> [Bool] {
        var isVisible = Array(repeating: false, count: visible.runs.count)
        for place in visible.order { isVisible[place] = true }
        var shown = Array(repeating: false, count: points.count)
        var place = 0
        for k in points.indices {
            while place < visible.runs.count, visible.runs[place].id != points[k].runID { place += 1 }
            guard place < visible.runs.count else {
                let ids = Set(visible.runIDs)
                return points.map { ids.contains($0.runID) }
            }
            shown[k] = isVisible[place]
            place += 1
        }
        return shown
    }

    /// The chart the panel draws, `width` cells wide (faint curves are decimated to its dot
    /// columns; the legend needs 60), as a value; nil when no visible run has compute and loss.
    public static func chart(context c: PanelContext, width: Int) -> LineChart? {
        let frontier = c.study.fits.frontier
        let shown = visiblePoints(frontier.points, of: c.visible)
        let points = frontier.points.enumerated().filter { shown[$0.offset] }
        guard !points.isEmpty else { return nil }
        let onFront = Set(frontier.nonDominated)
        let faint = Ink(style: CellStyle(foreground: c.theme.inactive, dim: true), marker: ".", layer: 0)
        let dominatedInk = Ink(style: CellStyle(foreground: c.theme.inactive), marker: "o", layer: 1)
        let frontInk = Ink(style: CellStyle(foreground: c.theme.highlight, bold: true), marker: "@", layer: 3)
        let lawInk = Ink(style: CellStyle(foreground: c.theme.foreground), layer: 2)
        let bandInk = Ink(style: CellStyle(foreground: c.theme.foreground, dim: true), marker: ".", layer: 0)

        var series: [ChartSeries] = []
        // Curves by compute, faint, behind everything (only with few enough runs to read).
        var extent = (x0: Double.infinity, x1: -Double.infinity, y0: Double.infinity, y1: -Double.infinity)
        for p in points.map(\.element) {
            extent = (min(extent.x0, p.flops), max(extent.x1, p.flops), min(extent.y0, p.loss), max(extent.y1, p.loss))
        }
        if c.visible.count <= curvesUpTo {
            for (run, _) in c.visible {
                guard let e = c.curveCache.extent(of: run, quantity: .flops, logX: c.state.logX, logY: c.state.logY, smoothing: 0) else { continue }
                extent = (min(extent.x0, e.x.lowerBound), max(extent.x1, e.x.upperBound), extent.y0, max(extent.y1, min(e.y.upperBound, extent.y1 * 1.5)))
            }
            for (run, _) in c.visible {
                let prepared = c.curveCache.prepared(run, quantity: .flops, logX: c.state.logX, logY: c.state.logY, smoothing: 0,
                                                     xDomain: extent.x0...extent.x1, columns: max(1, width * 2))
                series.append(ChartSeries(ink: faint, points: prepared.raw, isTransformed: true))
            }
        }
        let dominated = points.filter { !onFront.contains($0.offset) }.map { (x: $0.element.flops, y: $0.element.loss) }
        let front = frontier.nonDominated.filter { shown[$0] }
            .map { (x: frontier.points[$0].flops, y: frontier.points[$0].loss) }
        series.append(ChartSeries(ink: dominatedInk, points: dominated, kind: .markers))
        series.append(ChartSeries(ink: Ink(style: frontInk.style, layer: 3), points: front))
        series.append(ChartSeries(ink: frontInk, points: front, kind: .markers))
        var legend = [LegendEntry(label: "frontier", ink: frontInk), LegendEntry(label: "dominated", ink: dominatedInk)]
        var bands: [ChartBand] = []
        if frontier.law.value != nil {
            let curve = frontier.lawCurve
            series.append(ChartSeries(ink: lawInk, points: curve.map { (x: $0.x, y: $0.center) }, kind: .dashed))
            bands.append(ChartBand(ink: bandInk, x: curve.map(\.x), lower: curve.map(\.lower), upper: curve.map(\.upper)))
            legend.append(LegendEntry(label: "L(C) fit", ink: lawInk))
        }
        var chart = LineChart(series: series, legend: width >= 60 ? legend : [],
                              xKind: c.state.logX ? .log10 : .linear, yKind: c.state.logY ? .log10 : .linear,
                              xTitle: "compute C (FLOPs)", yTitle: "loss")
        chart.bands = bands
        chart.extentOverride = (extent.x0...extent.x1, extent.y0...extent.y1)
        return chart
    }
}
