/// The nonparametric bootstrap over whole runs (methods.md §9.5), seeded and reproducible:
/// replicate k draws from its own SplitMix64 stream derived from (seed, k), so results do
/// not depend on the order replicates are computed in.
public struct Bootstrap: Sendable {
    public var samples: Int
    public var seed: UInt64
    public var level: Double

    public init(samples: Int, seed: UInt64 = 0, level: Double = 0.95) {
        self.samples = samples
        self.seed = seed
        self.level = level
    }

    /// Refit `statistic` on each replicate (the point indices drawn, with repeats).
    /// A replicate whose refit throws or returns non-finite values is counted as failed.
    public func run(plan: ResamplingPlan, names: [String],
                    statistic: ([Int]) throws -> [String: Double]) -> BootstrapSummary {
        var replicates: [String: [Double]] = Dictionary(uniqueKeysWithValues: names.map { ($0, []) })
        var failed = 0
        for k in 0..<samples {
            var rng = SplitMix64(seed: Self.streamSeed(seed, k))
            let draw = plan.draw(&rng)
            guard let values = try? statistic(draw),
                  names.allSatisfy({ values[$0]?.isFinite == true }) else { failed += 1; continue }
            for name in names { replicates[name]!.append(values[name]!) }
        }
        return BootstrapSummary(requested: samples, failed: failed, seed: seed, level: level,
                                names: names, replicates: replicates)
    }

    /// An independent stream per replicate: SplitMix64's output for (seed, k).
    static func streamSeed(_ seed: UInt64, _ k: Int) -> UInt64 {
        var g = SplitMix64(seed: seed ^ (UInt64(k) &* 0xD1B5_4A32_D192_ED03))
        return g.next()
    }
}
