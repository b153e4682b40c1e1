#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Power Scheduler's learning-rate law (Shen et al. 2024, *Power Scheduler: A Batch Size
/// and Token Number Agnostic Learning Rate Scheduler*, arXiv 2408.13359):
///
///     η_opt = β·a·T^b,   a = 4.6, b = −0.51                       (§3.2, Eqs. 5–6)
///     η(n)  = min(η_max, β·a·n^b),   a = 4, b = −0.51, η_max = 0.02   (§4, Eq. 7, the scheduler)
///
/// β is the batch in sequences (all their runs used 4096-token sequences), T the training
/// tokens, n the tokens seen so far. Found with the WSD schedule (10% decay) and µP on
/// RedPajama for 12M–121M-parameter models, T 2B–256B tokens, β 16–512; under µP this is the
/// base rate, which hidden matrices divide by the width multiplier. Checked against the
/// paper's worked example (10T tokens at batch 1024 → 0.0011) and Fig. 2's optima in
/// `PowerSchedulerLawTests`.
public enum PowerSchedulerLaw {
    public static let optimumCoefficient = 4.6
    public static let optimumExponent = -0.51
    public static let schedulerAmplitude = 4.0
    public static let schedulerExponent = -0.51
    public static let schedulerMaximum = 0.02
    public static let sequenceLength = 4096.0
    public static let fittedTokens: ClosedRange<Double> = 2e9...256e9
    public static let fittedBatchSequences: ClosedRange<Double> = 16...512

    /// γ = η_opt/β for a run of T tokens (Eq. 5).
    public static func learningRatePerSequence(tokens t: Double) -> Double { optimumCoefficient * pow(t, optimumExponent) }

    /// η_opt for a batch of β sequences trained on T tokens (Eq. 6).
    public static func optimalLearningRate(batchSequences b: Double, tokens t: Double) -> Double {
        b * learningRatePerSequence(tokens: t)
    }

    /// The Power scheduler's rate after n tokens at batch β (Eq. 7, before warmup and decay).
    public static func scheduledLearningRate(batchSequences b: Double, tokensSeen n: Double) -> Double {
        min(schedulerMaximum, b * schedulerAmplitude * pow(n, schedulerExponent))
    }

    /// A what-if row: η_opt for a planned batch (tokens) and run length, the batch given in
    /// sequences of `sequenceLength` tokens (the paper's 4096 unless the user says otherwise).
    public static func suggest(batchTokens: Double, tokens t: Double, sequenceLength length: Double = sequenceLength) -> HyperparameterSuggestion {
        let b = batchTokens / length
        let tokenFactor = fittedTokens.extrapolationFactor(of: t), batchFactor = fittedBatchSequences.extrapolationFactor(of: b)
        var notes = ["µP base rate (hidden matrices divide it by the width multiplier); found with a WSD schedule, 10% decay"]
        if length != sequenceLength { notes.append("batch counted in \(Int(length))-token sequences; the paper's runs all used 4096") }
        notes.append("the scheduler form is η(n) = min(0.02, β·4·n^−0.51) (§4)")
        return HyperparameterSuggestion(
            law: "Power Scheduler 2024", source: "arXiv 2408.13359 §3.2, η = β·4.6·T^−0.51 (β sequences)",
            verification: .verifiedAgainstPaper,
            learningRate: optimalLearningRate(batchSequences: b, tokens: t), batchTokens: batchTokens,
            fittedRange: "T 2B–256B tokens, batch 16–512 × 4096 tokens, 12M–121M params (µP)",
            extrapolationFactor: [tokenFactor, batchFactor].compactMap { $0 }.max(),
            schedule: "WSD (µP), or the Power scheduler itself",
            notes: notes)
    }
}
