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
        interval = Percentile.of(sorted: kept, tail)...Percentile.of(sorted: kept, 1 - tail)
    }

}
