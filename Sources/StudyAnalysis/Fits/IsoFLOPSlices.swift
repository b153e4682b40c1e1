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
        typealias LogPoint = (logC: Double, logL: Double)
        var finalsBySize: [Double: [LogPoint]] = [:]
        var curvesBySize: [Double: [[LogPoint]]] = [:]
        for r in runs {
            if r.isComplete { finalsBySize[r.parameters, default: []].append((log(r.flops), log(r.loss))) }
            let curve = r.curve.filter { $0.flops > 0 && $0.loss > 0 }.map { (logC: log($0.flops), logL: log($0.loss)) }
            if curve.count >= 2 { curvesBySize[r.parameters, default: []].append(curve) }
        }
        let sizes = Set(finalsBySize.keys).union(curvesBySize.keys)
        guard sizes.count >= minimumSizes else { return nil }
        for (size, finals) in finalsBySize { finalsBySize[size] = finals.sorted { $0.logC < $1.logC } }

        func bestLogLoss(size: Double, at x: Double) -> Double? {
            var best: Double?
            if let finals = finalsBySize[size], finals.count >= 2, let v = interpolate(finals, at: x) { best = v }
            for curve in curvesBySize[size] ?? [] {
                if let v = interpolate(curve, at: x), v < (best ?? .infinity) { best = v }
            }
            return best
        }
        // Budgets from the smallest compute any run has reached (its end, or where it is now)
        // up: below that every size is early in training, where an envelope says little
        // about the size a budget should buy.
        guard let lo = runs.map({ log($0.flops) }).min(),
              let hi = (runs.map { log($0.flops) } + runs.flatMap { $0.curve.map { log($0.flops) } }).max() else { return nil }
        // Budgets every quarter decade, on round values so they do not drift as runs arrive.
        let step = log(10.0) / 4
        var points: [IsoFLOPAnalysis.Point] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi {
            let logC = k * step
            let slice = sizes.sorted().compactMap { size in
                bestLogLoss(size: size, at: logC).map { IsoFLOPAnalysis.Point(flops: exp(logC), parameters: size, loss: exp($0)) }
            }
            if slice.count >= minimumSizes { points += slice }
            k += 1
        }
        guard Set(points.map(\.flops)).count >= 2 else { return nil }
        return IsoFLOPSlices(points: points, method: .sizeEnvelopes)
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
