#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kaplan et al. 2020's compute-efficient frontier (Appendix B, Table 6; Eq. 1.3 and
/// Table 5 for the loss), with C_min in PF-days (1 PF-day = 8.64e19 FLOP) and N counting
/// non-embedding parameters. Efficient training stops about 10% above the converged loss
/// (B.5), so these are not Chinchilla-style "train to the budget" allocations.
public struct KaplanComputeFrontier: Sendable, Equatable {
    /// 1 PF-day in FLOPs.
    public static let flopsPerPetaflopDay = 8.64e19

    /// N_opt = 1.3e9 · C_min^0.73 (non-embedding parameters).
    public var parametersCoefficient = 1.3e9
    public var parametersExponent = 0.73
    /// D_opt = 2e10 · C_min^0.27 tokens (one epoch).
    public var tokensCoefficient = 2e10
    public var tokensExponent = 0.27
    /// B = 2.0e6 · C_min^0.24 tokens.
    public var batchCoefficient = 2.0e6
    public var batchExponent = 0.24
    /// S_min = 5.4e3 · C_min^0.03 steps.
    public var stepsCoefficient = 5.4e3
    public var stepsExponent = 0.03
    /// L(C_min) = (C_c^min/C_min)^α_C^min with C_c^min = 3.1e8 PF-days, α = 0.050 (Eq. 1.3).
    public var criticalPetaflopDays = 3.1e8
    public var lossExponent = 0.050

    public init() {}

    public static let kaplan2020 = KaplanComputeFrontier()

    public func petaflopDays(flops: Double) -> Double { flops / Self.flopsPerPetaflopDay }

    public func parameters(flops: Double) -> Double { parametersCoefficient * pow(petaflopDays(flops: flops), parametersExponent) }

    public func tokens(flops: Double) -> Double { tokensCoefficient * pow(petaflopDays(flops: flops), tokensExponent) }

    public func batchTokens(flops: Double) -> Double { batchCoefficient * pow(petaflopDays(flops: flops), batchExponent) }

    public func minimumSteps(flops: Double) -> Double { stepsCoefficient * pow(petaflopDays(flops: flops), stepsExponent) }

    public func loss(flops: Double) -> Double { pow(criticalPetaflopDays / petaflopDays(flops: flops), lossExponent) }

    /// C_min reaching `loss`: C_c·L^(−1/α_C), in FLOPs.
    public func flops(forLoss loss: Double) -> Double {
        criticalPetaflopDays * pow(loss, -1 / lossExponent) * Self.flopsPerPetaflopDay
    }
}
