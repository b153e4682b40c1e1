import Glibc
import ScalingLaws
import StudyAnalysis

/// The compact what-if: for the chosen budget, the compute-optimal N, D, tokens per
/// parameter and loss from each of the study's fits, beside Chinchilla's and Epoch's
/// published laws, with 80% bootstrap intervals where the fit has them. Where the
/// approaches disagree the rows show it side by side.
enum WhatIfPanel {
    struct Row {
        var label: String
        var parameters: Double?
        var parametersInterval: ClosedRange<Double>?
        var loss: Double?
        var lossInterval: ClosedRange<Double>?
        var note: String?
    }

    static func rows(for fits: StudyFits, budget c: Double) -> [Row] {
        var rows: [Row] = []
        switch fits.isoFLOP {
        case .fitted(let iso):
            let band = interpolate(iso.optimalParametersCurve, at: c)
            rows.append(Row(label: "IsoFLOP A2", parameters: iso.analysis.optimalParameters(c),
                            parametersInterval: band.map { $0.lower...$0.upper }, loss: nil))
        case .waiting(let m), .failed(let m):
            rows.append(Row(label: "IsoFLOP A2", note: m))
        }
        switch fits.parametric {
        case .fitted(let p):
            let n = p.replicates.map { $0.allocation.optimalParameters(flops: c) }.filter(\.isFinite).sorted()
            let l = p.replicates.map { $0.optimalLoss(flops: c) }.filter(\.isFinite).sorted()
            rows.append(Row(label: "L(N,D) A3", parameters: p.law.allocation.optimalParameters(flops: c),
                            parametersInterval: interval(n), loss: p.law.optimalLoss(flops: c), lossInterval: interval(l)))
        case .waiting(let m), .failed(let m):
            rows.append(Row(label: "L(N,D) A3", note: m))
        }
        if let law = fits.frontier.law.value {
            let band = interpolate(fits.frontier.lawCurve, at: c)
            rows.append(Row(label: "frontier", loss: law(c), lossInterval: band.map { $0.lower...$0.upper }))
        }
        for (label, law) in [("Chinchilla", ParametricLaw.chinchillaRounded), ("Epoch 2024", ParametricLaw.epoch2024)] {
            rows.append(Row(label: label, parameters: law.allocation.optimalParameters(flops: c), loss: law.optimalLoss(flops: c)))
        }
        return rows
    }

    static func draw(into grid: inout CellGrid, rect: Rect, context c: PanelContext) {
        let budget = c.state.whatIfBudget
        let inner = c.frame(&grid, rect, panel: .whatIf, title: "\(DashboardPanel.whatIf.title) · C = \(NumberFormat.short(budget)) FLOPs")
        guard inner.width >= 12, inner.height >= 3 else { return }
        let dim = CellStyle(foreground: c.theme.inactive)
        let plain = CellStyle(foreground: c.theme.foreground)
        let head = CellStyle(foreground: c.theme.inactive, bold: true)
        let labelWidth = min(18, max(10, inner.width - 1 - 26))
        var y = inner.y
        grid.put(pad("approach", labelWidth) + "  N_opt  D_opt  D/N   loss", x: inner.x + 1, y: y, style: head, maxWidth: inner.width - 1)
        y += 1
        for row in rows(for: c.study.fits, budget: budget) where y < inner.maxY - 1 {
            grid.put(pad(row.label, labelWidth), x: inner.x + 1, y: y, style: plain, maxWidth: labelWidth)
            let x = inner.x + 1 + labelWidth
            if let note = row.note {
                grid.put(" " + note, x: x, y: y, style: dim, maxWidth: inner.maxX - x)
                y += 1
                continue
            }
            var text = ""
            if let n = row.parameters {
                let d = budget / (6 * n)
                text += padLeft(NumberFormat.short(n), 7) + padLeft(NumberFormat.short(d), 7) + padLeft(NumberFormat.short(d / n, digits: 2), 5)
            } else {
                text += padLeft("–", 7) + padLeft("–", 7) + padLeft("–", 5)
            }
            text += padLeft(row.loss.map { NumberFormat.fixed($0, decimals: 3) } ?? "–", 7)
            grid.put(text, x: x, y: y, style: plain, maxWidth: inner.maxX - x)
            y += 1
            // The interval on its own line, when there is room for it.
            if (row.parametersInterval != nil || row.lossInterval != nil) && y < inner.maxY - 1 && inner.height >= 10 {
                var band = "80%:"
                if let ni = row.parametersInterval { band += " N \(NumberFormat.short(ni.lowerBound))–\(NumberFormat.short(ni.upperBound))" }
                if let li = row.lossInterval { band += " L \(NumberFormat.fixed(li.lowerBound, decimals: 3))–\(NumberFormat.fixed(li.upperBound, decimals: 3))" }
                grid.put(band, x: x + 1, y: y, style: dim, maxWidth: inner.maxX - x - 1)
                y += 1
            }
        }
        grid.put("+/- ×2 ÷2   ]/[ ×10 ÷10", x: inner.x + 1, y: inner.maxY - 1, style: dim, maxWidth: inner.width - 1)
    }

    static func interval(_ sorted: [Double]) -> ClosedRange<Double>? {
        guard sorted.count >= 10 else { return nil }
        let tail = (1 - StudyFits.level) / 2
        let at = { (q: Double) -> Double in sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count - 1)).rounded())))] }
        return at(tail)...at(1 - tail)
    }

    /// The band at `x` by linear interpolation in log x; nil outside the sampled range
    /// (an interval is not extrapolated).
    static func interpolate(_ band: [BandSample], at x: Double) -> BandSample? {
        guard let first = band.first, let last = band.last, x >= first.x, x <= last.x else { return nil }
        for i in 1..<band.count where band[i].x >= x {
            let a = band[i - 1], b = band[i]
            let t = (log(x) - log(a.x)) / (log(b.x) - log(a.x))
            func mix(_ u: Double, _ v: Double) -> Double { u + (v - u) * t }
            return BandSample(x: x, center: mix(a.center, b.center), lower: mix(a.lower, b.lower), upper: mix(a.upper, b.upper))
        }
        return last
    }

    static func pad(_ text: String, _ width: Int) -> String { RunsTablePanel.pad(text, width) }
    static func padLeft(_ text: String, _ width: Int) -> String { RunsTablePanel.padLeft(text, width) }
}
