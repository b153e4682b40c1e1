import Glibc
import ScalingLaws

/// Uncertainty of N_opt(C) = k·C^a from the IsoFLOP vertices. Resampling runs within a
/// budget (as `IsoFLOPAnalysis.bootstrap` does for a study of shared budgets) fails for
/// budgets of three to five sizes, where a draw with repeats leaves too few distinct
/// sizes for a parabola. So each replicate instead moves every vertex log N* by its own
/// delta-method standard error times a normal draw (the parabola's uncertainty) and, with
/// four budgets or more, also resamples the budgets (the spread between budgets), then
/// refits the line. Seeded: the same study gives the same band.
enum VertexBootstrap {
    struct Replicate {
        var exponent: Double
        var logCoefficient: Double
    }

    static func run(_ profiles: [IsoFLOPProfile], samples: Int, seed: UInt64) -> [Replicate] {
        guard profiles.count >= 2 else { return [] }
        var rng = SplitMix64(seed: seed)
        var out: [Replicate] = []
        for _ in 0..<samples {
            let picks = profiles.count >= 4 ? (0..<profiles.count).map { _ in rng.index(below: profiles.count) }
                                            : Array(profiles.indices)
            guard Set(picks).count >= 2 else { continue }
            let c = picks.map { profiles[$0].flops }
            let n = picks.map { k -> Double in
                let p = profiles[k]
                return exp(log(p.optimalParameters) + (p.logOptimalParametersStandardError ?? 0) * normal(&rng))
            }
            guard let law = try? PowerLaw.fit(x: c, y: n, model: "N*(C) replicate"), law.exponent.isFinite else { continue }
            out.append(Replicate(exponent: law.exponent, logCoefficient: log(law.coefficient)))
        }
        return out
    }

    /// A standard normal draw (Box–Muller), written out so it is the same on every machine.
    static func normal(_ rng: inout SplitMix64) -> Double {
        let u1 = (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992
        let u2 = Double(rng.next() >> 11) / 9_007_199_254_740_992
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
