#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A warmup-then-decay learning-rate schedule over the run's x axis (steps or tokens):
/// linear warmup to `peak` at `warmupEnd`, then a cosine or linear decay reaching `floor`
/// at `end` (constant when floor = peak). Inferred from the learning rates a live run has
/// logged so far, so a forecast knows the part of the schedule still to come.
public struct LearningRateSchedule: Sendable, Equatable {
    public enum Decay: String, Sendable {
        case cosine
        case linear
    }

    public var peak: Double
    public var warmupEnd: Double
    public var floor: Double
    public var end: Double
    public var decay: Decay

    public init(peak: Double, warmupEnd: Double, floor: Double, end: Double, decay: Decay) {
        self.peak = peak
        self.warmupEnd = warmupEnd
        self.floor = floor
        self.end = end
        self.decay = decay
    }

    /// Fraction of the decay still to come at `x`: 1 at the end of warmup, 0 at `end`.
    func decayShape(_ x: Double) -> Double {
        let span = end - warmupEnd
        let u = span > 0 ? min(1, max(0, (x - warmupEnd) / span)) : 1
        switch decay {
        case .cosine: return 0.5 * (1 + cos(Double.pi * u))
        case .linear: return 1 - u
        }
    }

    public func learningRate(at x: Double) -> Double {
        if x < warmupEnd { return warmupEnd > 0 ? peak * max(0, x) / warmupEnd : peak }
        return floor + (peak - floor) * decayShape(x)
    }

    /// The schedule that best explains `learningRate` logged at `x`, given the run's planned
    /// end: the peak and the end of warmup are read off the log; for a cosine and for a
    /// linear decay to `end`, the floor is the least-squares solution of
    /// lr − peak·s(x) = floor·(1 − s(x)); the decay with the smaller error wins. Returns the
    /// schedule and its RMS error relative to the peak; nil without a positive rate.
    public static func inferred(x: [Double], learningRate: [Double], plannedEnd: Double) -> (schedule: LearningRateSchedule, relativeError: Double)? {
        guard x.count == learningRate.count, let peakIndex = learningRate.indices.max(by: { learningRate[$0] < learningRate[$1] }),
              learningRate[peakIndex] > 0, learningRate[peakIndex].isFinite else { return nil }
        let peak = learningRate[peakIndex], warmupEnd = x[peakIndex]
        let after = x.indices.filter { x[$0] >= warmupEnd }
        var best: (LearningRateSchedule, Double)? = nil
        for decay in [Decay.cosine, .linear] {
            var s = LearningRateSchedule(peak: peak, warmupEnd: warmupEnd, floor: peak, end: plannedEnd, decay: decay)
            var num = 0.0, den = 0.0
            for i in after {
                let shape = s.decayShape(x[i])
                num += (1 - shape) * (learningRate[i] - peak * shape)
                den += (1 - shape) * (1 - shape)
            }
            // No decay visible yet: the rate has been constant since warmup.
            s.floor = den > 1e-12 ? min(peak, max(0, num / den)) : peak
            var sq = 0.0
            for i in after { let r = s.learningRate(at: x[i]) - learningRate[i]; sq += r * r }
            let error = (sq / Double(max(1, after.count))).squareRoot() / peak
            if best == nil || error < best!.1 { best = (s, error) }
        }
        return best.map { ($0.0, $0.1) }
    }
}
