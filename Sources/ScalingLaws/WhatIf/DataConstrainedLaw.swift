#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Muennighoff et al. 2023's data-constrained scaling law (arXiv 2305.16264, Eq. 5–7;
/// constants from the datablations README, methods.md §7.2 [P+R]): repeated tokens and
/// parameters in excess of what the unique data supports are worth exponentially less.
///
///     D' = U_D + U_D·R_D*·(1 − e^(−R_D/R_D*)),   R_D = D/U_D − 1
///     N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)),   U_N = min(N, N_opt(U_D)),  R_N = N/U_N − 1
///     L  = E + A/N'^α + B/D'^β
public struct DataConstrainedLaw: Sendable, Equatable {
    public var base: ParametricLaw
    /// R_D*: repetitions after which repeated data has lost 1 − 1/e of its value.
    public var repetitionDecay: Double
    /// R_N*: the same for excess parameters.
    public var excessParameterDecay: Double

    public init(base: ParametricLaw, repetitionDecay: Double = 15.387756, excessParameterDecay: Double = 5.309743) {
        self.base = base
        self.repetitionDecay = repetitionDecay
        self.excessParameterDecay = excessParameterDecay
    }

    /// The README's fit: log A = 6.255414, log B = 7.3049974, log E = 0.6254804,
    /// α = β = 0.3526596, R_D* = 15.387756, R_N* = 5.309743.
    public static let muennighoff2023 = DataConstrainedLaw(
        base: ParametricLaw(E: exp(0.6254804), A: exp(6.255414), B: exp(7.3049974), alpha: 0.3526596, beta: 0.3526596),
        repetitionDecay: 15.387756, excessParameterDecay: 5.309743)

    /// D' for `tokens` drawn from `uniqueTokens` (all unique when tokens ≤ unique tokens).
    public func effectiveTokens(tokens: Double, uniqueTokens: Double) -> Double {
        let u = min(tokens, uniqueTokens)
        let repetitions = tokens / u - 1
        return u + u * repetitionDecay * (1 - exp(-repetitions / repetitionDecay))
    }

    /// N' for `parameters` given the unique data: parameters beyond N_opt(U_D) =
    /// G·(G·U_D)^(β/α) (the reference code's D_to_N) decay like repeated tokens.
    public func effectiveParameters(parameters: Double, uniqueTokens: Double) -> Double {
        let g = base.allocation.G
        let supported = g * pow(g * uniqueTokens, base.beta / base.alpha)
        let u = min(parameters, supported)
        let excess = parameters / u - 1
        return u + u * excessParameterDecay * (1 - exp(-excess / excessParameterDecay))
    }

    public func loss(parameters: Double, tokens: Double, uniqueTokens: Double) -> Double {
        let uD = min(tokens, uniqueTokens)
        return base.loss(parameters: effectiveParameters(parameters: parameters, uniqueTokens: uD),
                         tokens: effectiveTokens(tokens: tokens, uniqueTokens: uniqueTokens))
    }

    /// The best split of `flops` with `uniqueTokens` of unique data: no closed form, so
    /// minimise L(N, C/(6N), U) over log N (methods.md §7.2).
    public func optimalAllocation(flops: Double, uniqueTokens: Double) -> DataConstrainedAllocation {
        let free = base.allocation.optimalParameters(flops: flops)
        let f = { (n: Double) in loss(parameters: n, tokens: flops / (6 * n), uniqueTokens: uniqueTokens) }
        let best = LogSpaceMinimizer.minimize(f, over: (free * 1e-4)...(free * 1e2))
        let tokens = flops / (6 * best.x)
        return DataConstrainedAllocation(
            flops: flops, uniqueTokens: uniqueTokens, parameters: best.x, tokens: tokens,
            epochs: tokens / uniqueTokens,
            effectiveTokens: effectiveTokens(tokens: tokens, uniqueTokens: uniqueTokens),
            loss: best.value,
            unconstrainedParameters: free,
            unconstrainedLoss: base.optimalLoss(flops: flops))
    }
}
