import Foundation
import RunIngest

/// One run reduced to what tables and fits need: a value, cheap to copy to the fit thread.
public struct RunSummary: Sendable, Equatable {
    public var id: String
    /// Raw name from the file system: sanitise before drawing.
    public var name: String
    public var parameters: Double?
    /// Tokens seen so far, and planned in total.
    public var tokens: Double?
    public var plannedTokens: Double? {
        didSet { planning = Self.planning(plannedTokens: plannedTokens, hyperparameters: hyperparameters) }
    }
    /// Training compute so far (C ≈ 6ND unless the log or metadata says otherwise).
    public var flops: Double?
    public var lastStep: Int?
    public var lastLoss: Double?
    /// The loss the fits use: the mean of the curve's tail (see `tailMeanLoss`), so one
    /// noisy last point does not move a parabola's vertex.
    public var finalLoss: Double?
    public var pointCount: Int
    public var status: RunStatus
    /// How the run failed, when its writer recorded a failure (then `status` is stale).
    public var failure: String?
    public var issueCount: Int
    public var hyperparameters: [String: String] {
        didSet { planning = Self.planning(plannedTokens: plannedTokens, hyperparameters: hyperparameters) }
    }
    /// What the planning fits read from the hyperparameters (vocabulary, width, QAT), worked
    /// out once per summary instead of for every run at every refit (issue 16's profile).
    public private(set) var planning: PlanningMetadata
    /// Metadata fields that are missing for every axis and fit to work.
    public var missing: [String]
    /// The curve as (compute, loss), thinned to at most `curveSamples` points evenly spaced
    /// in log compute: what IsoFLOP slices read a size's loss at a budget from.
    public var flopsCurve: [CurvePoint]
    public static let curveSamples = 128
    /// Tokens per optimiser step (the batch), for the critical-batch fit.
    public var tokensPerStep: Double?

    public struct CurvePoint: Sendable, Equatable {
        public var flops: Double
        public var loss: Double
        public init(flops: Double, loss: Double) {
            self.flops = flops
            self.loss = loss
        }
    }

    public init(id: String, name: String, parameters: Double? = nil, tokens: Double? = nil,
                plannedTokens: Double? = nil, flops: Double? = nil, lastStep: Int? = nil,
                lastLoss: Double? = nil, finalLoss: Double? = nil, pointCount: Int = 0,
                status: RunStatus = .live, issueCount: Int = 0, hyperparameters: [String: String] = [:],
                missing: [String] = [], flopsCurve: [CurvePoint] = []) {
        self.id = id
        self.name = name
        self.parameters = parameters
        self.tokens = tokens
        self.plannedTokens = plannedTokens
        self.flops = flops
        self.lastStep = lastStep
        self.lastLoss = lastLoss
        self.finalLoss = finalLoss
        self.pointCount = pointCount
        self.status = status
        self.issueCount = issueCount
        self.hyperparameters = hyperparameters
        self.missing = missing
        self.flopsCurve = flopsCurve
        planning = Self.planning(plannedTokens: plannedTokens, hyperparameters: hyperparameters)
    }

    private static func planning(plannedTokens: Double?, hyperparameters: [String: String]) -> PlanningMetadata {
        PlanningMetadata(RunMetadata(plannedTokens: plannedTokens, hyperparameters: hyperparameters))
    }

    /// Summarise `run` at wall-clock time `now` (seconds since the epoch). A run whose files
    /// have not changed for `staleAfterSeconds` and that has not reached its planned end is
    /// stale, and so is one whose writer recorded a failure.
    /// `includeCurve` thins the whole curve for the IsoFLOP slices (a pass over every point:
    /// the fit thread does it, the table does not need it).
    public init(run: Run, now: Double, staleAfterSeconds: Double = 600, issueCount: Int = 0, includeCurve: Bool = true) {
        let last = run.points.last
        let status = RunSummary.status(of: run, now: now, staleAfterSeconds: staleAfterSeconds)
        self.init(id: run.id, name: run.name, parameters: run.metadata.parameters,
                  tokens: last.flatMap { run.tokens(at: $0) }, plannedTokens: run.metadata.plannedTokens,
                  flops: last.flatMap { run.flops(at: $0) }, lastStep: last?.step, lastLoss: last?.loss,
                  finalLoss: RunSummary.tailMeanLoss(run.points), pointCount: run.points.count,
                  status: status, issueCount: issueCount, hyperparameters: run.metadata.hyperparameters,
                  missing: run.metadata.missingFields, flopsCurve: includeCurve ? RunSummary.thinnedFlopsCurve(run) : [])
        tokensPerStep = run.metadata.tokensPerStep
        failure = run.failure
    }

    /// Where `run` is in its life at wall-clock time `now`: the only part of a summary that
    /// changes with time alone.
    public static func status(of run: Run, now: Double, staleAfterSeconds: Double = 600) -> RunStatus {
        timelessStatus(of: run) ?? status(lastModified: run.lastModified, now: now, staleAfterSeconds: staleAfterSeconds)
    }

    /// The status the clock cannot change (waiting, finished, failed), which stands while
    /// the run does not change; nil for a run that is live or stale by the clock.
    static func timelessStatus(of run: Run) -> RunStatus? {
        if run.points.isEmpty { return .waiting }
        if run.isFinished { return .finished }
        // A run its writer recorded as failed will not move again.
        if run.failure != nil { return .stale }
        return nil
    }

    /// Live, or stale when its files last changed more than `staleAfterSeconds` ago.
    static func status(lastModified: Double?, now: Double, staleAfterSeconds: Double) -> RunStatus {
        if let modified = lastModified, now - modified > staleAfterSeconds { return .stale }
        return .live
    }

    /// At most `curveSamples` points of (compute, loss), the last point of each log-compute
    /// bucket, and always the final point.
    ///
    /// Read from the columns, and a point's logarithm taken only when it may be in a new
    /// bucket: while compute rises and stays under the next bucket's start (less a margin of
    /// 1e-9 in log space, far above the roundings of `log`, `exp` and the division, ~1e-13),
    /// the bucket is the last one. Why: the fit thread summarises every run once a study is
    /// loaded, and building each point and taking its logarithm kept it busy 5 s after 1,000
    /// runs × 100,000 points had loaded (perf, issue 16).
    static func thinnedFlopsCurve(_ run: Run) -> [CurvePoint] {
        let points = run.points
        func flops(_ i: Int) -> Double? { run.x(.flops, atPosition: i, of: points) }
        guard let first = points.indices.first(where: { (flops($0) ?? 0) > 0 }),
              let last = points.indices.last(where: { flops($0) != nil }),
              let c0 = flops(first), let c1 = flops(last), c1 > c0 else { return [] }
        let (l0, width) = (log(c0), (log(c1) - log(c0)) / Double(curveSamples))
        // Compute rising by less than `log` can tell (c1 = c0's next double) has no buckets.
        guard width > 0 else { return [] }
        func bucket(_ c: Double) -> Int {
            // Truncated toward zero, as it always was; clamped so that a point far outside
            // [c0, c1] of a tiny span is a far bucket, not an integer overflow's trap.
            let q = (log(c) - l0) / width
            return q >= Double(curveSamples - 1) ? curveSamples - 1 : Int(max(q, -0x1p60))
        }
        var out: [CurvePoint] = []
        var current = -1
        // The bucket of `low` is `current`; every c in [low, below) is in it too. (Buckets
        // below c0's are truncated toward zero, so their upper edge is not where the next
        // one starts: they are rare, and every point in one takes its logarithm.)
        var (low, below) = (Double.infinity, -Double.infinity)
        for i in points.indices {
            let loss = points.loss(at: i)
            guard loss.isFinite && loss > 0, let c = flops(i), c > 0 else { continue }
            let b: Int
            if c >= low && c < below {
                b = current
            } else {
                b = bucket(c)
                low = c
                below = b == curveSamples - 1 ? .infinity : b < 0 ? -.infinity : exp(l0 + Double(b + 1) * width - 1e-9)
            }
            let point = CurvePoint(flops: c, loss: loss)
            if b == current { out[out.count - 1] = point } else { out.append(point); current = b }
        }
        return out
    }

    /// Mean loss of the last 2% of points (at least 1, at most 20). Evaluation-loss logs
    /// have few, smooth points, so this is the last point; a noisy training loss logged
    /// every step is averaged over its last 20.
    public static func tailMeanLoss<Points: BidirectionalCollection>(_ points: Points) -> Double?
        where Points.Element == MetricPoint {
        guard !points.isEmpty else { return nil }
        let count = min(20, max(1, points.count / 50))
        var sum = 0.0, used = 0
        for p in points.suffix(count) where p.loss.isFinite {
            sum += p.loss
            used += 1
        }
        return used > 0 ? sum / Double(used) : nil
    }

    /// Compute per run at its planned end: what an IsoFLOP budget groups by.
    public var plannedFlops: Double? {
        guard let planned = plannedTokens, let tokens, tokens > 0, let flops else { return nil }
        let scaled = flops * planned / tokens
        return scaled.isFinite ? scaled : nil  // an overflow is no budget (see Run's axes)
    }

    /// A numeric value this run has for a filter key: built-in quantities first (N, D,
    /// loss, step, C), then any hyperparameter that parses as a number.
    public func value(forKey key: String) -> Double? {
        switch key.lowercased() {
        case "n", "params", "parameters": return parameters
        case "d", "tokens": return tokens
        case "planned", "planned_tokens": return plannedTokens
        case "c", "flops", "compute": return flops
        case "loss": return lastLoss
        case "step", "steps": return lastStep.map(Double.init)
        case "points": return Double(pointCount)
        case "errors": return Double(issueCount)
        default: break
        }
        if let text = hyperparameters[key] ?? hyperparameters.first(where: { $0.key.lowercased() == key.lowercased() })?.value {
            return Double(text.trimmingCharacters(in: .whitespaces))
        }
        if key.lowercased() == "lr" {
            for candidate in ["learning_rate", "learning_rate_peak", "lr_peak", "max_lr"] {
                if let text = hyperparameters[candidate], let v = Double(text) { return v }
            }
        }
        return nil
    }
}
