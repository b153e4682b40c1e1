#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning-rate schedule over the run's x axis (steps or tokens): linear warmup to
/// `peak` at `warmupEnd`; then constant, with multiplicative `drops` (a step schedule),
/// until `decayStart`; then a decay of the given shape reaching `floor` at `end`, and
/// `floor` after it. Cosine and linear schedules decay from the end of warmup; a WSD
/// (warmup–stable–decay) schedule from its cooldown's start.
///
/// Read from a run's configuration (the planned schedule) or inferred from the rates it has
/// logged so far (`inferred`), so a forecast knows the part of the schedule still to come.
public struct LearningRateSchedule: Sendable, Equatable {
    public enum Shape: String, Sendable, CaseIterable {
        /// No decay.
        case constant
        /// ½(1 + cos πu).
        case cosine
        /// 1 − u.
        case linear
        /// 1 − √u, the cooldown Hägele et al. 2024 found best for WSD (Megatron `minus_sqrt`).
        case oneMinusSquareRoot = "1-sqrt"
        /// 2·0.5^u − 1, Megatron's WSD `exponential` cooldown.
        case exponential

        /// Fraction of the decay still to come at u ∈ [0, 1] (1 at its start, 0 at its end).
        public func remaining(_ u: Double) -> Double {
            let v = min(1, max(0, u))
            switch self {
            case .constant: return 1
            case .cosine: return 0.5 * (1 + cos(Double.pi * v))
            case .linear: return 1 - v
            case .oneMinusSquareRoot: return 1 - v.squareRoot()
            case .exponential: return 2 * pow(0.5, v) - 1
            }
        }
    }

    /// A step down of the rate: × `factor` from `at` on.
    public struct Drop: Sendable, Equatable {
        public var at: Double
        public var factor: Double
        public init(at: Double, factor: Double) {
            self.at = at
            self.factor = factor
        }
    }

    public var peak: Double
    public var warmupEnd: Double
    /// Where the decay begins: the end of warmup for cosine and linear, the cooldown's start
    /// for WSD.
    public var decayStart: Double
    /// Where the decay reaches `floor`.
    public var end: Double
    /// The rate at `end` and after it.
    public var floor: Double
    public var shape: Shape
    /// Steps down before the decay, in order of `at`.
    public var drops: [Drop]

    public init(peak: Double, warmupEnd: Double, decayStart: Double? = nil, floor: Double, end: Double,
                shape: Shape, drops: [Drop] = []) {
        self.peak = peak
        self.warmupEnd = warmupEnd
        self.decayStart = max(warmupEnd, decayStart ?? warmupEnd)
        self.floor = floor
        self.end = end
        self.shape = shape
        self.drops = drops.sorted { $0.at < $1.at }
    }

    /// The rate at `x`.
    public func learningRate(at x: Double) -> Double {
        if x < warmupEnd { return warmupEnd > 0 ? peak * max(0, x) / warmupEnd : peak }
        var base = peak
        for d in drops where x > d.at { base *= d.factor }
        guard shape != .constant, x > decayStart else { return base }
        guard end > decayStart else { return floor }
        let u = (x - decayStart) / (end - decayStart)
        return u >= 1 ? floor : floor + (base - floor) * shape.remaining(u)
    }

    /// How long the planned decay is, as a fraction of the run after warmup: (end − decayStart)
    /// / (end − warmupEnd). About 1 for a cosine or linear decay from the end of warmup, WSD's
    /// cooldown 0.1–0.3, and 0 for a schedule that only steps down (its drops are instant) or
    /// never decays. `ForecastPrior.annealingDiscrepancy(decayFraction:)` reads it.
    public var decayFraction: Double {
        guard shape != .constant, end > decayStart, end > warmupEnd else { return 0 }
        return Swift.min(1, Swift.max(0, (end - decayStart) / (end - warmupEnd)))
    }

    /// The rate never rises between `a` and `b` (after warmup every schedule here only falls).
    public func isNonIncreasing(from a: Double, to b: Double) -> Bool { a >= warmupEnd || b <= a }

    /// A short description: "cosine to 10% from 2.0k", "WSD: 1-sqrt cooldown from 16k to 0".
    public var summary: String {
        func n(_ v: Double) -> String { NumberFormat.short(v, digits: 3) }
        let ratio = peak > 0 ? floor / peak : 0
        let to = ratio == 0 ? "0" : NumberFormat.general(100 * ratio, significant: 2) + "% of peak"
        var parts: [String] = []
        if !drops.isEmpty {
            parts.append("×" + drops.map { NumberFormat.general($0.factor, significant: 2) + " at " + n($0.at) }.joined(separator: ", ×"))
        }
        switch shape {
        case .constant: parts.append("constant")
        case _ where decayStart > warmupEnd: parts.append("\(shape.rawValue) cooldown from \(n(decayStart)) to \(to)")
        default: parts.append("\(shape.rawValue) decay to \(to)")
        }
        return parts.reversed().joined(separator: "; then ")
    }
}
