import Charts
import Glibc

/// The domain and ticks of a figure axis. Paper axes differ from the terminal's: the domain is
/// the data's, padded so that no marker is cut by the frame (matplotlib's margins), and there
/// are at least three labelled ticks wherever they fit: a log axis spanning less than a decade
/// or two labels 2 and 5 (or every integer) times the powers of ten, not only the one decade
/// inside it.
struct FigureAxisTicks {
    var scale: Scale
    var ticks: [FigureTick]

    /// A tick's value, whether it carries a label, and whether it is major (labelled, or a
    /// decade of a log axis): major ticks are longer and get the stronger grid line.
    struct FigureTick: Equatable {
        var value: Double
        var labelled: Bool
        var isMajor: Bool
    }

    /// The smallest share of the axis left between the data and the frame on each side.
    static let minimumMargin = 0.03

    /// The axis over `extent` (the data's range; nil when there is none), padded for marks of
    /// radius `markRadius` points on an axis `length` points long; unpadded when the axis
    /// gives its domain as exact.
    static func scale(axis: FigureAxis, extent: ClosedRange<Double>?, length: Double, markRadius: Double) -> Scale {
        let kind = axis.scale.chartsKind
        let fallback: ClosedRange<Double> = kind == .log10 ? 1...10 : 0...1
        var range = axis.domain ?? extent ?? fallback
        if axis.domain != nil, !axis.exact, let extent {
            // Markers widen a given domain; lines may leave it.
            range = min(range.lowerBound, extent.lowerBound)...max(range.upperBound, extent.upperBound)
        }
        if axis.exact, let domain = axis.domain, valid(domain, kind) { return Scale(kind: kind, lower: domain.lowerBound, upper: domain.upperBound) }
        if !valid(range, kind) { range = fallback }
        let share = min(0.3, max(minimumMargin, (markRadius + 2) / max(length, 1)))
        func forward(_ v: Double) -> Double { kind == .log10 ? log10(v) : v }
        func back(_ v: Double) -> Double { kind == .log10 ? pow(10, v) : v }
        var lo = forward(range.lowerBound), hi = forward(range.upperBound)
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            // One value: a decade around it on a log axis, ±10% (or ±1) on a linear one.
            let half = kind == .log10 ? 0.5 : max(abs(lo) * 0.1, 1e-9 + (lo == 0 ? 1 : 0))
            lo -= half
            hi += half
        }
        let pad = (hi - lo) * share / (1 - 2 * share)
        return Scale(kind: kind, lower: back(lo - pad), upper: back(hi + pad))
    }

    static func valid(_ range: ClosedRange<Double>, _ kind: Scale.Kind) -> Bool {
        range.lowerBound.isFinite && range.upperBound.isFinite && (kind == .linear || range.lowerBound > 0)
    }

    /// Ticks over `scale`, labelled as densely as the axis allows: `target` labels at most
    /// where three or more fit, and `fits` says whether labels at the given values (in
    /// order) clear each other.
    static func choose(scale: Scale, target: Int, fits: ([Double]) -> Bool) -> FigureAxisTicks {
        let labelled: [Double]
        switch scale.kind {
        case .linear: labelled = linearLabels(scale, target: target, fits: fits)
        case .log10: labelled = logLabels(scale, target: target, fits: fits)
        }
        var ticks = labelled.map { FigureTick(value: $0, labelled: true, isMajor: true) }
        if scale.kind == .log10 {
            let lo = log10(scale.lower), hi = log10(scale.upper)
            // Minor ticks at 2…9 × 10^k on spans up to seven decades; beyond that decades only.
            let mantissas: [Double] = hi - lo <= 7 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [1]
            for k in Int(lo.rounded(.down))...Int(hi.rounded(.up)) {
                for m in mantissas {
                    let v = m * pow(10, Double(k))
                    guard inside(v, scale), !labelled.contains(where: { close($0, v) }) else { continue }
                    ticks.append(FigureTick(value: v, labelled: false, isMajor: m == 1))
                }
            }
        }
        ticks.sort { $0.value < $1.value }
        return FigureAxisTicks(scale: scale, ticks: ticks)
    }

    /// Decades when three or more are inside (every decade if their labels fit, else every
    /// second, third…); on a shorter span the coarsest of 1-2-5, 1-2-3-5, 1-1.5-2-3-5-7 and
    /// every integer multiple that gives three labels, else a linear step in data units (loss
    /// 3.0–3.3 on a log axis), preferring labels that span half the axis or more.
    private static func logLabels(_ scale: Scale, target: Int, fits: ([Double]) -> Bool) -> [Double] {
        let lo = log10(scale.lower), hi = log10(scale.upper)
        let decades = (Int(lo.rounded(.up))...max(Int(lo.rounded(.up)), Int(hi.rounded(.down))))
            .map { pow(10, Double($0)) }.filter { inside($0, scale) }
        if decades.count >= 3 {
            for stride in 1...decades.count {
                let chosen = decades.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
                if chosen.count <= max(3, target) && fits(chosen) { return chosen }
                if chosen.count <= 2 { return chosen }
            }
        }
        let sets: [[Double]] = [[1], [1, 3], [1, 2, 5], [1, 2, 3, 5], [1, 1.5, 2, 3, 5, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]]
        var candidates = sets.map { set in
            (Int(lo.rounded(.down))...Int(hi.rounded(.up))).flatMap { k in set.map { $0 * pow(10, Double(k)) } }.filter { inside($0, scale) }
        }
        candidates += linearCandidates(Scale(kind: .linear, lower: scale.lower, upper: scale.upper))
        // Labels that reach across at least half the axis come first: a loss axis of 6.8–19
        // was labelled 7, 8, 9, 10 (every integer multiple, the first set with three labels),
        // leaving its upper 60% without a number; now 7, 10, 15.
        return pick(candidates, target: target, fits: fits) { labels in
            guard let first = labels.first, let last = labels.last else { return false }
            return log10(last) - log10(first) >= 0.5 * (hi - lo)
        }
    }

    private static func linearLabels(_ scale: Scale, target: Int, fits: ([Double]) -> Bool) -> [Double] {
        pick(linearCandidates(scale).reversed(), target: target, fits: fits)
    }

    /// Multiples of 1, 2, 2.5 and 5 × 10^k inside the scale, coarsest step first.
    private static func linearCandidates(_ scale: Scale) -> [[Double]] {
        let span = scale.upper - scale.lower
        guard span > 0, span.isFinite else { return [] }
        let top = Int(log10(span).rounded(.up))
        var out: [[Double]] = []
        for k in stride(from: top, through: top - 3, by: -1) {
            for m in [5.0, 2.5, 2, 1] {
                let step = m * pow(10, Double(k))
                let first = (scale.lower / step).rounded(.up), last = (scale.upper / step).rounded(.down)
                guard last >= first, last - first < 40 else { continue }
                // Multiples of the step, rounded so 0.1 × 3 prints as 0.3.
                let values = stride(from: first, through: last, by: 1).map { ($0 * step * 1e12).rounded() / 1e12 }
                if !values.isEmpty { out.append(values) }
            }
        }
        return out
    }

    /// The first candidate (in preference order) with three to `target` labels that fit and
    /// `spreads` (across the axis), else the first that fits; else three neighbouring labels
    /// of a denser candidate that fit (a short inset axis: 2×10⁸, 5×10⁸, 10⁹ where 2×10⁹
    /// would collide); else the fitting one with the most labels; else the sparsest.
    private static func pick(_ candidates: some Sequence<[Double]>, target: Int, fits: ([Double]) -> Bool,
                             spreads: ([Double]) -> Bool = { _ in true }) -> [Double] {
        let all = Array(candidates)
        func good(_ c: [Double]) -> Bool { c.count >= 3 && c.count <= max(3, target) && fits(c) }
        if let spread = all.first(where: { good($0) && spreads($0) }) { return spread }
        if let good = all.first(where: good) { return good }
        for candidate in all where candidate.count > 3 {
            // Windows nearest the middle first, so the labels sit where the data are.
            let starts = (0...(candidate.count - 3)).sorted { abs(2 * $0 + 3 - candidate.count) < abs(2 * $1 + 3 - candidate.count) }
            for start in starts {
                let window = Array(candidate[start..<start + 3])
                if fits(window) { return window }
            }
        }
        let fitting = all.filter { !$0.isEmpty && fits($0) }
        if let most = fitting.max(by: { $0.count < $1.count }) { return most }
        return all.filter { !$0.isEmpty }.min(by: { $0.count < $1.count }) ?? []
    }

    static func inside(_ v: Double, _ scale: Scale) -> Bool {
        let slack = scale.kind == .log10 ? 1e-9 : (scale.upper - scale.lower) * 1e-9
        if scale.kind == .log10 { return v >= scale.lower * (1 - slack) && v <= scale.upper * (1 + slack) }
        return v >= scale.lower - slack && v <= scale.upper + slack
    }

    private static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }

    /// The labels in print style: on a log axis whose labels are all decades, powers of ten
    /// (10¹⁹); elsewhere the short form (3, 0.25) between 10⁻³ and 10⁵, and 2.5×10¹⁸ beyond,
    /// with decades still written 10⁹.
    static func labelTexts(_ values: [Double], scale: Scale, style: FigureStyle.PowerLabels) -> [String] {
        let allDecades = scale.kind == .log10 && values.allSatisfy { TickLabelFormat.exactDecade($0) != nil }
        return values.map { v in
            let isDecade = scale.kind == .log10 && TickLabelFormat.exactDecade(v) != nil
            let large = abs(v) >= 1e5 || (abs(v) < 1e-3 && v != 0)
            return TickLabelFormat.label(v, decade: isDecade && (allDecades || large), style: style)
        }
    }

    /// The ticks at page positions along an axis running from `start` (domain lower end) to `end`.
    func placed(from start: Double, to end: Double, style: FigureStyle) -> [PlacedTick] {
        let values = ticks.filter(\.labelled).map(\.value)
        let text = Dictionary(zip(values, FigureAxisTicks.labelTexts(values, scale: scale, style: style.powerLabels)),
                              uniquingKeysWith: { first, _ in first })
        return ticks.compactMap { tick in
            guard let f = scale.fraction(tick.value) else { return nil }
            return PlacedTick(value: tick.value, position: start + f * (end - start), label: tick.labelled ? text[tick.value] : nil,
                              isMajor: tick.isMajor)
        }
    }
}
