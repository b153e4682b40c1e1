/// Percentile summaries of bootstrap replicates, per named quantity.
public struct BootstrapSummary: Sendable, Equatable {
    public struct Estimate: Sendable, Equatable {
        public var mean: Double
        public var standardError: Double
        /// Percentile interval at `level` (numpy's linear interpolation, type 7).
        public var interval: ClosedRange<Double>
    }

    public var requested: Int
    /// Replicates whose refit failed (not identifiable, no convergence); left out.
    public var failed: Int
    public var seed: UInt64
    public var level: Double
    public var names: [String]
    public var estimates: [String: Estimate]
    /// Raw replicate values per name, in replicate order.
    public var replicates: [String: [Double]]

    public init(requested: Int, failed: Int, seed: UInt64, level: Double, names: [String], replicates: [String: [Double]]) {
        self.requested = requested
        self.failed = failed
        self.seed = seed
        self.level = level
        self.names = names
        self.replicates = replicates
        var estimates: [String: Estimate] = [:]
        for name in names {
            let values = (replicates[name] ?? []).filter(\.isFinite)
            guard values.count >= 2 else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            let sorted = values.sorted()
            let tail = (1 - level) / 2
            estimates[name] = Estimate(mean: mean, standardError: variance.squareRoot(),
                                       interval: Percentile.of(sorted: sorted, tail)...Percentile.of(sorted: sorted, 1 - tail))
        }
        self.estimates = estimates
    }

}
