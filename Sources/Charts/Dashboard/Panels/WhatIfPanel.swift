import Glibc
import ScalingLaws
import StudyAnalysis

/// The what-if panel: for the chosen budget (FLOPs, or GPU-hours or dollars on a hardware
/// preset), the compute-optimal N, D, tokens per parameter and loss from each of the
/// study's fits beside Chinchilla's, Epoch's and Kaplan's published laws, with 80%
/// bootstrap intervals, side by side so disagreement shows. With room (zoomed), also the
/// constraints asked (fixed size, unique data, inference load, target loss), suggested
/// hyperparameters, wall time and cost, and the optimal N over a range of budgets with the
/// chosen budget and the study's runs on it. The numbers come from `WhatIfQuestion`, the
/// same code as `scaletop whatif`.
public enum WhatIfPanel {
    public static func question(fits: StudyFits, inputs: WhatIfInputs) -> Result<WhatIfQuestion, WhatIfError> {
        do {
            let budget = try ComputeBudget(flops: inputs.flops)
            var question = try WhatIfQuestion(budget: budget,
                                              laws: fits.computeOptimalLaws(source: "this study") + StudyFits.referenceLaws,
                                              fixedParameters: inputs.fixedParameters, uniqueTokens: inputs.uniqueTokens,
                                              inferenceTokens: inputs.inferenceTokens, targetLoss: inputs.targetLoss,
                                              hardware: inputs.plan, intervalLevel: StudyFits.level)
            question.planning = try PlanningInputs(plannedVocabulary: inputs.plannedVocabulary, batchTokens: inputs.batchTokens,
                                                   qatBits: inputs.qatBits, studyVocabulary: fits.planning.vocabulary,
                                                   studyCriticalBatch: fits.planning.criticalBatch, studyQAT: fits.planning.qat).validated()
            return .success(question)
        } catch {
            return .failure(error)
        }
    }

    static func draw(into grid: inout CellGrid, rect: Rect, context c: PanelContext) {
        let inputs = c.state.whatIf
        let inner = c.frame(&grid, rect, panel: .whatIf, title: "\(DashboardPanel.whatIf.title) · C = \(NumberFormat.short(inputs.flops)) FLOPs")
        guard inner.width >= 12, inner.height >= 3 else { return }
        let answer: WhatIfAnswer
        switch question(fits: c.study.fits, inputs: inputs) {
        case .success(let q): answer = q.answer()
        case .failure(let error):
            c.message(&grid, inner, error.description)
            return
        }
        var writer = LineWriter(grid: grid, rect: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height - 1),
                                context: c)
        let wide = inner.width >= 80
        writer.line(budgetLine(inputs: inputs, answer: answer, wide: wide), style: .dim)
        table(&writer, answer: answer, fits: c.study.fits, wide: wide)
        // The study's own approaches against each other; published laws (Kaplan's above all)
        // are known to differ and would make every study look in disagreement.
        let studyEstimates = answer.allocations.filter { $0.role == .study && $0.parameters != nil }
        if studyEstimates.count >= 2, let d = AllocationDisagreement.across(studyEstimates), writer.room >= 1 {
            let verdict = d.verdict == .agree ? "agree" : d.verdict == .differ ? "differ" : "DISAGREE"
            writer.line("N_opt: approaches \(verdict) (×\(NumberFormat.short(d.parametersRatio, digits: 2)) from \(d.smallestParameters) to \(d.largestParameters))",
                        style: d.verdict == .disagree ? .error : .dim)
        }
        if wide && inner.height >= 16 {
            constraints(&writer, answer: answer, inputs: inputs)
            planning(&writer, answer: answer)
            hyperparameters(&writer, answer: answer)
            if writer.room >= 8 {
                grid = writer.grid
                curve(into: &grid, rect: Rect(x: inner.x + 1, y: inner.y + writer.used, width: inner.width - 1,
                                              height: inner.height - writer.used - 1),
                      fits: c.study.fits, inputs: inputs, context: c)
                writer.grid = grid
            }
        }
        grid = writer.grid
        let keys = wide ? "b type budget/constraints · +/- ×2 ÷2 · ]/[ ×10 ÷10 · w hardware (\(inputs.hardware))"
                        : "b budget · +/- ]/[ · w hw"
        grid.put(keys, x: inner.x + 1, y: inner.maxY - 1, style: CellStyle(foreground: c.theme.inactive), maxWidth: inner.width - 1)
    }

    static func budgetLine(inputs: WhatIfInputs, answer: WhatIfAnswer, wide: Bool) -> String {
        guard let plan = inputs.plan else { return "\(NumberFormat.short(inputs.flops)) FLOPs" }
        let hours = plan.gpuHours(flops: inputs.flops)
        var text = "= \(NumberFormat.short(hours)) \(plan.hardware.name)-hours at \(Int((inputs.mfu * 100).rounded()))% MFU"
        if wide, let cost = answer.cost {
            text += " · \(cost.gpuCount) GPUs: \(duration(hours: cost.wallClockHours))"
            if let dollars = cost.dollars { text += " · $" + NumberFormat.short(dollars) }
        }
        return text
    }

    static func duration(hours: Double) -> String {
        hours < 48 ? NumberFormat.short(hours, digits: 2) + " h" : NumberFormat.short(hours / 24, digits: 2) + " days"
    }

    /// One row per law; with room, the 80% intervals beside the values.
    static func table(_ w: inout LineWriter, answer: WhatIfAnswer, fits: StudyFits, wide: Bool) {
        let label = wide ? 16 : max(10, min(16, w.rect.width - 27))
        // In a narrow panel the tokens-per-parameter column gives way to the loss.
        let showRatio = wide || w.rect.width - label >= 26
        if wide {
            w.line(pad("law", label) + padLeft("N_opt", 8) + "  " + pad("80%", 13) + padLeft("D_opt", 8) + padLeft("D/N", 6)
                   + padLeft("loss", 7) + "  " + "80%", style: .head)
        } else {
            w.line(pad("law", label) + padLeft("N_opt", 7) + padLeft("D_opt", 7) + (showRatio ? padLeft("D/N", 5) : "")
                   + padLeft("loss", 7), style: .head)
        }
        for estimate in answer.allocations where w.room >= 2 {
            var text = pad(estimate.law, label)
            let n = estimate.parameters, d = estimate.tokens, r = estimate.tokensPerParameter, l = estimate.loss
            if wide {
                text += padLeft(n.map { NumberFormat.short($0.value) } ?? "–", 8) + "  " + pad(range(n?.interval, digits: 3), 13)
                text += padLeft(d.map { NumberFormat.short($0.value) } ?? "–", 8) + padLeft(r.map { NumberFormat.short($0.value, digits: 2) } ?? "–", 6)
                text += padLeft(l.map { NumberFormat.fixed($0.value, decimals: 3) } ?? "–", 7) + "  " + range(l?.interval, decimals: 3)
            } else {
                text += padLeft(n.map { NumberFormat.short($0.value) } ?? "–", 7) + padLeft(d.map { NumberFormat.short($0.value) } ?? "–", 7)
                if showRatio { text += padLeft(r.map { NumberFormat.short($0.value, digits: 2) } ?? "–", 5) }
                text += padLeft(l.map { NumberFormat.fixed($0.value, decimals: 3) } ?? "–", 7)
            }
            w.line(text, style: estimate.role == .study ? .plain : .dim)
        }
        for (law, reason) in fits.missingLawReasons where w.room >= 2 {
            w.line(pad(law, label) + " " + reason, style: reason.hasPrefix("unidentified") ? .error : .dim)
        }
    }

    static func constraints(_ w: inout LineWriter, answer: WhatIfAnswer, inputs: WhatIfInputs) {
        if let n = inputs.fixedParameters, w.room >= 2 {
            w.line("fixed N = \(NumberFormat.short(n)): D = \(NumberFormat.short(inputs.flops / (6 * n)))", style: .head)
            for a in answer.fixedModelSize where w.room >= 2 {
                var text = "  \(a.law): loss \(NumberFormat.fixed(a.loss.value, decimals: 3)) (+\(NumberFormat.fixed(a.penalty.lossPenalty, decimals: 3)) vs optimal), compute efficiency \(Int((a.penalty.computeEfficiency * 100).rounded()))%"
                if let t = a.tokensToReachTarget { text += ", target needs D = \(NumberFormat.short(t))" }
                w.line(text, style: .plain)
            }
        }
        if let u = inputs.uniqueTokens, w.room >= 2 {
            w.line("unique data U = \(NumberFormat.short(u)) tokens (Muennighoff et al. 2023)", style: .head)
            for (law, a) in answer.dataConstrained where w.room >= 2 {
                w.line("  \(law): N \(NumberFormat.short(a.parameters)), D \(NumberFormat.short(a.tokens)) (\(NumberFormat.short(a.epochs, digits: 2)) epochs), loss \(NumberFormat.fixed(a.loss, decimals: 3)) vs \(NumberFormat.fixed(a.unconstrainedLoss, decimals: 3)) unconstrained", style: .plain)
            }
        }
        if let t = inputs.inferenceTokens, w.room >= 2 {
            w.line("inference load \(NumberFormat.short(t)) tokens (Sardana et al. 2024)", style: .head)
            for a in answer.inferenceAware where w.room >= 2 {
                w.line("  \(a.law): N \(NumberFormat.short(a.parameters)) (vs \(NumberFormat.short(a.computeOptimalParameters))), D \(NumberFormat.short(a.trainingTokens)), saves \(NumberFormat.short(a.savedFlops)) FLOPs in total", style: .plain)
            }
        }
        if let target = inputs.targetLoss, w.room >= 2 {
            w.line("least compute to reach loss \(NumberFormat.fixed(target, decimals: 3))", style: .head)
            for (law, result) in answer.targetLoss where w.room >= 2 {
                switch result {
                case .success(let a):
                    w.line("  \(law): C = \(NumberFormat.short(a.flops.value)) \(range(a.flops.interval, digits: 2))", style: .plain)
                case .failure(let e):
                    // The reason usually names its law already.
                    w.line("  " + (e.description.hasPrefix(law) ? e.description : "\(law): \(e.description)"), style: .dim)
                }
            }
        }
        for note in answer.notes where w.room >= 2 { w.line(note, style: .dim) }
    }

    static func hyperparameters(_ w: inout LineWriter, answer: WhatIfAnswer) {
        guard !answer.hyperparameters.isEmpty, w.room >= 2 else { return }
        for h in answer.hyperparameters where w.room >= 2 {
            let check = h.verification == .verifiedAgainstPaper ? "verified" : "unverified"
            w.line("\(h.law): lr \(NumberFormat.short(h.learningRate, digits: 2)), batch \(NumberFormat.short(h.batchTokens)) tokens (\(check))", style: .dim)
        }
    }

    /// N_opt against C for each law, the chosen budget as the cursor, the study's runs as
    /// markers at their (compute, N).
    static func curve(into grid: inout CellGrid, rect: Rect, fits: StudyFits, inputs: WhatIfInputs, context c: PanelContext) {
        curveChart(fits: fits, inputs: inputs, context: c, withLegend: rect.width >= 60)
            .render(into: &grid, rect: rect, style: c.chartStyle, glyphs: c.glyphs)
    }

    /// The N_opt curves as a chart value, over three decades either side of the budget.
    public static func curveChart(fits: StudyFits, inputs: WhatIfInputs, context c: PanelContext, withLegend: Bool) -> LineChart {
        let lo = inputs.flops / 1e3, hi = inputs.flops * 1e3
        var series: [ChartSeries] = []
        var legend: [LegendEntry] = []
        let laws = fits.computeOptimalLaws(source: "") + StudyFits.referenceLaws
        let palette = c.theme.runPalette.isEmpty ? [c.theme.foreground] : c.theme.runPalette
        let markers: [Unicode.Scalar] = ["*", "+", "o", "x", "#", "@"]
        for (i, law) in laws.enumerated() {
            let points = law.curve(flops: lo...hi, count: 40).compactMap { e in e.parameters.map { (x: e.flops, y: $0.value) } }
            guard !points.isEmpty else { continue }
            let ink = Ink(style: CellStyle(foreground: palette[i % palette.count]), marker: markers[i % markers.count], layer: 1)
            series.append(ChartSeries(ink: ink, points: points, kind: law.role == .study ? .line : .dashed))
            legend.append(LegendEntry(label: law.name, ink: ink))
        }
        let runs = c.visible.indices.compactMap { i -> (x: Double, y: Double)? in
            let s = c.visible.summary(at: i)
            guard let f = s.flops, let n = s.parameters else { return nil }
            return (f, n)
        }
        let runInk = Ink(style: CellStyle(foreground: c.theme.highlight, bold: true), marker: "o", layer: 3)
        series.append(ChartSeries(ink: runInk, points: runs.filter { $0.x >= lo && $0.x <= hi }, kind: .markers))
        legend.append(LegendEntry(label: "study runs", ink: runInk))
        var chart = LineChart(series: series, legend: withLegend ? legend : [], xKind: .log10, yKind: .log10,
                              xTitle: "compute C (FLOPs)", yTitle: "N_opt")
        chart.cursorX = inputs.flops
        return chart
    }

    static func range(_ r: ClosedRange<Double>?, digits: Int) -> String {
        guard let r else { return "" }
        return NumberFormat.short(r.lowerBound, digits: digits) + "–" + NumberFormat.short(r.upperBound, digits: digits)
    }

    static func range(_ r: ClosedRange<Double>?, decimals: Int) -> String {
        guard let r else { return "" }
        return NumberFormat.fixed(r.lowerBound, decimals: decimals) + "–" + NumberFormat.fixed(r.upperBound, decimals: decimals)
    }

    /// Padded or cut to exactly `width` cells, so the columns after it stay aligned.
    static func pad(_ text: String, _ width: Int) -> String {
        let padded = RunsTablePanel.pad(text, width)
        return padded.count > width ? String(padded.prefix(width - 1)) + "…" : padded
    }
    static func padLeft(_ text: String, _ width: Int) -> String { RunsTablePanel.padLeft(text, width) }
}

/// Writes a panel's text lines top to bottom, clipped to a rectangle.
struct LineWriter {
    enum Style { case plain, dim, head, error }

    var grid: CellGrid
    let rect: Rect
    let context: PanelContext
    private(set) var used = 0

    init(grid: CellGrid, rect: Rect, context: PanelContext) {
        self.grid = grid
        self.rect = rect
        self.context = context
    }

    var room: Int { rect.height - used }

    mutating func line(_ text: String, style: Style) {
        guard room > 0 else { return }
        let theme = context.theme
        let cellStyle: CellStyle
        switch style {
        case .plain: cellStyle = CellStyle(foreground: theme.foreground)
        case .dim: cellStyle = CellStyle(foreground: theme.inactive)
        case .head: cellStyle = CellStyle(foreground: theme.title, bold: true)
        case .error: cellStyle = CellStyle(foreground: theme.error, bold: true)
        }
        grid.put(text, x: rect.x, y: rect.y + used, style: cellStyle, maxWidth: rect.width)
        used += 1
    }
}
