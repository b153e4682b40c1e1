#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An allocation given as two power laws in compute, N_opt = k_N·C^a and D_opt = k_D·C^b:
/// what Chinchilla's Approaches 1 and 2 fit (Hoffmann et al. 2022, §3.1–3.2) and what
/// DeepSeek publishes (methods.md §6.1). Nothing forces 6·N_opt·D_opt = C; `tokens(flops:)`
/// is the fitted D law, not C/(6N).
public struct PowerLawAllocation: Sendable, Equatable {
    public var parametersCoefficient: Double
    public var parametersExponent: Double
    public var tokensCoefficient: Double
    public var tokensExponent: Double

    public init(parametersCoefficient: Double, parametersExponent: Double,
                tokensCoefficient: Double, tokensExponent: Double) {
        self.parametersCoefficient = parametersCoefficient
        self.parametersExponent = parametersExponent
        self.tokensCoefficient = tokensCoefficient
        self.tokensExponent = tokensExponent
    }

    /// From the fitted lines of an envelope (Approach 1) or of IsoFLOP vertices (Approach 2).
    public init(parameters: PowerLaw, tokens: PowerLaw) {
        self.init(parametersCoefficient: parameters.coefficient, parametersExponent: parameters.exponent,
                  tokensCoefficient: tokens.coefficient, tokensExponent: tokens.exponent)
    }

    /// DeepSeek LLM's IsoFLOP fit on its "current" data (arXiv 2401.02954, §3.2):
    /// M_opt = 0.1715·C^0.5243, D_opt = 5.8316·C^0.4757. M is non-embedding FLOPs per token
    /// (≈ 6N plus attention), not parameters: divide by 6 for a parameter count.
    public static let deepSeekLLM2024 = PowerLawAllocation(
        parametersCoefficient: 0.1715 / 6, parametersExponent: 0.5243,
        tokensCoefficient: 5.8316, tokensExponent: 0.4757)

    public func parameters(flops: Double) -> Double { parametersCoefficient * pow(flops, parametersExponent) }

    public func tokens(flops: Double) -> Double { tokensCoefficient * pow(flops, tokensExponent) }
}
