#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Step Law (Li et al. 2025, *Predictable Scale: Part I*, arXiv 2503.04715; methods.md §6.2,
/// constants [S]: several secondary sources agree, the paper was read at abstract level):
///
///     η_opt(N, D) = 1.79 · N^(−0.713) · D^(0.307)        B_opt(D) = 0.58 · D^(0.571) tokens
///
/// N non-embedding parameters, D training tokens; AdamW, cosine decay to 1e-5.
public enum StepLaw {
    public static func learningRate(nonEmbeddingParameters n: Double, tokens d: Double) -> Double {
        1.79 * pow(n, -0.713) * pow(d, 0.307)
    }

    public static func batchTokens(tokens d: Double) -> Double { 0.58 * pow(d, 0.571) }

    public static func suggest(nonEmbeddingParameters n: Double, tokens d: Double) -> HyperparameterSuggestion {
        HyperparameterSuggestion(
            law: "Step Law 2025", source: "arXiv 2503.04715, η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571",
            verification: .secondarySources,
            learningRate: learningRate(nonEmbeddingParameters: n, tokens: d), batchTokens: batchTokens(tokens: d),
            fittedRange: nil, extrapolationFactor: nil,
            schedule: "AdamW, warmup then cosine decay to 1e-5",
            notes: ["N is non-embedding parameters; the positive D exponent is specific to its schedule (methods.md §6.2)"])
    }
}
