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

    /// The forecast's dashed extension (and, for the selected run or a few runs, its
    /// prediction band) in the shown axis' data coordinates, plus the points they add to
    /// the plot's extent.
    static func forecastLayers(run: Run, ink: Ink, forecast: RunForecast, shown: XAxisQuantity, withBand: Bool)
        -> (series: ChartSeries, band: ChartBand?, extent: [(x: Double, y: Double)])? {
        guard let f = forecast.forecast, !f.curve.isEmpty,
              let factor = scale(from: forecast.axis, to: shown, run: run) else { return nil }
        let points = f.curve.map { (x: $0.x * factor, y: $0.loss) }
        var dashed = ink
        dashed.layer = ink.layer
        let series = ChartSeries(ink: dashed, points: points, kind: .dashed)
        var band: ChartBand?
        if withBand {
            var faint = ink
            faint.style.dim = true
            faint.layer = ink.layer - 2
            band = ChartBand(ink: faint, x: f.curve.map { $0.x * factor }, lower: f.curve.map(\.lower), upper: f.curve.map(\.upper))
        }
        let extent = f.curve.flatMap { [(x: $0.x * factor, y: $0.lower), (x: $0.x * factor, y: $0.upper)] }
        return (series, band, extent)
    }
}
