/// The nonparametric bootstrap over whole runs (methods.md §9.5), seeded and reproducible:
/// replicate k draws from its own SplitMix64 stream derived from (seed, k), so results do
/// not depend on the order, or the thread, replicates are computed on.
public struct Bootstrap: Sendable {
    public var samples: Int
    public var seed: UInt64
    public var level: Double
    /// Worker threads for the refits; 0 means one per online core.
    public var threads: Int
    /// Counts replicates as they finish (stage "bootstrap"), for a progress display.
    public var progress: ProgressCounter?

    public init(samples: Int, seed: UInt64 = 0, level: Double = 0.95, threads: Int = 0) {
        self.samples = samples
        self.seed = seed
        self.level = level
        self.threads = threads
    }

    /// Refit `statistic` on each replicate (the point indices drawn, with repeats).
    /// A replicate whose refit throws or returns non-finite values is counted as failed.
    public func run(plan: ResamplingPlan, names: [String],
                    statistic: @escaping @Sendable ([Int]) throws -> [String: Double]) -> BootstrapSummary {
        let seed = self.seed
        return run(names: names) { k in try statistic(Self.draw(plan, seed: seed, replicate: k)) }
    }

    /// Replicate `k`'s draw: the points `run(plan:…)` hands its statistic for replicate `k`.
    public func draw(_ plan: ResamplingPlan, replicate k: Int) -> [Int] {
        Self.draw(plan, seed: seed, replicate: k)
    }

    private static func draw(_ plan: ResamplingPlan, seed: UInt64, replicate k: Int) -> [Int] {
        var rng = SplitMix64(seed: streamSeed(seed, k))
        return plan.draw(&rng)
    }

    /// `statistic` of each replicate by its number, for a caller that keeps what it needs of
    /// the replicates' draws (`draw(_:replicate:)`) instead of drawing them again.
    public func run(names: [String], statistic: @escaping @Sendable (Int) throws -> [String: Double]) -> BootstrapSummary {
        let count = max(0, samples)
        let seed = self.seed
        let progress = self.progress
        progress?.begin("bootstrap", total: count)
        let results: [[Double]?] = ParallelMap.map(count, threads: threads) { k in
            defer { progress?.advance() }
            guard let values = try? statistic(k), names.allSatisfy({ values[$0]?.isFinite == true }) else { return nil }
            return names.map { values[$0]! }
        }
        var replicates: [String: [Double]] = Dictionary(uniqueKeysWithValues: names.map { ($0, []) })
        var failed = 0
        for k in 0..<count {
            guard let values = results[k] else { failed += 1; continue }
            for (j, name) in names.enumerated() { replicates[name]!.append(values[j]) }
        }
        return BootstrapSummary(requested: count, failed: failed, seed: seed, level: level,
                                names: names, replicates: replicates)
    }

    /// An independent stream per replicate: SplitMix64's output for (seed, k).
    static func streamSeed(_ seed: UInt64, _ k: Int) -> UInt64 {
        var g = SplitMix64(seed: seed ^ (UInt64(k) &* 0xD1B5_4A32_D192_ED03))
        return g.next()
    }
}
