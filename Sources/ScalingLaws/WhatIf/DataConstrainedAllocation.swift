/// The data-constrained optimum for one budget and one pool of unique tokens.
public struct DataConstrainedAllocation: Sendable, Equatable {
    public var flops: Double
    public var uniqueTokens: Double
    public var parameters: Double
    /// Tokens processed, repeats included.
    public var tokens: Double
    /// D/U: passes over the unique data.
    public var epochs: Double
    /// D', what the repeated tokens are worth in fresh ones.
    public var effectiveTokens: Double
    public var loss: Double
    /// N_opt and loss with unlimited unique data, for comparison.
    public var unconstrainedParameters: Double
    public var unconstrainedLoss: Double
}
