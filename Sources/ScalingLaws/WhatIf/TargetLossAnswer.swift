/// The least compute that reaches a target loss under one law, and the split there.
public struct TargetLossAnswer: Sendable, Equatable {
    public var law: String
    public var targetLoss: Double
    /// Compute on the law's optimal frontier reaching `targetLoss` (methods.md §2.3:
    /// C(ℓ) = 6·((ℓ − E)/K)^(−1/γ)). Draws whose floor lies above the target count as +∞,
    /// so an interval may be open above.
    public var flops: IntervalEstimate
    public var parameters: Double?
    public var tokens: Double?
    /// Parameter draws for which the target is unreachable (at or below their floor).
    public var drawsNeverReaching: Int
}
