#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chinchilla's parametric loss L̂(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 2),
/// with the closed forms of methods.md §2.3.
public struct ParametricLaw: Sendable, Equatable {
    /// Irreducible loss (nats/token).
    public var E: Double
    public var A: Double
    public var B: Double
    /// Exponent of model size.
    public var alpha: Double
    /// Exponent of training tokens.
    public var beta: Double

    public init(E: Double, A: Double, B: Double, alpha: Double, beta: Double) {
        self.E = E
        self.A = A
        self.B = B
        self.alpha = alpha
        self.beta = beta
    }

    /// From the log-space parameters of the fit: (log A, log B, log E, α, β).
    public init(logParameters p: [Double]) {
        self.init(E: exp(p[2]), A: exp(p[0]), B: exp(p[1]), alpha: p[3], beta: p[4])
    }

    /// The paper body's rounded values (Hoffmann et al. 2022, §3.3).
    public static let chinchillaRounded = ParametricLaw(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)
    /// The unrounded values from the paper's TeX source, as quoted by Epoch.
    public static let chinchillaUnrounded = ParametricLaw(
        E: exp(0.5267228), A: exp(6.0073404), B: exp(6.0179186), alpha: 0.33917084, beta: 0.2849083)
    /// Epoch AI's refit (Besiroglu et al. 2024).
    public static let epoch2024 = ParametricLaw(E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658)

    /// (log A, log B, log E, α, β): the order the optimiser uses.
    public var logParameters: [Double] { [log(A), log(B), log(E), alpha, beta] }

    public func loss(parameters: Double, tokens: Double) -> Double {
        E + A * pow(parameters, -alpha) + B * pow(tokens, -beta)
    }

    /// Eq. 4: G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β).
    public var allocation: ComputeAllocation {
        let s = alpha + beta
        return ComputeAllocation(G: pow(alpha * A / (beta * B), 1 / s), a: beta / s, b: alpha / s)
    }

    /// Exponent of the loss frontier in compute: γ = αβ/(α+β).
    public var frontierExponent: Double { alpha * beta / (alpha + beta) }

    /// K in L_opt(C) = E + K·(C/6)^(−γ): K = A·G^(−α) + B·G^β.
    public var frontierCoefficient: Double {
        let g = allocation.G
        return A * pow(g, -alpha) + B * pow(g, beta)
    }

    /// Loss of the compute-optimal model at `flops`.
    public func optimalLoss(flops: Double) -> Double {
        E + frontierCoefficient * pow(flops / 6, -frontierExponent)
    }

    /// Compute needed for the optimal model to reach `loss`; nil when loss ≤ E.
    public func flops(forLoss loss: Double) -> Double? {
        guard loss > E else { return nil }
        return 6 * pow((loss - E) / frontierCoefficient, -1 / frontierExponent)
    }

    /// Tokens a model of `parameters` needs to reach `loss`; nil when it never can.
    public func tokens(toReachLoss loss: Double, parameters: Double) -> Double? {
        let gap = loss - E - A * pow(parameters, -alpha)
        guard gap > 0 else { return nil }
        return pow(B / gap, 1 / beta)
    }

    /// Extra loss from using N = k·N_opt at a fixed budget (methods.md §2.3).
    public func lossPenalty(sizeRatio k: Double, flops: Double) -> Double {
        let alloc = allocation
        let n = alloc.optimalParameters(flops: flops), d = alloc.optimalTokens(flops: flops)
        return A * pow(n, -alpha) * (pow(k, -alpha) - 1) + B * pow(d, -beta) * (pow(k, beta) - 1)
    }
}
