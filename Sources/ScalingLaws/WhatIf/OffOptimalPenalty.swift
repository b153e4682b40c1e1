/// What a chosen (N, D) costs against the compute-optimal choice of the same law
/// (methods.md §2.3): the extra loss at the same compute, and the compute the optimal
/// allocation would need to reach the chosen run's loss.
public struct OffOptimalPenalty: Sendable, Equatable {
    public var law: String
    public var parameters: Double
    public var tokens: Double
    /// C = 6ND.
    public var flops: Double
    public var tokensPerParameter: Double
    /// L̂(N, D).
    public var loss: Double
    /// L_opt(C) at the same compute.
    public var optimalLoss: Double
    /// L̂(N, D) − L_opt(C) ≥ 0.
    public var lossPenalty: Double
    /// N / N_opt(C): below 1 a smaller model trained longer, above 1 a larger one.
    public var sizeRatio: Double
    /// Compute the optimal allocation needs to reach `loss` (C(ℓ) of §2.3).
    public var computeEquivalentFlops: Double
    /// computeEquivalentFlops / flops ≤ 1: the share of the budget doing useful work.
    public var computeEfficiency: Double

    public init(law name: String, _ law: ParametricLaw, parameters: Double, tokens: Double) {
        let flops = 6 * parameters * tokens
        let loss = law.loss(parameters: parameters, tokens: tokens)
        let optimal = law.optimalLoss(flops: flops)
        // loss > E always (both terms positive), so C(ℓ) exists.
        let equivalent = law.flops(forLoss: loss) ?? flops
        self.law = name
        self.parameters = parameters
        self.tokens = tokens
        self.flops = flops
        tokensPerParameter = tokens / parameters
        self.loss = loss
        optimalLoss = optimal
        lossPenalty = loss - optimal
        sizeRatio = parameters / law.allocation.optimalParameters(flops: flops)
        computeEquivalentFlops = equivalent
        computeEfficiency = equivalent / flops
    }
}
