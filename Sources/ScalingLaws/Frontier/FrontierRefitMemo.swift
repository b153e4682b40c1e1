import Synchronization

/// Frontier fits kept from one refit to the next, keyed by exactly what each fit reads: its
/// non-dominated points (and, for bootstrap replicates, the starts). Why: a live dashboard
/// refits the frontier after every appended line, and at 10,000 runs nearly every line
/// moves a dominated run that neither the full data's frontier nor any resample's contains.
/// Those fits then read the same points as before and, being deterministic, give the same
/// law, which the memo hands back instead of refitting (the profile had the frontier
/// bootstrap at a fifth of an append's CPU). Results are identical to refitting
/// (`FrontierRefitMemoTests`). Only the last refit's entries are kept.
public final class FrontierRefitMemo: Sendable {
    /// A fit's input: the frontier's points by increasing compute.
    struct Points: Hashable {
        var flops: [Double]
        var loss: [Double]
    }

    private struct State {
        var estimate: (points: Points, fit: FrontierFit)?
        var starts: [[Double]] = []
        /// The last bootstrap's replicate fits (nil: the refit failed), and this one's.
        var previous: [Points: [String: Double]?] = [:]
        var current: [Points: [String: Double]?] = [:]
        var reused = 0
        /// Which points each replicate drew, as bit sets, and the draws they came from.
        var members: (plan: ResamplingPlan, seed: UInt64, count: Int, bits: [[UInt64]])?
    }

    private let state = Mutex(State())

    public init() {}

    /// How many replicate fits the last bootstrap took from the memo (for tests and profiles).
    public var reusedReplicates: Int { state.withLock { $0.reused } }

    /// The full data's fit of these frontier points, when the last one was of the same points.
    public func estimate(flops: [Double], loss: [Double]) -> FrontierFit? {
        let key = Points(flops: flops, loss: loss)
        return state.withLock { $0.estimate?.points == key ? $0.estimate?.fit : nil }
    }

    public func keep(estimate: FrontierFit, flops: [Double], loss: [Double]) {
        state.withLock { $0.estimate = (Points(flops: flops, loss: loss), estimate) }
    }

    /// Which points each of `bootstrap`'s replicates draws under `plan` (a plan over every
    /// point, `plan.pointCount` of them; bit `i` of word
    /// `i / 64`), drawn once and kept while the plan, seed and count stay: a replicate's draw
    /// depends on nothing else (its own stream), and a resample's frontier needs only which
    /// points it holds. Why: drawing 10,000 indices per replicate at every refit was half
    /// of a live frontier refit's CPU once the fits themselves were kept (perf, issue 16).
    func members(plan: ResamplingPlan, bootstrap: Bootstrap) -> [[UInt64]] {
        let count = max(0, bootstrap.samples)
        if let kept = state.withLock({ s -> [[UInt64]]? in
            guard let m = s.members, m.seed == bootstrap.seed, m.count == count, m.plan == plan else { return nil }
            return m.bits
        }) {
            return kept
        }
        let words = (plan.pointCount + 63) / 64
        let bits = (0..<count).map { k -> [UInt64] in
            var set = [UInt64](repeating: 0, count: words)
            for i in bootstrap.draw(plan, replicate: k) { set[i >> 6] |= 1 << UInt64(i & 63) }
            return set
        }
        state.withLock { $0.members = (plan, bootstrap.seed, count, bits) }
        return bits
    }

    /// Start a bootstrap: what the last one fitted stays usable only from the same starts.
    func beginBootstrap(starts: [[Double]]) {
        state.withLock { s in
            s.previous = s.starts == starts ? s.current : [:]
            s.current = [:]
            s.starts = starts
            s.reused = 0
        }
    }

    /// A replicate's statistic: the memo's when these points were fitted from these starts
    /// last time (or already in this bootstrap), else `refit`'s (kept when the starts are
    /// the current bootstrap's: a copy of the fitter sharing this memo may have begun
    /// another bootstrap meanwhile). An empty result is a failed refit.
    func replicate(flops: [Double], loss: [Double], starts: [[Double]],
                   refit: () -> [String: Double]?) -> [String: Double] {
        let key = Points(flops: flops, loss: loss)
        let known: [String: Double]?? = state.withLock { s in
            guard s.starts == starts, let hit = s.current[key] ?? s.previous[key] else { return .none }
            s.current[key] = hit
            s.reused += 1
            return .some(hit)
        }
        if let known { return known ?? [:] }
        let values = refit()
        state.withLock { s in if s.starts == starts { s.current[key] = values } }
        return values ?? [:]
    }
}
