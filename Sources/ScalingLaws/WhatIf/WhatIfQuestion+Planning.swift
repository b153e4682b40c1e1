extension WhatIfQuestion {
    /// The vocabulary, batch and QAT answers for the run the what-if would train: the fixed
    /// size if given, else the first law's compute-optimal split (as the hyperparameters use).
    /// Nil when nothing was asked or no law gives a split.
    func planningAnswer(allocations: [AllocationEstimate]) -> PlanningAnswer? {
        let p = planning
        guard p.asksVocabulary || p.batchTokens != nil || p.qatBits != nil || p.studyCriticalBatch != nil || p.studyQAT != nil,
              let first = allocations.first(where: { $0.parameters != nil && $0.tokens != nil }) else { return nil }
        let c = budget.flops
        let n = fixedParameters ?? first.parameters!.value
        let d = fixedParameters.map { c / (6 * $0) } ?? first.tokens!.value
        var answer = PlanningAnswer(parameters: n, tokens: d)
        if p.asksVocabulary {
            answer.vocabulary = VocabularyAdvice.advise(nonVocabularyParameters: n, flops: c, width: p.modelWidth,
                                                        plannedVocabulary: p.plannedVocabulary, study: p.studyVocabulary)
        }
        if let b = p.batchTokens {
            // The study's own predicted loss for the run, for its own B_crit law.
            let studyLoss = allocations.first { $0.role == .study && $0.loss != nil }?.loss?.value
            answer.batch = BatchAdvice.advise(parameters: n, tokens: d, flops: c, batchTokens: b,
                                              study: p.studyCriticalBatch, studyLoss: studyLoss)
        }
        if let bits = p.qatBits {
            answer.qat = QATAdvice.advise(parameters: n, tokens: d, bits: bits, study: p.studyQAT)
        }
        return answer
    }
}
