import Glibc
import Charts

/// The domain and ticks of a figure axis, chosen by the same `AxisLayout` the terminal
/// chart uses, so an exported figure has its ticks where the dashboard has them.
struct FigureAxisTicks {
    var scale: Scale
    var ticks: [Tick]

    /// `extent` is the data's range (nil when there is none); `maxLabels` how many labels fit.
    /// Without a given domain the axis spans the data plus a 3% margin rather than
    /// `AxisLayout`'s whole decades, which on paper can leave half a plot empty; the ticks are
    /// still `AxisLayout`'s, so they sit where the dashboard puts them. When fewer than two
    /// labelled ticks would remain, the rounded-out domain is kept.
    init(axis: FigureAxis, extent: ClosedRange<Double>?, maxLabels: Int) {
        let kind = axis.scale.chartsKind
        let lower = axis.domain?.lowerBound ?? extent?.lowerBound ?? (kind == .log10 ? 1 : 0)
        let upper = axis.domain?.upperBound ?? extent?.upperBound ?? (kind == .log10 ? 10 : 1)
        let domain = axis.domain ?? FigureAxisTicks.padded(lower...upper, kind: kind)
        let slack = (domain.upperBound - domain.lowerBound) * 1e-9
        var layout = AxisLayout.make(kind: kind, lower: lower, upper: upper, maxLabels: maxLabels)
        var inside = layout.ticks.filter { $0.value >= domain.lowerBound - slack && $0.value <= domain.upperBound + slack }
        // A short axis over a narrow domain (loss 2…8 on a small plot) can get no labelled
        // tick inside it at all; finer steps are better than an axis without numbers.
        var finer = maxLabels
        while inside.filter({ $0.label != nil }).count < 2 && finer < maxLabels + 8 {
            finer += 1
            layout = AxisLayout.make(kind: kind, lower: lower, upper: upper, maxLabels: finer)
            inside = layout.ticks.filter { $0.value >= domain.lowerBound - slack && $0.value <= domain.upperBound + slack }
        }
        if axis.domain != nil || inside.filter({ $0.label != nil }).count >= 2 {
            scale = Scale(kind: kind, lower: domain.lowerBound, upper: domain.upperBound)
            ticks = inside
        } else {
            scale = layout.scale
            ticks = layout.ticks
        }
    }

    static func padded(_ range: ClosedRange<Double>, kind: Scale.Kind) -> ClosedRange<Double> {
        let margin = 0.03
        switch kind {
        case .linear:
            let span = range.upperBound - range.lowerBound
            let pad = span > 0 ? span * margin : max(abs(range.lowerBound) * 0.1, 1e-9)
            return (range.lowerBound - pad)...(range.upperBound + pad)
        case .log10:
            guard range.lowerBound > 0 else { return range }
            let span = log10(range.upperBound) - log10(range.lowerBound)
            let factor = span > 0 ? pow(10, span * margin) : 1.5
            return (range.lowerBound / factor)...(range.upperBound * factor)
        }
    }

    /// The ticks at page positions along an axis running from `start` (domain lower end) to
    /// `end`, relabelled in print style.
    func placed(from start: Double, to end: Double, style: FigureStyle) -> [PlacedTick] {
        let labelledAreDecades = scale.kind == .log10
            && ticks.filter { $0.label != nil }.allSatisfy { TickLabelFormat.exactDecade($0.value) != nil }
        return ticks.compactMap { tick in
            guard let f = scale.fraction(tick.value) else { return nil }
            let isDecade = scale.kind == .log10 && TickLabelFormat.exactDecade(tick.value) != nil
            let label = tick.label.map { _ in
                TickLabelFormat.label(tick.value, decade: labelledAreDecades && isDecade, style: style.powerLabels)
            }
            let major = label != nil || (isDecade && labelledAreDecades)
            return PlacedTick(value: tick.value, position: start + f * (end - start), label: label, isMajor: major)
        }
    }
}
