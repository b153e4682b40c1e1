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
        // Profiles are coloured by log C along the size gradient, as on screen: with two budgets
        // or more a colour bar says which colour is which budget, and the legend what the marks are.
        let budgets = iso.analysis.profiles.map(\.flops)
        if let low = budgets.min(), let high = budgets.max(), high > low {
            let budgetLabels = Set(budgets.map { "C=" + NumberFormat.short($0) })
            DashboardFigures.replaceLegend(&figure, dropping: budgetLabels, keys: [
                .markers(MarkerSet(label: "final loss of a run", points: [], shape: .circle, filled: false, color: palette.text, size: 5)),
                .line(LineSeries(label: "parabola in ln N", points: [], color: palette.text, width: 1.2)),
            ])
            figure.colorBar = ColorBar(axis: FigureAxis(label: "compute budget C", unit: "FLOPs", scale: .log10, domain: low...high),
                                       colors: palette.sizeGradient, marks: budgets)
        }

        // The inset's title is the fitted law: above its plot it covers no data, and where the
        // page is too small for the inset, the layout keeps it as a note in the legend.
        let law = "N_opt ∝ C^\(DashboardFigures.withInterval(a, iso.exponentInterval, decimals: 2))"
        var optimal = Figure(chart: IsoFLOPPanel.optimalSizeChart(iso: iso, context: c), title: law, caption: "", palette: palette)
        optimal.xAxis.label = "C"
        optimal.xAxis.unit = "FLOPs"
        optimal.yAxis.label = "N_opt"
        optimal.legend = .hidden
        DashboardFigures.labelBands(&optimal, "\(Int((StudyFits.level * 100).rounded()))% band")
        // The inset takes the corner the profiles leave empty (the upper left on a ladder,
        // whose profiles rise to the right); the legend goes under the plot.
        figure.insets = [FigureInset(figure: optimal, corner: .automatic, widthFraction: 0.42, heightFraction: 0.45)]
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
            // The law and γ, above and left of the law's high-compute end, where the curves of
            // the largest runs have already come down (the layout moves the box to the nearest
            // place it covers no data).
            if let end = frontier.lawCurve.last {
                let at = DataPoint(x: end.x, y: end.center)
                let gamma = "γ = \(DashboardFigures.withInterval(law.exponent, frontier.exponentInterval, decimals: 3))"
                    + (frontier.exponentInterval == nil ? "" : " (\(Int((StudyFits.level * 100).rounded()))%)")
                figure.layers.append(.annotation(Annotation(text: "L(C) = E + (C₀/C)^{γ}\n" + gamma, at: at,
                                                            offset: DataPoint(x: -6, y: 40), color: palette.text)))
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
