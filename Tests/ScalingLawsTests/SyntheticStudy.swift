#if canImport(Glibc)
import Glibc
#endif
@testable import ScalingLaws

/// Points drawn from a known L(N, D) for truth-recovery tests: a sizes × sizes grid of N over
/// 5e7–1.6e10 and D over 1e9–3.2e11 (2.5 decades each), with log-normal noise.
enum SyntheticStudy {
    static func grid(_ law: ParametricLaw, sizes: Int, noise: Double = 0.01, seed: UInt64) -> [LossObservation] {
        var rng = SplitMix64(seed: seed)
        // Box–Muller from two uniform draws.
        func gaussian() -> Double {
            let u1 = (Double(rng.next() >> 11) + 0.5) / 9007199254740992, u2 = Double(rng.next() >> 11) / 9007199254740992
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        var points: [LossObservation] = []
        for i in 0..<sizes { for j in 0..<sizes {
            let n = 5e7 * pow(10, Double(i) / Double(sizes - 1) * 2.5), d = 1e9 * pow(10, Double(j) / Double(sizes - 1) * 2.5)
            points.append(LossObservation(parameters: n, tokens: d, loss: law.loss(parameters: n, tokens: d) * exp(noise * gaussian())))
        }}
        return points
    }
}
