#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The critical batch size and the steps/data trade-off of Kaplan et al. 2020 (arXiv
/// 2001.08361, §5.1, after McCandlish et al. 2018):
///
///     (S/S_min − 1)·(E/E_min − 1) = 1                  (5.1; E = B·S tokens)
///     B_crit(L) ≡ E_min/S_min ≈ B*/L^(1/α_B)            (5.2, 5.3)
///     S_min(S) = S/(1 + B_crit(L)/B)                     (5.4, fewest steps, B ≫ B_crit)
///     C_min(C) = C/(1 + B/B_crit(L))                     (5.5, least compute, B ≪ B_crit)
///
/// with Table 5's B* = 2.1e8 tokens and α_B = 0.21 (the text of §5.1 rounds B* to 2e8).
/// L is WebText2 loss in nats with GPT-2's tokenizer, so B_crit at another study's loss is
/// an extrapolation; `CriticalBatchFit` measures the study's own. Training at B = B_crit
/// costs 2·S_min steps and 2·E_min tokens.
public struct CriticalBatchLaw: Sendable, Equatable {
    /// B* in tokens.
    public var scale: Double
    /// α_B.
    public var exponent: Double

    public init(scale: Double, exponent: Double) {
        self.scale = scale
        self.exponent = exponent
    }

    /// Kaplan et al. 2020, Table 5.
    public static let kaplan2020 = CriticalBatchLaw(scale: 2.1e8, exponent: 0.21)
    /// The losses B_crit was measured at (Fig. 10: WebText2 train loss 10 down to about 3).
    public static let kaplanMeasuredLoss: ClosedRange<Double> = 3...10

    /// B_crit(L) in tokens.
    public func criticalBatch(loss: Double) -> Double { scale * pow(loss, -1 / exponent) }

    /// The loss at which B_crit equals `batch` (the inverse of `criticalBatch`).
    public func loss(atCriticalBatch batch: Double) -> Double { pow(scale / batch, exponent) }

    /// Steps at batch B → the fewest steps that reach the same loss (5.4).
    public func minimumSteps(steps: Double, batch: Double, loss: Double) -> Double {
        steps / (1 + criticalBatch(loss: loss) / batch)
    }

    /// Tokens processed at batch B → the fewest tokens that reach the same loss.
    public func minimumTokens(tokens: Double, batch: Double, loss: Double) -> Double {
        tokens / (1 + batch / criticalBatch(loss: loss))
    }

    /// Compute at batch B → the least compute that reaches the same loss (5.5).
    public func minimumCompute(flops: Double, batch: Double, loss: Double) -> Double {
        flops / (1 + batch / criticalBatch(loss: loss))
    }

    /// Steps and tokens at batch B for a loss that takes S_min steps / E_min tokens at best
    /// (5.1 solved with B_crit = E_min/S_min): S = S_min(1 + B_crit/B), E = E_min(1 + B/B_crit).
    public static func stepsAndTokens(minimumSteps sMin: Double, criticalBatch bCrit: Double, batch: Double) -> (steps: Double, tokens: Double) {
        (sMin * (1 + bCrit / batch), sMin * bCrit * (1 + batch / bCrit))
    }

    /// Kaplan's compute-efficient batch B = B_e·C_min^p_B (Table 6), derived from this law
    /// and L(C_min) = (C_c/C_min)^α_C (Table 5: C_c = 3.1e8 PF-days, α_C = 0.050):
    /// p_B = α_C/α_B and B_e = B*·C_c^(−p_B). With Table 5's values: p_B = 0.238, B_e = 2.0e6.
    public func computeEfficientBatch(petaflopDays c: Double, lossScale cc: Double = 3.1e8, lossExponent ac: Double = 0.050) -> Double {
        let p = ac / exponent
        return scale * pow(cc, -p) * pow(c, p)
    }
}
