import Glibc
import ScalingLaws

/// A labelled (major) or unlabelled (minor) tick.
public struct Tick: Sendable, Equatable {
    public var value: Double
    public var label: String?

    public init(value: Double, label: String?) {
        self.value = value
        self.label = label
    }
}

/// An axis' domain and ticks, chosen so the domain only changes when data crosses a tick
/// boundary: a live curve's new points do not make the axes jump (cheap redraws over SSH).
public struct AxisLayout: Sendable, Equatable {
    public var scale: Scale
    public var ticks: [Tick]

    /// Ticks and a rounded-out domain covering `lower...upper` with at most `maxLabels`
    /// labels.
    public static func make(kind: Scale.Kind, lower: Double, upper: Double, maxLabels: Int) -> AxisLayout {
        switch kind {
        case .linear: return linear(lower: lower, upper: upper, maxLabels: maxLabels)
        case .log10: return logarithmic(lower: lower, upper: upper, maxLabels: maxLabels)
        }
    }

    /// Decades as major ticks, 2…9 × 10^k as minor ones. When the data spans less than a
    /// decade or two, labelled ticks at 1-2-5 (or finer) mantissas instead.
    static func logarithmic(lower: Double, upper: Double, maxLabels: Int) -> AxisLayout {
        var lo = lower > 0 && lower.isFinite ? lower : 1
        var hi = upper > 0 && upper.isFinite ? upper : lo * 10
        if hi <= lo { hi = lo * 1.5; lo = lo / 1.5 }
        let labels = max(2, maxLabels)
        let firstDecade = Int(Glibc.log10(lo).rounded(.down))
        let lastDecade = Int(Glibc.log10(hi).rounded(.up))
        // The domain ends on the nearest 1-2-5 values outside the data, not on whole
        // decades, so data spanning 2.4–25 is not drawn in a 1–100 box.
        let domainLow = outward(lo, down: true), domainHigh = outward(hi, down: false)
        let decadesInside = (firstDecade...lastDecade).filter { pow10($0) >= domainLow * (1 - 1e-12) && pow10($0) <= domainHigh * (1 + 1e-12) }
        if decadesInside.count >= 2 {
            let domain = Scale(kind: .log10, lower: domainLow, upper: domainHigh)
            let stride = max(1, Int((Double(decadesInside.count) / Double(labels)).rounded(.up)))
            var ticks: [Tick] = []
            for d in firstDecade...lastDecade {
                for m in 1...9 {
                    let v = Double(m) * pow10(d)
                    guard v >= domainLow * (1 - 1e-12), v <= domainHigh * (1 + 1e-12) else { continue }
                    let labelled = m == 1 && (d - decadesInside[0]) % stride == 0
                    ticks.append(Tick(value: v, label: labelled ? NumberFormat.short(v) : nil))
                }
            }
            return AxisLayout(scale: domain, ticks: ticks)
        }
        // Narrow range: pick the coarsest mantissa set that still gives two labels.
        let mantissaSets: [[Double]] = [[1], [1, 2, 5], [1, 2, 3, 5], [1, 1.5, 2, 3, 4, 5, 6, 8], [1, 2, 3, 4, 5, 6, 7, 8, 9]]
        var best: AxisLayout?
        for set in mantissaSets {
            var candidates: [Double] = []
            for d in (firstDecade - 1)...(lastDecade + 1) { for m in set { candidates.append(m * pow10(d)) } }
            candidates.sort()
            guard let lowIndex = candidates.lastIndex(where: { $0 <= lo * (1 + 1e-12) }),
                  let highIndex = candidates.firstIndex(where: { $0 >= hi * (1 - 1e-12) }) else { continue }
            let values = Array(candidates[lowIndex...highIndex])
            if values.count > labels { break }
            best = AxisLayout(scale: Scale(kind: .log10, lower: values.first!, upper: values.last!),
                              ticks: values.map { Tick(value: $0, label: NumberFormat.short($0)) })
        }
        if let best { return best }
        return linear(lower: lo, upper: hi, maxLabels: maxLabels, kind: .log10)
    }

    /// "Nice" steps of 1, 2 or 5 × 10^k.
    static func linear(lower: Double, upper: Double, maxLabels: Int, kind: Scale.Kind = .linear) -> AxisLayout {
        var lo = lower.isFinite ? lower : 0
        var hi = upper.isFinite ? upper : lo + 1
        if hi <= lo { let pad = max(abs(lo) * 0.1, 1e-9); lo -= pad; hi += pad }
        let labels = max(2, maxLabels)
        let rough = (hi - lo) / Double(labels - 1)
        let exponent = Int(Glibc.log10(rough).rounded(.down))
        var step = pow10(exponent)
        for m in [1.0, 2, 5, 10] where m * pow10(exponent) >= rough { step = m * pow10(exponent); break }
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Tick] = []
        var v = first
        while v <= last + step * 1e-9 {
            let clean = abs(v) < step * 1e-9 ? 0 : v
            ticks.append(Tick(value: clean, label: NumberFormat.short(clean)))
            v += step
        }
        return AxisLayout(scale: Scale(kind: kind, lower: first, upper: last), ticks: ticks)
    }

    static func pow10(_ n: Int) -> Double { NumberFormat.pow10(n) }

    /// The nearest value of the form {1, 2, 5} × 10^k at or beyond `value`.
    static func outward(_ value: Double, down: Bool) -> Double {
        let decade = Int(Glibc.log10(value).rounded(.down))
        let candidates = (decade - 1...decade + 1).flatMap { d in [1.0, 2, 5].map { $0 * pow10(d) } }.sorted()
        if down { return candidates.last { $0 <= value * (1 + 1e-12) } ?? pow10(decade) }
        return candidates.first { $0 >= value * (1 - 1e-12) } ?? pow10(decade + 1)
    }
}
