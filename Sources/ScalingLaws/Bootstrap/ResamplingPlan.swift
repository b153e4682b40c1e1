/// How to draw one bootstrap replicate: whole runs (clusters of points) with replacement,
/// optionally within strata such as IsoFLOP budgets (methods.md §9.5).
public struct ResamplingPlan: Sendable, Equatable {
    /// Point indices of each run. A run's checkpoints are never split.
    public var clusters: [[Int]]
    /// Cluster indices of each stratum; resampling happens within each stratum so none
    /// disappears. One stratum holding every cluster when not stratified.
    public var strata: [[Int]]

    public init(clusters: [[Int]], strata: [[Int]]? = nil) {
        self.clusters = clusters
        self.strata = strata ?? [Array(clusters.indices)]
    }

    /// Every point its own run (a table of final losses: one point per run).
    public static func independentPoints(_ count: Int) -> ResamplingPlan {
        ResamplingPlan(clusters: (0..<count).map { [$0] })
    }

    /// Clusters from a run label per point.
    public static func runs(_ runOfPoint: [Int], strataOfRun: [Int]? = nil) -> ResamplingPlan {
        var order: [Int: Int] = [:]
        var clusters: [[Int]] = []
        var labels: [Int] = []
        for (i, run) in runOfPoint.enumerated() {
            if let k = order[run] { clusters[k].append(i) } else {
                order[run] = clusters.count
                clusters.append([i])
                labels.append(run)
            }
        }
        guard let strataOfRun else { return ResamplingPlan(clusters: clusters) }
        var strata: [Int: [Int]] = [:]
        var strataOrder: [Int] = []
        for (k, run) in labels.enumerated() {
            let s = strataOfRun[run]
            if strata[s] == nil { strataOrder.append(s) }
            strata[s, default: []].append(k)
        }
        return ResamplingPlan(clusters: clusters, strata: strataOrder.map { strata[$0]! })
    }

    public var pointCount: Int { clusters.reduce(0) { $0 + $1.count } }

    /// One replicate: the point indices drawn, with repeats.
    public func draw(_ rng: inout SplitMix64) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(pointCount)
        // Runs of one point each (the frontier's resampling): the same draws without
        // appending a one-element array per point, which at 10,000 runs was most of a
        // live frontier refit (perf).
        if clusters.allSatisfy({ $0.count == 1 }) {
            for stratum in strata {
                for _ in stratum.indices { out.append(clusters[stratum[rng.index(below: stratum.count)]][0]) }
            }
            return out
        }
        for stratum in strata {
            for _ in stratum.indices {
                out += clusters[stratum[rng.index(below: stratum.count)]]
            }
        }
        return out
    }

    /// Multiplicity of each point in a draw (a resample is a weighting of the full data).
    public func multiplicities(of draw: [Int]) -> [Double] {
        var w = [Double](repeating: 0, count: pointCount)
        for i in draw { w[i] += 1 }
        return w
    }
}
