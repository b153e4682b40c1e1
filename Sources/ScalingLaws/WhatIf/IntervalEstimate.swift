/// A point value with, when parameter draws were given, the percentile interval of the same
/// quantity computed over the draws (methods.md §2.4: push each bootstrap parameter set
/// through the closed forms, then take percentiles).
public struct IntervalEstimate: Sendable, Equatable {
    public var value: Double
    public var interval: ClosedRange<Double>?
    /// Central probability of `interval`, e.g. 0.8.
    public var level: Double

    public init(value: Double, interval: ClosedRange<Double>? = nil, level: Double) {
        self.value = value
        self.interval = interval
        self.level = level
    }

    /// The point value and the (1−level)/2 … (1+level)/2 percentiles of `draws` (numpy's
    /// linear interpolation, as `BootstrapSummary`). NaN draws are dropped; ±∞ draws (a
    /// target a draw never reaches) are kept, so a bound may be infinite. No interval from
    /// fewer than 2 draws.
    public init(value: Double, draws: [Double], level: Double) {
        self.value = value
        self.level = level
        let kept = draws.filter { !$0.isNaN }.sorted()
        guard kept.count >= 2 else { interval = nil; return }
        let tail = (1 - level) / 2
        interval = Self.percentile(kept, tail)...Self.percentile(kept, 1 - tail)
    }

    /// Type-7 percentile that stays defined when the sorted values contain infinities.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        let frac = position - Double(lo)
        if frac == 0 || sorted[lo] == sorted[hi] { return sorted[lo] }
        if !sorted[lo].isFinite || !sorted[hi].isFinite { return sorted[hi].isFinite ? sorted[lo] : sorted[hi] }
        return sorted[lo] + frac * (sorted[hi] - sorted[lo])
    }
}
