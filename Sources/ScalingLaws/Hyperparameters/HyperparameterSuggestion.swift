/// One law's suggested peak learning rate and global batch size for a planned run, with
/// where the law comes from, how well its constants were checked (methods.md §11), and how
/// far outside its fitted range it is being used.
public struct HyperparameterSuggestion: Sendable, Equatable {
    /// How the constants were checked, in methods.md's terms.
    public enum Verification: String, Sendable {
        /// [P+R]: read in the paper and recomputed (DeepSeek's 7B and 67B settings).
        case verifiedAgainstPaper = "verified against the paper"
        /// [S]: agreed on by several secondary sources; the paper was read at abstract level.
        case secondarySources = "secondary sources only (not checked against the paper)"
    }

    public var law: String
    public var source: String
    public var verification: Verification
    public var learningRate: Double
    /// Global batch in tokens (divide by the sequence length for sequences).
    public var batchTokens: Double
    /// What the law's input was fitted over, in its own quantity, when the source says.
    public var fittedRange: String?
    /// How many times beyond the fitted range the input lies (nil inside it or unknown).
    public var extrapolationFactor: Double?
    public var schedule: String
    public var notes: [String]

    /// Every law for a run of `parameters` on `tokens` (C = `flops`), in a fixed order.
    public static func all(parameters: Double, tokens: Double, flops: Double,
                           deepSeekFLOPsPerToken: Double? = nil) -> [HyperparameterSuggestion] {
        [DeepSeekHyperparameterLaw.suggest(flops: deepSeekFLOPsPerToken.map { $0 * tokens } ?? flops,
                                           fromSixND: deepSeekFLOPsPerToken == nil),
         StepLaw.suggest(nonEmbeddingParameters: parameters, tokens: tokens)]
    }

    /// Batch in sequences of `sequenceLength` tokens.
    public func batchSequences(sequenceLength: Int) -> Double { batchTokens / Double(sequenceLength) }
}
