/// The answers to a `WhatIfQuestion`, per law, as values a table or a panel renders.
public struct WhatIfAnswer: Sendable {
    public var flops: Double
    /// One per law, in the question's order.
    public var allocations: [AllocationEstimate]
    /// Across the study's laws when two or more give an N_opt, else across all.
    public var disagreement: AllocationDisagreement?
    /// Per law with a loss model (parametric), when a model size was fixed.
    public var fixedModelSize: [FixedModelSizeAnswer]
    /// Per parametric law, with Muennighoff's R_D*, R_N* applied to it, when unique tokens
    /// were given; plus Muennighoff's own fitted law as a reference.
    public var dataConstrained: [(law: String, allocation: DataConstrainedAllocation)]
    /// Per parametric law, at the target loss if given, else at the loss its compute-optimal
    /// model reaches with this budget.
    public var inferenceAware: [InferenceAwareAllocation]
    /// Per law, when a target loss was given.
    public var targetLoss: [(law: String, answer: Result<TargetLossAnswer, WhatIfError>)]
    /// Suggested learning rate and batch for the first law's allocation (or the fixed size).
    public var hyperparameters: [HyperparameterSuggestion]
    /// Wall time and cost of the budget on the question's hardware.
    public var cost: RunCostEstimate?
    /// Problems worth a line under the table (a law that could not answer a constraint).
    public var notes: [String]
    /// Vocabulary, batch and QAT answers for the planned run, when asked.
    public var planning: PlanningAnswer? = nil
}

extension WhatIfQuestion {
    public func answer() -> WhatIfAnswer {
        let c = budget.flops
        let allocations = laws.map { $0.estimate(flops: c, level: intervalLevel) }
        let study = allocations.filter { $0.role == .study }
        let disagreement = AllocationDisagreement.across(study.filter { $0.parameters != nil }.count >= 2 ? study : allocations)
        var notes: [String] = []
        if allocations.contains(where: { $0.role == .study }) && allocations.contains(where: { $0.role == .reference }) {
            notes.append("published laws predict losses on their own data and tokenizer: compare their splits with the study's, not their losses")
        }
        // A plain loop with a switch: the optimiser of Swift 6.3.1 crashed (CopyPropagation,
        // "Found outside of lifetime use") on the compactMap over `parametricLaw` in -O builds.
        var parametric: [(String, ParametricLaw, [ParametricLaw])] = []
        for law in laws {
            switch law.form {
            case let .parametric(l, draws): parametric.append((law.name, l, draws))
            default: break
            }
        }

        var fixed: [FixedModelSizeAnswer] = []
        if let n = fixedParameters {
            fixed = parametric.map { FixedModelSizeAnswer(law: $0.0, $0.1, draws: $0.2, parameters: n, flops: c,
                                                          targetLoss: targetLoss, level: intervalLevel) }
            if fixed.isEmpty { notes.append("a fixed model size needs a law with a loss model (Approach 3 or a published law)") }
        }

        var constrained: [(law: String, allocation: DataConstrainedAllocation)] = []
        if let u = uniqueTokens {
            constrained = parametric.map { ($0.0 + " + Muennighoff R*", DataConstrainedLaw(base: $0.1).optimalAllocation(flops: c, uniqueTokens: u)) }
            constrained.append(("Muennighoff 2023", DataConstrainedLaw.muennighoff2023.optimalAllocation(flops: c, uniqueTokens: u)))
        }

        var inference: [InferenceAwareAllocation] = []
        if let t = inferenceTokens {
            for (name, law, _) in parametric {
                let loss = targetLoss ?? law.optimalLoss(flops: c)
                do { inference.append(try InferenceAwareAllocation.solve(law: name, law, targetLoss: loss, inferenceTokens: t)) }
                catch { notes.append("inference-aware (\(name)): \(error)") }
            }
            if parametric.isEmpty { notes.append("inference-aware allocation needs a law with a loss model (Approach 3 or a published law)") }
        }

        let target = targetLoss.map { l in laws.map { ($0.name, $0.flops(forLoss: l, level: intervalLevel)) } } ?? []

        // Hyperparameters for the run one would train: the fixed size if given, else the
        // first law's compute-optimal split.
        var hyper: [HyperparameterSuggestion] = []
        if let first = allocations.first(where: { $0.parameters != nil }) {
            let n = fixedParameters ?? first.parameters!.value
            let d = fixedParameters.map { c / (6 * $0) } ?? first.tokens!.value
            hyper = HyperparameterSuggestion.all(parameters: n, tokens: d, flops: c)
        }
        let planned = planningAnswer(allocations: allocations)
        if let p = planned, let b = planning.batchTokens {
            hyper.append(PowerSchedulerLaw.suggest(batchTokens: b, tokens: p.tokens, sequenceLength: planning.sequenceLength))
        }
        var result = WhatIfAnswer(flops: c, allocations: allocations, disagreement: disagreement, fixedModelSize: fixed,
                                  dataConstrained: constrained, inferenceAware: inference, targetLoss: target,
                                  hyperparameters: hyper, cost: hardware?.cost(flops: c), notes: notes)
        result.planning = planned
        return result
    }
}
