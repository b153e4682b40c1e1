/// Everything a what-if asks, as one value: the budget, the laws to ask, and optional
/// constraints. `answer()` turns it into a `WhatIfAnswer`; a panel re-asks on every key.
public struct WhatIfQuestion: Sendable {
    public var budget: ComputeBudget
    /// One row per law: the study's fits first, then references.
    public var laws: [ComputeOptimalLaw]
    /// A model size fixed in advance.
    public var fixedParameters: Double?
    /// Unique tokens available (Muennighoff's U_D).
    public var uniqueTokens: Double?
    /// Lifetime inference tokens (Sardana's D_inf).
    public var inferenceTokens: Double?
    /// A loss to reach with the least compute (nats/token).
    public var targetLoss: Double?
    /// The hardware the run trains on, for wall time and cost.
    public var hardware: HardwarePlan?
    /// Central probability of every interval.
    public var intervalLevel: Double
    /// Vocabulary, batch and QAT questions (issue #18); set after `init`, checked by
    /// `PlanningInputs.validated()`.
    public var planning = PlanningInputs()

    public init(budget: ComputeBudget, laws: [ComputeOptimalLaw], fixedParameters: Double? = nil,
                uniqueTokens: Double? = nil, inferenceTokens: Double? = nil, targetLoss: Double? = nil,
                hardware: HardwarePlan? = nil, intervalLevel: Double = 0.8) throws(WhatIfError) {
        guard !laws.isEmpty else { throw WhatIfError("no law to ask: fit a study or name a published law") }
        if let v = fixedParameters { try WhatIfError.requirePositiveFinite(v, "fixed model size (parameters)") }
        if let v = uniqueTokens { try WhatIfError.requirePositiveFinite(v, "unique tokens") }
        if let v = inferenceTokens { try WhatIfError.requirePositiveFinite(v, "inference tokens") }
        if let v = targetLoss { try WhatIfError.requirePositiveFinite(v, "target loss") }
        guard intervalLevel > 0, intervalLevel < 1 else {
            throw WhatIfError("interval level is \(NumberFormat.general(intervalLevel)); it is a probability in (0, 1), e.g. 0.8")
        }
        if let n = fixedParameters, 6 * n > budget.flops {
            throw WhatIfError("a \(NumberFormat.general(n))-parameter model cannot train on even one token with \(NumberFormat.general(budget.flops)) FLOPs (C = 6ND)")
        }
        self.budget = budget
        self.laws = laws
        self.fixedParameters = fixedParameters
        self.uniqueTokens = uniqueTokens
        self.inferenceTokens = inferenceTokens
        self.targetLoss = targetLoss
        self.hardware = hardware
        self.intervalLevel = intervalLevel
    }
}
