import ScalingLaws

/// The zoomed what-if panel's run-planning rows (issue #18): vocabulary, batch and QAT, one
/// line per law, each saying whether its constants were checked against the paper.
extension WhatIfPanel {
    static func check(_ v: HyperparameterSuggestion.Verification?) -> String {
        switch v {
        case .verifiedAgainstPaper: return "verified"
        case .secondarySources: return "secondary source, not verified"
        case nil: return "this study"
        }
    }

    static func planning(_ w: inout LineWriter, answer: WhatIfAnswer) {
        guard let p = answer.planning else { return }
        let short = { (v: Double) in NumberFormat.short(v) }
        if let v = p.vocabulary, w.room >= 2 {
            var head = "vocabulary for N_nv \(short(v.nonVocabularyParameters)), d \(Int(v.width)) (Tao et al. 2024)"
            if let planned = v.plannedVocabulary, let excess = v.plannedLossExcess {
                head += ": planned \(short(planned)) costs L_u +\(NumberFormat.fixed(excess, decimals: 4))"
            }
            w.line(head, style: .head)
            for r in v.rows where w.room >= 2 {
                w.line("  \(r.law): V \(short(r.vocabularySize)) (N_v \(short(r.vocabularyParameters)), from \(r.basis); \(check(r.verification)))", style: .plain)
            }
        }
        if let b = p.batch, w.room >= 2 {
            w.line("batch \(short(b.batchTokens)) tokens: \(short(b.tokens / b.batchTokens)) steps; Kaplan loss \(NumberFormat.fixed(b.kaplanFinalLoss, decimals: 3)) vs \(NumberFormat.fixed(b.kaplanUnlimitedBatchLoss, decimals: 3)) at B ≫ B_crit", style: .head)
            for r in b.rows where w.room >= 2 {
                w.line("  \(r.law): B_crit \(short(r.criticalBatch)) at loss \(NumberFormat.fixed(r.loss, decimals: 3))\(r.extrapolating ? " (extrapolated)" : ""), steps ×\(NumberFormat.short(r.steps / r.minimumSteps, digits: 2)) of S_min, tokens ×\(NumberFormat.short(b.tokens / r.minimumTokens, digits: 2)) of E_min (\(check(r.verification)))", style: .plain)
            }
        }
        if let q = p.qat, w.room >= 2 {
            w.line("QAT to \(NumberFormat.general(q.bits)) bits: \(short(q.tokensPerParameterByte)) tokens per parameter-byte, weights \(short(q.weightBytes)) bytes", style: .head)
            for r in q.rows where w.room >= 2 {
                w.line("  \(r.law): \(NumberFormat.fixed(100 * r.optimalFraction, decimals: 1))% of tokens in QAT = \(short(r.qatTokens)) (\(check(r.verification)))", style: .plain)
            }
        }
    }
}
