#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DeepSeek LLM's optimal learning rate and batch size in compute (arXiv 2401.02954,
/// §3.1, Eq. 1; methods.md §6.1 [P+R]):
///
///     η_opt = 0.3118 · C^(−0.1250)        B_opt = 0.2920 · C^(0.3271)
///
/// with C = M·D in FLOPs (M non-embedding FLOPs per token, `TransformerArchitecture.deepSeekM`)
/// and B in tokens. Fitted on grid searches from 1e17 to 2e19 FLOPs, checked at 1e20.
public enum DeepSeekHyperparameterLaw {
    public static let learningRateCoefficient = 0.3118
    public static let learningRateExponent = -0.1250
    public static let batchCoefficient = 0.2920
    public static let batchExponent = 0.3271
    /// The budgets of the grid searches the laws were fitted to.
    public static let fittedFlops: ClosedRange<Double> = 1e17...2e19

    public static func learningRate(flops: Double) -> Double { learningRateCoefficient * pow(flops, learningRateExponent) }

    public static func batchTokens(flops: Double) -> Double { batchCoefficient * pow(flops, batchExponent) }

    /// `fromSixND`: C was counted as 6ND rather than M·D; DeepSeek's M adds attention
    /// FLOPs and leaves out the embedding, so the two differ by up to tens of percent.
    public static func suggest(flops: Double, fromSixND: Bool = false) -> HyperparameterSuggestion {
        let factor = flops > fittedFlops.upperBound ? flops / fittedFlops.upperBound
                   : flops < fittedFlops.lowerBound ? fittedFlops.lowerBound / flops : nil
        var notes = ["same C with a different N/D split has a different optimum (DeepSeek §3.1)"]
        if fromSixND { notes.append("C counted as 6ND, not DeepSeek's M·D") }
        return HyperparameterSuggestion(
            law: "DeepSeek LLM 2024", source: "arXiv 2401.02954 §3.1, η = 0.3118·C^−0.125, B = 0.2920·C^0.3271",
            verification: .verifiedAgainstPaper,
            learningRate: learningRate(flops: flops), batchTokens: batchTokens(flops: flops),
            fittedRange: "C 1e17–2e19 FLOPs", extrapolationFactor: factor,
            schedule: "multi-step: warmup 2000 steps, ×0.316 at 80% and ×0.1 at 90% of tokens; AdamW",
            notes: notes)
    }
}
