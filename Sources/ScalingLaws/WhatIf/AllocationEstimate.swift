/// What one law says about one budget: the compute-optimal split and the loss it predicts,
/// each with its interval over the law's parameter draws. A quantity the law cannot give
/// (a loss from Approach 1's power laws, N from a loss–compute frontier) is nil.
public struct AllocationEstimate: Sendable, Equatable {
    /// The law's display name ("Approach 3", "Chinchilla 2022").
    public var law: String
    public var role: ComputeOptimalLaw.Role
    public var flops: Double
    public var parameters: IntervalEstimate?
    public var tokens: IntervalEstimate?
    public var tokensPerParameter: IntervalEstimate?
    /// Predicted final loss (nats/token).
    public var loss: IntervalEstimate?
    /// Parameter draws the intervals were computed over (0: no intervals).
    public var drawCount: Int
    public var notes: [String]
}
