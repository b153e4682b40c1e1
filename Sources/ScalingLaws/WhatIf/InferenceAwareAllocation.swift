#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sardana, Doubov & Frankle 2024 (arXiv 2401.00448, [S] in methods.md §7.1): among the
/// (N, D_tr) reaching a loss ℓ, the one that minimises training plus lifetime inference
/// FLOPs, 6·N·D_tr + 2·N·D_inf. Reduced to one dimension along the iso-loss curve
/// (our derivation, methods.md §7.1): D_tr(N) = (B/(ℓ − E − A·N^(−α)))^(1/β) for
/// N > N_min = (A/(ℓ − E))^(1/α).
public struct InferenceAwareAllocation: Sendable, Equatable {
    public var law: String
    public var targetLoss: Double
    public var inferenceTokens: Double
    public var parameters: Double
    public var trainingTokens: Double
    public var trainingFlops: Double
    /// 2·N·D_inf.
    public var inferenceFlops: Double
    public var totalFlops: Double
    /// The compute-optimal (Chinchilla) model reaching the same loss, with the same load.
    public var computeOptimalParameters: Double
    public var computeOptimalTrainingTokens: Double
    public var computeOptimalTotalFlops: Double
    /// computeOptimalTotalFlops − totalFlops ≥ 0.
    public var savedFlops: Double { computeOptimalTotalFlops - totalFlops }

    public static func solve(law name: String, _ law: ParametricLaw, targetLoss: Double,
                             inferenceTokens: Double) throws(WhatIfError) -> InferenceAwareAllocation {
        try WhatIfError.requirePositiveFinite(inferenceTokens, "inference tokens")
        guard let chinchillaFlops = law.flops(forLoss: targetLoss) else {
            throw WhatIfError("\(name): loss \(NumberFormat.general(targetLoss)) is at or below the irreducible loss E = \(NumberFormat.general(law.E))")
        }
        let minimumParameters = pow(law.A / (targetLoss - law.E), 1 / law.alpha)
        func trainingTokens(_ n: Double) -> Double {
            let gap = targetLoss - law.E - law.A * pow(n, -law.alpha)
            return gap > 0 ? pow(law.B / gap, 1 / law.beta) : .infinity
        }
        func total(_ n: Double) -> Double { 6 * n * trainingTokens(n) + 2 * n * inferenceTokens }
        let nOpt = law.allocation.optimalParameters(flops: chinchillaFlops)
        // Beyond what a Double holds the sum cannot be minimised (it would print nan%).
        guard (2 * minimumParameters * inferenceTokens).isFinite, (2 * nOpt * inferenceTokens).isFinite else {
            throw WhatIfError("\(name): \(NumberFormat.general(inferenceTokens)) inference tokens put the inference compute "
                              + "2·N·D_inf beyond \(NumberFormat.general(.greatestFiniteMagnitude)) FLOPs; give fewer inference tokens")
        }
        // The optimum lies between N_min and the compute-optimal size: inference only ever
        // pushes towards smaller models.
        let best = LogSpaceMinimizer.minimize(total, over: (minimumParameters * (1 + 1e-9))...(nOpt * 1.000001))
        let dOpt = law.allocation.optimalTokens(flops: chinchillaFlops)
        let d = trainingTokens(best.x)
        return InferenceAwareAllocation(
            law: name, targetLoss: targetLoss, inferenceTokens: inferenceTokens,
            parameters: best.x, trainingTokens: d, trainingFlops: 6 * best.x * d,
            inferenceFlops: 2 * best.x * inferenceTokens, totalFlops: best.value,
            computeOptimalParameters: nOpt, computeOptimalTrainingTokens: dOpt,
            computeOptimalTotalFlops: 6 * nOpt * dOpt + 2 * nOpt * inferenceTokens)
    }
}
