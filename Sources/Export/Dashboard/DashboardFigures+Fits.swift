import Charts
import ScalingLaws
import StudyAnalysis

extension DashboardFigures {
    /// "0.51 [0.49–0.53]": a value with its interval, at the precision the panel shows.
    static func withInterval(_ value: Double, _ interval: ClosedRange<Double>?, decimals: Int) -> String {
        var text = NumberFormat.fixed(value, decimals: decimals)
        if let ci = interval {
            text += " [\(NumberFormat.fixed(ci.lowerBound, decimals: decimals))–\(NumberFormat.fixed(ci.upperBound, decimals: decimals))]"
        }
        return text
    }

    /// IsoFLOP profiles with their parabolas and vertices, and N_opt against C as an inset
    /// (Hoffmann et al. 2022, Fig. 3), annotated with the fitted exponent and its interval.
    func isoFLOP(_ c: PanelContext) throws -> FigureSpec {
        guard let iso = c.study.fits.isoFLOP.value else {
            throw DashboardFigureError.nothingToDraw(.isoFLOP, reason: c.study.fits.isoFLOP.message ?? "the fit is not ready")
        }
        let a = iso.analysis.a
        let method = "Chinchilla Approach 2: parabolas in ln N on \(iso.analysis.profiles.count) compute budgets "
            + "(\(iso.slices.method.rawValue)), N_opt ∝ C^a fitted to their vertices; "
            + (iso.design.summary.map { "the trend is \($0)" } ?? intervalSource)
        var figure = Figure(chart: IsoFLOPPanel.profilesChart(iso: iso, context: c, withLegend: true),
                            title: "IsoFLOP profiles", caption: caption(c, fit: method), palette: palette)
        figure.xAxis.label = "model size N"
        figure.xAxis.unit = "parameters"
        figure.yAxis.label = "final loss"
        figure.yAxis.unit = "nats/token"

        var optimal = Figure(chart: IsoFLOPPanel.optimalSizeChart(iso: iso, context: c), title: "", caption: "", palette: palette)
        optimal.xAxis.label = "C"
        optimal.xAxis.unit = "FLOPs"
        optimal.yAxis.label = "N_opt"
        optimal.legend = .hidden
        DashboardFigures.labelBands(&optimal, "\(Int((StudyFits.level * 100).rounded()))% band")
        // The annotation sits on the fitted line at its first budget, where the inset's
        // upper left is usually empty (N_opt grows with C).
        let curve = iso.optimalParametersCurve
        if let first = curve.first {
            optimal.layers.append(.annotation(Annotation(
                text: "N_opt ∝ C^\(DashboardFigures.withInterval(a, iso.exponentInterval, decimals: 2))",
                at: DataPoint(x: first.x, y: first.center), offset: DataPoint(x: 4, y: 12), color: palette.text)))
        }
        // Upper left: profiles of a ladder rise to the right (small budgets on large models),
        // so that corner is the one the data leave empty; the legend goes under the plot,
        // since the layout keeps it clear of the data but not of an inset.
        figure.insets = [FigureInset(figure: optimal, corner: .upperLeft, widthFraction: 0.42, heightFraction: 0.45)]
        figure.legend = .below

        var parameters = [
            FitParameter(name: "a (N_opt ∝ C^a)", value: a, lower: iso.exponentInterval?.lowerBound,
                         upper: iso.exponentInterval?.upperBound, confidence: iso.exponentInterval == nil ? nil : StudyFits.level,
                         method: "Approach 2, \(provenance.bootstrapSamples) bootstrap resamples"),
            FitParameter(name: "b (D_opt ∝ C^b)", value: iso.analysis.b, method: "Approach 2"),
            FitParameter(name: "k (N_opt = k·C^a)", value: iso.analysis.optimalParameters.coefficient, unit: "parameters",
                         method: "Approach 2"),
        ]
        for profile in iso.analysis.profiles {
            parameters.append(FitParameter(name: "N_opt at C = \(NumberFormat.short(profile.flops)) FLOPs",
                                           value: profile.optimalParameters, unit: "parameters",
                                           method: profile.vertexInsideSampledSizes ? "parabola vertex"
                                               : "parabola vertex outside the sampled sizes (not used for a)"))
        }
        return spec(figure, parameters: parameters)
    }

    /// Loss against compute for every visible run, the non-dominated runs joined, and
    /// L(C) = E + (C₀/C)^γ fitted to them, annotated with γ and its interval.
    func frontier(_ c: PanelContext) throws -> FigureSpec {
        guard let chart = FrontierPanel.chart(context: c, width: DashboardFigures.chartRect.width) else {
            throw DashboardFigureError.nothingToDraw(.frontier, reason: FrontierPanel.emptyMessage(context: c))
        }
        let frontier = c.study.fits.frontier
        var fit = "\(frontier.nonDominated.count) runs on the frontier"
        if frontier.law.value != nil {
            fit += "; L(C) = E + (C₀/C)^γ fitted to them, \(intervalSource)"
        } else if let why = frontier.law.message {
            fit += "; no L(C) fit: \(why)"
        }
        var figure = Figure(chart: chart, title: "Compute frontier", caption: caption(c, fit: fit), palette: palette)
        figure.xAxis.label = "training compute"
        figure.xAxis.unit = "FLOPs"
        figure.yAxis.label = "loss"
        figure.yAxis.unit = "nats/token"
        DashboardFigures.labelBands(&figure, "L(C) \(Int((StudyFits.level * 100).rounded()))% band")
        var parameters: [FitParameter] = []
        if let law = frontier.law.value {
            // Two lines up and to the left of the law's high-compute end: above the frontier
            // there, the curves of the largest runs have already come down.
            if let end = frontier.lawCurve.last {
                let at = DataPoint(x: end.x, y: end.center)
                let gamma = "γ = \(DashboardFigures.withInterval(law.exponent, frontier.exponentInterval, decimals: 3))"
                    + (frontier.exponentInterval == nil ? "" : " (\(Int((StudyFits.level * 100).rounded()))%)")
                figure.layers.append(.annotation(Annotation(text: "L(C) = E + (C₀/C)^{γ}", at: at, offset: DataPoint(x: -6, y: 104),
                                                            color: palette.text)))
                figure.layers.append(.annotation(Annotation(text: gamma, at: at, offset: DataPoint(x: -6, y: 84), color: palette.text)))
            }
            // The fitted constants go in the fit's legend entry, where the reader looks for them.
            let fitted = "L(C) fit: E = \(NumberFormat.fixed(law.irreducibleLoss, decimals: 2)), C₀ = \(NumberFormat.short(law.scale, digits: 2)) FLOPs"
            figure.layers = figure.layers.map { layer in
                guard case .line(var line) = layer, line.label == "L(C) fit" else { return layer }
                line.label = fitted
                return .line(line)
            }
            let method = "L(C) = E + (C₀/C)^γ on the frontier, \(provenance.bootstrapSamples) bootstrap resamples"
            parameters = [
                FitParameter(name: "γ", value: law.exponent, lower: frontier.exponentInterval?.lowerBound,
                             upper: frontier.exponentInterval?.upperBound,
                             confidence: frontier.exponentInterval == nil ? nil : StudyFits.level, method: method),
                FitParameter(name: "E", value: law.irreducibleLoss, unit: "nats/token", method: method),
                FitParameter(name: "C₀", value: law.scale, unit: "FLOPs", method: method),
            ]
        }
        return spec(figure, parameters: parameters)
    }
}
