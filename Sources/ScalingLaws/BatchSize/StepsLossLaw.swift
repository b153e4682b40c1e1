#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loss against model size and steps, Kaplan et al. 2020 (arXiv 2001.08361, Eq. 1.6/5.6,
/// Table 3), with steps counted at B ≫ B_crit:
///
///     L(N, S_min) = (N_c/N)^α_N + (S_c/S_min)^α_S      α_N = 0.077, α_S = 0.76, N_c = 6.5e13, S_c = 2.1e3
///
/// Combined with S_min = S/(1 + B_crit(L)/B) (Eq. 5.4) it gives the whole loss curve of a run
/// at any constant batch B: L solves L = (N_c/N)^α_N + (S_c·(1 + B_crit(L)/B)/S)^α_S. Su et
/// al. 2024 (*Unraveling the Mystery of Scaling Laws: Part I*, arXiv 2403.06563) confirm this
/// form up to 33B parameters and estimate its constants from 1M–60M-parameter models of
/// their own (abstract); their constants are not reproduced here, Kaplan's are.
public struct StepsLossLaw: Sendable, Equatable {
    public var parameterScale: Double
    public var parameterExponent: Double
    public var stepScale: Double
    public var stepExponent: Double
    public var criticalBatch: CriticalBatchLaw

    public init(parameterScale: Double, parameterExponent: Double, stepScale: Double, stepExponent: Double,
                criticalBatch: CriticalBatchLaw) {
        self.parameterScale = parameterScale
        self.parameterExponent = parameterExponent
        self.stepScale = stepScale
        self.stepExponent = stepExponent
        self.criticalBatch = criticalBatch
    }

    /// Kaplan et al. 2020, Tables 3 and 5 (N non-embedding, WebText2 nats).
    public static let kaplan2020 = StepsLossLaw(parameterScale: 6.5e13, parameterExponent: 0.077, stepScale: 2.1e3,
                                                stepExponent: 0.76, criticalBatch: .kaplan2020)

    /// The converged loss L(N, ∞).
    public func convergedLoss(parameters n: Double) -> Double { pow(parameterScale / n, parameterExponent) }

    /// L(N, S_min).
    public func loss(parameters n: Double, minimumSteps s: Double) -> Double {
        convergedLoss(parameters: n) + pow(stepScale / s, stepExponent)
    }

    /// The loss after S steps at constant batch B tokens: the root of L − L(N, S_min(S, B, L)),
    /// which increases in L, found by bisection.
    public func loss(parameters n: Double, steps s: Double, batch b: Double) -> Double {
        let floor = convergedLoss(parameters: n)
        func excess(_ l: Double) -> Double {
            l - floor - pow(stepScale * (1 + criticalBatch.criticalBatch(loss: l) / b) / s, stepExponent)
        }
        var lo = floor * (1 + 1e-12), hi = floor + pow(stepScale * (1 + criticalBatch.criticalBatch(loss: lo) / b) / s, stepExponent)
        guard excess(hi) >= 0 else { return hi }
        for _ in 0..<200 where hi - lo > 1e-13 * hi {
            let mid = (lo + hi) / 2
            if excess(mid) < 0 { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Appendix B.3: training to (1 + f)·L(N, ∞) instead of (1 + f′)·L(N, ∞) for the same loss
    /// needs N_f/N_f′ = ((1+f)/(1+f′))^(1/α_N) parameters, S_f/S_f′ = ((1+1/f)/(1+1/f′))^(1/α_S)
    /// steps and the product in compute (B.12–B.14).
    public func convergenceTradeoff(f: Double, fPrime: Double) -> (parameters: Double, steps: Double, compute: Double) {
        let n = pow((1 + f) / (1 + fPrime), 1 / parameterExponent)
        let s = pow((1 + 1 / f) / (1 + 1 / fPrime), 1 / stepExponent)
        return (n, s, n * s)
    }

    /// B.5: compute-efficient training stops α_N/α_S above the converged loss.
    public var efficientStoppingExcess: Double { parameterExponent / stepExponent }
}
