import RunIngest
import ScalingLaws
import StudyAnalysis

extension CurvesPanel {
    /// The factor that turns a forecast's x (tokens or steps) into the x axis shown, or nil
    /// when the run's metadata cannot say (or the axis is wall time).
    static func scale(from axis: XAxisQuantity, to shown: XAxisQuantity, run: Run) -> Double? {
        let m = run.metadata
        let flopsPerToken = m.flopsPerToken ?? m.parameters.map { 6 * $0 }
        func perStep(_ q: XAxisQuantity) -> Double? {
            switch q {
            case .step: return 1
            case .tokens: return m.tokensPerStep
            case .flops: return m.tokensPerStep.flatMap { t in flopsPerToken.map { t * $0 } }
            case .wallTime: return nil
            }
        }
        if axis == shown { return 1 }
        guard let a = perStep(axis), let b = perStep(shown), a > 0 else {
            // tokens → FLOPs needs no step size.
            if axis == .tokens && shown == .flops { return flopsPerToken }
            return nil
        }
        return b / a
    }

    /// A forecast made this far (as a fraction of the planned run) behind the run's last
    /// point is not drawn: under load the fits fall behind, and a forecast from 15% of a run
    /// that is at 46% says nothing about where it is going.
    public static let forecastStaleness = 0.1

    /// Whether the run's forecast is older than its curve by more than `forecastStaleness`.
    static func isStale(_ forecast: RunForecast, run: Run) -> Bool {
        guard let f = forecast.forecast else { return false }
        let last = run.points.last.flatMap { run.x(forecast.axis, at: $0) } ?? f.madeAt
        return forecast.age(lastX: last) > forecastStaleness
    }

    /// The forecast's dashed extension, from the point it was made at (and, for the
    /// selected run or a few runs, its prediction band) in the shown axis' data coordinates,
    /// plus the points they add to the plot's extent: the band's only when it is drawn.
    static func forecastLayers(run: Run, ink: Ink, forecast: RunForecast, shown: XAxisQuantity, withBand: Bool)
        -> (series: ChartSeries, band: ChartBand?, extent: [(x: Double, y: Double)])? {
        guard let f = forecast.forecast, !f.curve.isEmpty, !isStale(forecast, run: run),
              let factor = scale(from: forecast.axis, to: shown, run: run) else { return nil }
        let points = f.curve.map { (x: $0.x * factor, y: $0.loss) }
        let series = ChartSeries(ink: ink, points: points, kind: .dashed)
        var band: ChartBand?
        if withBand {
            var faint = ink
            faint.style.dim = true
            faint.layer = ink.layer - 2
            band = ChartBand(ink: faint, x: f.curve.map { $0.x * factor }, lower: f.curve.map(\.lower), upper: f.curve.map(\.upper))
        }
        let extent = withBand ? f.curve.flatMap { [(x: $0.x * factor, y: $0.lower), (x: $0.x * factor, y: $0.upper)] } : points
        return (series, band, extent)
    }
}

extension CurvesPanel {
    /// "· 190M-1xC: forecast from step 12,000 (46%)", or why the selected run shows none
    /// (stale, or the schedule after the cut unknown), for the panel's title.
    static func forecastNote(context c: PanelContext) -> String? {
        guard let run = c.selected?.run ?? (c.visible.count == 1 ? c.visible.first?.run : nil), !run.isFinished,
              let forecast = c.study.forecasts[run.id], let f = forecast.forecast else { return nil }
        let step = forecast.madeAtStep.map { "step " + NumberFormat.grouped($0) } ?? NumberFormat.short(f.madeAt)
        let made = "forecast from \(step) (\(Int((100 * f.observedFraction).rounded()))%)"
        if isStale(forecast, run: run) { return "\(run.name): \(made) hidden, older than the curve" }
        var note = "\(run.name): \(made)"
        if f.knowledge.isWidened { note += ", band covers a cooldown" }
        if f.floorApplied { note += ", ≥ E \(NumberFormat.fixed(f.floor.value, decimals: 2))" }
        return note
    }
}
