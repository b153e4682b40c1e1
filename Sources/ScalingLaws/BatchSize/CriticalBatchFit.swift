#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The critical batch measured from a study's runs, as Kaplan et al. 2020 did (§5.1,
/// Fig. 18 → Fig. 10, after McCandlish et al. 2018): runs of one model size at several batch
/// sizes; for each loss L they all reach, the steps S each needed; Eq. 5.1 solved for B_crit
/// is the line S = S_min + S_min·B_crit·(1/B), so a least-squares line of S against 1/B
/// gives S_min (intercept) and B_crit = slope/intercept; then B_crit(L) = B*/L^(1/α_B) is
/// fitted through the (L, B_crit) pairs in log-log space.
public struct CriticalBatchFit: Sendable {
    /// One run: its model size, batch (tokens per step) and loss curve against tokens seen.
    public struct Run: Sendable, Equatable {
        public var parameters: Double
        public var batchTokens: Double
        public var tokens: [Double]
        public var loss: [Double]

        public init(parameters: Double, batchTokens: Double, tokens: [Double], loss: [Double]) {
            self.parameters = parameters
            self.batchTokens = batchTokens
            self.tokens = tokens
            self.loss = loss
        }

        /// Tokens at which the running minimum of the loss first reaches `target`,
        /// interpolated in log tokens between the two points around the crossing.
        func tokensToReach(_ target: Double) -> Double? {
            var best = Double.infinity
            var previous: (tokens: Double, loss: Double)? = nil
            for (t, l) in zip(tokens, loss) where t > 0 && l.isFinite {
                let envelope = min(best, l)
                if envelope <= target {
                    guard let p = previous, p.loss > target, envelope < p.loss else { return t }
                    let w = (p.loss - target) / (p.loss - envelope)
                    return exp(log(p.tokens) + w * (log(t) - log(p.tokens)))
                }
                best = envelope
                previous = (t, envelope)
            }
            return nil
        }
    }

    /// One loss level of one model size: S_min, B_crit and the runs' steps.
    public struct Measurement: Sendable, Equatable {
        public var parameters: Double
        public var loss: Double
        public var minimumSteps: Double
        public var criticalBatch: Double
        public var runCount: Int
    }

    public var law: CriticalBatchLaw
    public var measurements: [Measurement]
    public var warnings: [String]
    /// The losses the fit saw.
    public var lossRange: ClosedRange<Double>

    /// Runs' indices by model size, smallest first: sizes within 2% of a group's smallest
    /// are one size.
    static func sizeGroups(_ parameters: [Double]) -> [[Int]] {
        var groups: [[Int]] = []
        for i in parameters.indices.sorted(by: { parameters[$0] < parameters[$1] }) {
            if let first = groups.last?.first, parameters[i] <= parameters[first] * 1.02 {
                groups[groups.count - 1].append(i)
            } else {
                groups.append([i])
            }
        }
        return groups
    }

    /// Whether `fit` can use each run: false only for a run with a finite positive size and
    /// batch whose size (as `fit` groups them) was trained at one batch only. A caller
    /// builds curves for the others alone (a study of one batch per size would copy every
    /// run's curve for nothing: 15 MiB at 10,000 runs, heaptrack, issue 16); leaving these
    /// runs out does not change the fit, since whole groups go (a group's bounds depend on
    /// its own smallest size only) and `fit` skips them.
    public static func usable(parameters: [Double], batchTokens: [Double]) -> [Bool] {
        var usable = Array(repeating: true, count: parameters.count)
        let valid = parameters.indices.filter {
            parameters[$0].isFinite && parameters[$0] > 0 && batchTokens[$0].isFinite && batchTokens[$0] > 0
        }
        for group in sizeGroups(valid.map { parameters[$0] }) {
            let members = group.map { valid[$0] }
            if InputValidation.distinctCount(members.map { batchTokens[$0] }) < 2 {
                for i in members { usable[i] = false }
            }
        }
        return usable
    }

    public static func fit(_ runs: [Run], levelsPerSize: Int = 8) throws(FitError) -> CriticalBatchFit {
        for (i, r) in runs.enumerated() {
            for (name, v) in [("parameters", r.parameters), ("batch (tokens per step)", r.batchTokens)] {
                guard v.isFinite else { throw .nonFiniteInput(quantity: name, index: i) }
                guard v > 0 else { throw .nonPositiveInput(quantity: name, index: i, value: v) }
            }
        }
        let groups = sizeGroups(runs.map(\.parameters))
        var measurements: [Measurement] = []
        var warnings: [String] = []
        var attempted = 0
        for group in groups {
            let size = NumberFormat.general(runs[group[0]].parameters, significant: 3)
            let batches = InputValidation.distinctCount(group.map { runs[$0].batchTokens })
            guard batches >= 2 else { continue }
            if batches == 2 { warnings.append("N = \(size): only 2 batch sizes; 3 or more check Eq. 5.1's shape") }
            // Losses every run of this size reaches, below where each run's first 5% of points
            // (warmup's transient) leave its running minimum.
            var upper = Double.infinity, lower = -Double.infinity
            for i in group {
                let finite = runs[i].loss.filter(\.isFinite)
                guard !finite.isEmpty else { upper = -Double.infinity; break }
                var envelope = finite
                for k in envelope.indices.dropFirst() { envelope[k] = min(envelope[k], envelope[k - 1]) }
                upper = min(upper, envelope[min(envelope.count - 1, envelope.count / 20)])
                lower = max(lower, envelope.last!)
            }
            guard upper > lower else {
                warnings.append("N = \(size): the runs at different batch sizes share no range of loss; left out")
                continue
            }
            for k in 0..<levelsPerSize {
                attempted += 1
                // Levels spread inside the shared range, clear of its ends.
                let target = upper - (upper - lower) * (Double(k) + 0.5) / Double(levelsPerSize)
                var x: [Double] = [], y: [Double] = []
                for i in group {
                    guard let t = runs[i].tokensToReach(target) else { continue }
                    x.append(1 / runs[i].batchTokens)
                    y.append(t / runs[i].batchTokens)
                }
                guard InputValidation.distinctCount(x) >= 2 else { continue }
                let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
                let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
                let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
                let slope = sxy / sxx, intercept = my - slope * mx
                guard intercept > 0, slope > 0 else { continue }
                measurements.append(Measurement(parameters: runs[group[0]].parameters, loss: target, minimumSteps: intercept,
                                                criticalBatch: slope / intercept, runCount: x.count))
            }
        }
        guard !measurements.isEmpty else {
            throw .tooFewPoints(model: "the critical-batch fit (runs of one size at two or more batch sizes, sharing a range of loss)",
                                have: 0, need: 2)
        }
        let losses = measurements.map(\.loss)
        guard InputValidation.distinctCount(losses) >= 2 else { throw .tooFewPoints(model: "B_crit(L)", have: 1, need: 2) }
        let line = try PowerLaw.fit(x: losses, y: measurements.map(\.criticalBatch), model: "B_crit(L)")
        guard line.exponent < 0 else {
            throw .noConvergence(model: "B_crit(L) = B*/L^(1/α_B): B_crit does not grow as the loss falls in these runs", starts: 1)
        }
        let law = CriticalBatchLaw(scale: line.coefficient, exponent: -1 / line.exponent)
        let skipped = measurements.count < attempted ? ["\(attempted - measurements.count) of \(attempted) loss levels gave no line with positive S_min and B_crit"] : []
        return CriticalBatchFit(law: law, measurements: measurements, warnings: warnings + skipped,
                                lossRange: losses.min()!...losses.max()!)
    }
}
