import Glibc
import ScalingLaws

/// The (compute, size, loss) points an IsoFLOP analysis is fitted to, taken from a study
/// in one of two ways:
/// - **shared budgets**: finished runs trained to the same compute (within 5%) form a
///   budget, as in Chinchilla's Approach 2 and Porian et al.'s sweeps;
/// - **size envelopes**: a ladder trains each size to several lengths (OLMo's 0.5×–10×
///   Chinchilla), so budgets are rarely shared. At log-spaced budgets, each size gives the
///   lowest loss any of its runs reached at that compute: its finished runs' final losses
///   joined piecewise-linearly in (log C, log L), or a point on a run's curve where that
///   is lower (Approach 1's envelope, per size). A size never contributes beyond the
///   compute it reached (no extrapolation). Points mid-run are not annealed, so this
///   method leans to larger N; the panel names the method.
public struct IsoFLOPSlices: Sendable, Equatable {
    public enum Method: String, Sendable {
        case sharedBudgets = "shared budgets"
        case sizeEnvelopes = "per-size envelopes"
    }

    public var points: [IsoFLOPAnalysis.Point]
    public var method: Method

    /// One run: its size, final (or current) compute and loss, and its curve.
    public struct Input: Sendable, Equatable {
        public var parameters: Double
        public var flops: Double
        public var loss: Double
        /// Finished: its loss is a final loss.
        public var isComplete: Bool
        public var curve: [RunSummary.CurvePoint]

        public init(parameters: Double, flops: Double, loss: Double, isComplete: Bool = true,
                    curve: [RunSummary.CurvePoint] = []) {
            self.parameters = parameters
            self.flops = flops
            self.loss = loss
            self.isComplete = isComplete
            self.curve = curve
        }
    }

    /// Budgets that share compute within this log distance (5%) are one budget.
    static let sameBudget = log(1.05)
    static let minimumSizes = 3

    public static func make(from runs: [Input]) -> IsoFLOPSlices? {
        let usable = runs.filter { $0.parameters > 0 && $0.flops > 0 && $0.loss > 0 && $0.loss.isFinite && $0.flops.isFinite }
        if let shared = sharedBudgets(usable.filter(\.isComplete)) { return shared }
        return sizeEnvelopes(usable)
    }

    static func sharedBudgets(_ runs: [Input]) -> IsoFLOPSlices? {
        let order = runs.indices.sorted { runs[$0].flops < runs[$1].flops }
        var groups: [[Int]] = []
        for i in order {
            if let first = groups.last?.first, log(runs[i].flops) - log(runs[first].flops) <= sameBudget {
                groups[groups.count - 1].append(i)
            } else {
                groups.append([i])
            }
        }
        let budgets = groups.filter { Set($0.map { runs[$0].parameters }).count >= minimumSizes }
        guard budgets.count >= 2 else { return nil }
        var points: [IsoFLOPAnalysis.Point] = []
        for group in budgets {
            // One compute per budget (their mean), so IsoFLOPAnalysis groups them together.
            let c = exp(group.map { log(runs[$0].flops) }.reduce(0, +) / Double(group.count))
            for i in group { points.append(.init(flops: c, parameters: runs[i].parameters, loss: runs[i].loss)) }
        }
        return IsoFLOPSlices(points: points, method: .sharedBudgets)
    }

    static func sizeEnvelopes(_ runs: [Input]) -> IsoFLOPSlices? {
        var finalsBySize: [Double: [(logC: Double, logL: Double)]] = [:]
        var curvesBySize: [Double: [[RunSummary.CurvePoint]]] = [:]
        var lowest = Double.infinity, highest = -Double.infinity
        // Only finite compute counts: one infinite value would make the budget loop below endless.
        for r in runs where r.flops.isFinite {
            lowest = min(lowest, r.flops)
            highest = max(highest, r.flops)
            for p in r.curve where p.flops > highest && p.flops.isFinite { highest = p.flops }
            if r.isComplete { finalsBySize[r.parameters, default: []].append((log(r.flops), log(r.loss))) }
            let usable = { (p: RunSummary.CurvePoint) in p.flops > 0 && p.flops.isFinite && p.loss > 0 }
            let curve = r.curve.allSatisfy(usable) ? r.curve : r.curve.filter(usable)
            if curve.count >= 2 { curvesBySize[r.parameters, default: []].append(curve) }
        }
        let sizes = Set(finalsBySize.keys).union(curvesBySize.keys).sorted()
        guard sizes.count >= minimumSizes, lowest.isFinite else { return nil }
        // Budgets from the smallest compute any run has reached (its end, or where it is now)
        // up: below that every size is early in training, where an envelope says little
        // about the size a budget should buy. (The log of the least compute is the least of
        // the logs: log is increasing.)
        let (lo, hi) = (log(lowest), log(highest))
        // Budgets every quarter decade, on round values so they do not drift as runs arrive.
        let step = log(10.0) / 4
        var budgets: [Double] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi {
            budgets.append(k * step)
            k += 1
        }
        // Each size's lowest log loss at each budget: its finals joined, or any of its curves
        // where lower.
        var envelopes: [[Double?]] = []
        for size in sizes {
            var best = [Double?](repeating: nil, count: budgets.count)
            if let finals = finalsBySize[size]?.sorted(by: { $0.logC < $1.logC }), finals.count >= 2 {
                for (j, x) in budgets.enumerated() { best[j] = interpolate(finals, at: x) }
            }
            for curve in curvesBySize[size] ?? [] {
                logLosses(along: curve, at: budgets) { j, v in
                    if v < (best[j] ?? .infinity) { best[j] = v }
                }
            }
            envelopes.append(best)
        }
        var points: [IsoFLOPAnalysis.Point] = []
        for (j, logC) in budgets.enumerated() {
            let slice = sizes.indices.compactMap { s in
                envelopes[s][j].map { IsoFLOPAnalysis.Point(flops: exp(logC), parameters: sizes[s], loss: exp($0)) }
            }
            if slice.count >= minimumSizes { points += slice }
        }
        guard Set(points.map(\.flops)).count >= 2 else { return nil }
        return IsoFLOPSlices(points: points, method: .sizeEnvelopes)
    }

    /// A curve's log loss at each budget (log compute, ascending) inside its compute range,
    /// `body(budget index, value)`: what `interpolate` gives on the curve's logs, but taking
    /// logs only of the points next to each budget. Why: a run's thinned curve has up to 128
    /// points, and logging every point of 10,000 runs at each refit was most of the IsoFLOP
    /// slices' cost (perf, issue 16). The point after a budget is found on the raw compute
    /// and then checked in logs, so rounding between `exp` and `log` cannot pick another.
    static func logLosses(along curve: [RunSummary.CurvePoint], at budgets: [Double], _ body: (Int, Double) -> Void) {
        let n = curve.count
        guard n >= 2 else { return }
        guard (1..<n).allSatisfy({ curve[$0 - 1].flops <= curve[$0].flops }) else {
            // Not in compute order (logged tokens or compute that went down): the plain way.
            let logs = curve.map { (logC: log($0.flops), logL: log($0.loss)) }
            for (j, x) in budgets.enumerated() { if let v = interpolate(logs, at: x) { body(j, v) } }
            return
        }
        let (first, last) = (log(curve[0].flops), log(curve[n - 1].flops))
        for (j, x) in budgets.enumerated() where x >= first && x <= last {
            // The first point from the second on at or past the budget (as `interpolate`).
            let threshold = exp(x)
            var low = 1, high = n - 1
            while low < high {
                let mid = (low + high) / 2
                if curve[mid].flops >= threshold { high = mid } else { low = mid + 1 }
            }
            var i = low
            while i > 1, log(curve[i - 1].flops) >= x { i -= 1 }
            while i < n - 1, log(curve[i].flops) < x { i += 1 }
            let (aC, bC) = (log(curve[i - 1].flops), log(curve[i].flops))
            let (aL, bL) = (log(curve[i - 1].loss), log(curve[i].loss))
            let w = bC - aC
            body(j, w > 0 ? aL + (bL - aL) * (x - aC) / w : min(aL, bL))
        }
    }

    static func interpolate(_ curve: [(logC: Double, logL: Double)], at x: Double) -> Double? {
        guard let first = curve.first, let last = curve.last, x >= first.logC, x <= last.logC else { return nil }
        for i in 1..<curve.count where curve[i].logC >= x {
            let a = curve[i - 1], b = curve[i]
            let w = b.logC - a.logC
            return w > 0 ? a.logL + (b.logL - a.logL) * (x - a.logC) / w : min(a.logL, b.logL)
        }
        return last.logL
    }
}
