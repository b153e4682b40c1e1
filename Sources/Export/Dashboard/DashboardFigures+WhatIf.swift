import Charts
import ScalingLaws
import StudyAnalysis

extension DashboardFigures {
    /// N_opt against C for the study's laws and the published ones, the chosen budget
    /// marked by a vertical line and each law's answer at it; the panel's table (N_opt,
    /// D_opt, D/N and loss per law, with intervals) becomes the fit parameters.
    func whatIf(_ c: PanelContext) throws -> FigureSpec {
        let inputs = c.state.whatIf
        let answer: WhatIfAnswer
        switch WhatIfPanel.question(fits: c.study.fits, inputs: inputs) {
        case .success(let question): answer = question.answer()
        case .failure(let error): throw DashboardFigureError.nothingToDraw(.whatIf, reason: error.description)
        }
        let budget = NumberFormat.short(inputs.flops)
        let chart = WhatIfPanel.curveChart(fits: c.study.fits, inputs: inputs, context: c, withLegend: true)
        let laws = answer.allocations.map(\.law).joined(separator: ", ")
        var figure = Figure(chart: chart, title: "Compute-optimal model size at C = \(budget) FLOPs",
                            caption: caption(c, fit: "laws: \(laws); study laws solid, published laws dashed; \(intervalSource)"),
                            palette: palette)
        figure.xAxis.label = "compute budget C"
        figure.xAxis.unit = "FLOPs"
        figure.yAxis.label = "compute-optimal size N_opt"
        figure.yAxis.unit = "parameters"

        // The budget: a dotted vertical line over the curves' range, each law's N_opt on it.
        let ys = figure.layers.flatMap(\.dataPoints).map(\.y).filter { $0 > 0 && $0.isFinite }
        let answers = answer.allocations.compactMap { e in e.parameters.map { DataPoint(x: inputs.flops, y: $0.value) } }
        if let low = (ys + answers.map(\.y)).min(), let high = (ys + answers.map(\.y)).max() {
            figure.layers.append(.line(LineSeries(label: nil, points: [DataPoint(x: inputs.flops, y: low), DataPoint(x: inputs.flops, y: high)],
                                                  color: palette.secondaryText, width: 1, dash: .dotted)))
            figure.layers.append(.annotation(Annotation(text: "C = \(budget) FLOPs", at: DataPoint(x: inputs.flops, y: high),
                                                        offset: DataPoint(x: 4, y: -12), color: palette.text)))
        }
        if !answers.isEmpty {
            figure.layers.append(.markers(MarkerSet(label: "N_opt at the budget", points: answers, shape: .diamond, filled: true,
                                                    color: palette.text, size: 5.5)))
        }

        var parameters: [FitParameter] = []
        for e in answer.allocations {
            let method = e.role == .study ? "this study, \(provenance.bootstrapSamples) bootstrap resamples" : "published"
            func add(_ what: String, _ estimate: IntervalEstimate?, unit: String) {
                guard let estimate else { return }
                parameters.append(FitParameter(name: "\(e.law): \(what) at C = \(budget)", value: estimate.value,
                                               lower: estimate.interval?.lowerBound, upper: estimate.interval?.upperBound,
                                               confidence: estimate.interval == nil ? nil : estimate.level, unit: unit, method: method))
            }
            add("N_opt", e.parameters, unit: "parameters")
            add("D_opt", e.tokens, unit: "tokens")
            add("D/N", e.tokensPerParameter, unit: "tokens/parameter")
            add("loss", e.loss, unit: "nats/token")
        }
        return spec(figure, parameters: parameters)
    }
}
