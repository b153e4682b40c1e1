import Glibc
import ScalingLaws
import StudyAnalysis

/// IsoFLOP profiles: final loss against N for each compute budget, the fitted parabolas
/// and their vertices; beside them (when there is room) N_opt against C with the fitted
/// power law and its bootstrap band.
public enum IsoFLOPPanel {
    static func draw(into grid: inout CellGrid, rect: Rect, context c: PanelContext) {
        let iso = c.study.fits.isoFLOP.value
        var title = DashboardPanel.isoFLOP.title
        if let iso, !iso.design.isIdentified {
            title += " · N_opt ∝ C^a unidentified (\(iso.analysis.usedBudgets.count) budget\(iso.analysis.usedBudgets.count == 1 ? "" : "s"); needs 3)"
        } else if let iso {
            title += " · N_opt ∝ C^\(NumberFormat.fixed(iso.analysis.a, decimals: 2))"
            if let ci = iso.exponentInterval {
                title += " [\(NumberFormat.fixed(ci.lowerBound, decimals: 2))–\(NumberFormat.fixed(ci.upperBound, decimals: 2))]"
            }
        }
        let inner = c.frame(&grid, rect, panel: .isoFLOP, title: title)
        guard inner.width >= 8, inner.height >= 4 else { return }
        guard let iso else {
            c.message(&grid, inner, "IsoFLOP: " + (c.study.fits.isoFLOP.message ?? "waiting"))
            return
        }
        let note = "\(iso.analysis.profiles.count) budgets, \(iso.slices.method.rawValue)"
        grid.put(note, x: inner.x + 1, y: inner.y, style: CellStyle(foreground: c.theme.inactive), maxWidth: inner.width - 1)
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        if body.width >= 56 {
            let left = body.width * 11 / 20
            profiles(into: &grid, rect: Rect(x: body.x + 1, y: body.y, width: left - 1, height: body.height), iso: iso, context: c)
            optimalSize(into: &grid, rect: Rect(x: body.x + left + 1, y: body.y, width: body.width - left - 1, height: body.height), iso: iso, context: c)
        } else {
            profiles(into: &grid, rect: Rect(x: body.x + 1, y: body.y, width: body.width - 1, height: body.height), iso: iso, context: c)
        }
    }

    /// Loss against N per budget: points, parabola (in ln N), vertex.
    static func profiles(into grid: inout CellGrid, rect: Rect, iso: StudyFits.IsoFLOP, context c: PanelContext) {
        profilesChart(iso: iso, context: c, withLegend: rect.width >= 60)
            .render(into: &grid, rect: rect, style: c.chartStyle, glyphs: c.glyphs)
    }

    /// The profiles as a chart value (drawn by the panel, re-rendered by exports).
    public static func profilesChart(iso: StudyFits.IsoFLOP, context c: PanelContext, withLegend: Bool) -> LineChart {
        let budgets = iso.analysis.profiles
        let logC = budgets.map { log10($0.flops) }
        let (lo, hi) = (logC.min() ?? 0, logC.max() ?? 1)
        var series: [ChartSeries] = []
        var legend: [LegendEntry] = []
        let vertexInk = Ink(style: CellStyle(foreground: c.theme.highlight, bold: true), marker: "*", layer: 3)
        var vertices: [(x: Double, y: Double)] = []
        for (k, profile) in budgets.enumerated() {
            let t = hi > lo ? (logC[k] - lo) / (hi - lo) : 0.5
            let color = c.theme.sizeColor(t)
            let points = iso.slices.points.filter { abs($0.flops - profile.flops) <= 1e-6 * profile.flops }
            series.append(ChartSeries(ink: Ink(style: CellStyle(foreground: color), marker: "o", layer: 1),
                                      points: points.map { (x: $0.parameters, y: $0.loss) }, kind: .markers))
            // The parabola over the sampled sizes, a little beyond each end.
            let (x0, x1) = (log(profile.sampledParameters.lowerBound) - 0.15, log(profile.sampledParameters.upperBound) + 0.15)
            let curve = (0...40).map { i -> (x: Double, y: Double) in
                let x = x0 + (x1 - x0) * Double(i) / 40
                let (c0, c1, c2) = profile.coefficients
                return (exp(x), c0 + c1 * x + c2 * x * x)
            }
            series.append(ChartSeries(ink: Ink(style: CellStyle(foreground: color)), points: curve))
            vertices.append((profile.optimalParameters, profile.minimumLoss))
            if k == 0 || k == budgets.count - 1 {
                legend.append(LegendEntry(label: "C=" + NumberFormat.short(profile.flops), ink: Ink(style: CellStyle(foreground: color), marker: "o")))
            }
        }
        series.append(ChartSeries(ink: vertexInk, points: vertices, kind: .markers))
        legend.append(LegendEntry(label: "vertex", ink: vertexInk))
        // Axes cover the data points (parabola tails are clipped, not allowed to stretch y).
        let xs = iso.slices.points.map(\.parameters), ys = iso.slices.points.map(\.loss) + vertices.map(\.y)
        var chart = LineChart(series: series, legend: withLegend ? legend : [],
                              xKind: c.state.logX ? .log10 : .linear, yKind: c.state.logY ? .log10 : .linear,
                              xTitle: "parameters N", yTitle: "loss")
        if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
            chart.extentOverride = (x0 / 1.2...x1 * 1.2, y0...y1)
        }
        return chart
    }

    /// N_opt against C: the vertices used, the fitted power law and its band.
    static func optimalSize(into grid: inout CellGrid, rect: Rect, iso: StudyFits.IsoFLOP, context c: PanelContext) {
        optimalSizeChart(iso: iso, context: c).render(into: &grid, rect: rect, style: c.chartStyle, glyphs: c.glyphs)
    }

    /// N_opt against C as a chart value: the panel's right half, the export's inset.
    public static func optimalSizeChart(iso: StudyFits.IsoFLOP, context c: PanelContext) -> LineChart {
        let used = iso.analysis.profiles.filter(\.vertexInsideSampledSizes)
        let curve = iso.optimalParametersCurve
        let lineInk = Ink(style: CellStyle(foreground: c.theme.highlight), layer: 2)
        let bandInk = Ink(style: CellStyle(foreground: c.theme.highlight, dim: true), marker: ".", layer: 0)
        let pointInk = Ink(style: CellStyle(foreground: c.theme.foreground, bold: true), marker: "*", layer: 3)
        var chart = LineChart(series: [ChartSeries(ink: lineInk, points: curve.map { (x: $0.x, y: $0.center) }, kind: .dashed),
                                       ChartSeries(ink: pointInk, points: used.map { (x: $0.flops, y: $0.optimalParameters) }, kind: .markers)],
                              xKind: .log10, yKind: .log10, xTitle: "compute C (FLOPs)", yTitle: "N_opt")
        // An unidentified trend gets no band: there is no interval to give it.
        if iso.design.isIdentified {
            chart.bands = [ChartBand(ink: bandInk, x: curve.map(\.x), lower: curve.map(\.lower), upper: curve.map(\.upper))]
        }
        return chart
    }
}
