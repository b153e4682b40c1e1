import Foundation
import ScalingLaws

/// The vocabulary, batch and QAT sections of the what-if table and JSON (issue #18).
extension WhatIfReport {
    static func verification(_ v: HyperparameterSuggestion.Verification?) -> String { v?.rawValue ?? "fitted to this study" }

    static func extrapolation(_ factor: Double?) -> String {
        factor.map { " — extrapolating ×\(text($0, 2)) beyond" } ?? ""
    }

    func planningTable() -> [String] {
        guard let p = answer.planning else { return [] }
        var lines: [String] = []
        if let v = p.vocabulary {
            lines += ["", "Vocabulary for N_nv = \(Self.text(v.nonVocabularyParameters)) at C = \(Self.text(v.flops)) FLOPs, width d = \(Self.text(v.width, 4))\(v.widthFromTable ? " (Tao et al. Table 5)" : "")"]
            lines += FitReport.table(["law", "N_v (vocabulary params)", "V", "from", "constants"], v.rows.map { r in
                [r.law, Self.text(r.vocabularyParameters), Self.text(r.vocabularySize), r.basis, Self.verification(r.verification)]
            })
            if let planned = v.plannedVocabulary, let excess = v.plannedLossExcess {
                lines.append("  planned V = \(Self.text(planned)): L_u \(excess >= 0 ? "+" : "")\(Self.text(excess, 3)) nats against Approach 3's optimum at this budget")
            }
            lines.append("  fitted range: \(VocabularyLaw.fittedRange)\(Self.extrapolation(v.extrapolationFactor))")
            lines += v.notes.map { "  note: " + $0 }
        }
        if let b = p.batch {
            let sequences = b.batchTokens / question.planning.sequenceLength
            lines += ["", "Batch \(Self.text(b.batchTokens)) tokens (\(Self.text(sequences)) × \(Self.text(question.planning.sequenceLength)) tokens) for N = \(Self.text(b.parameters)), D = \(Self.text(b.tokens)): S = D/B = \(Self.text(b.tokens / b.batchTokens)) steps"]
            lines += FitReport.table(["law", "loss", "B_crit (tokens)", "S_min", "S/S_min", "E_min (tokens)", "E/E_min", "constants"], b.rows.map { r in
                [r.law, Self.text(r.loss, 4) + (r.extrapolating ? "*" : ""), Self.text(r.criticalBatch), Self.text(r.minimumSteps),
                 Self.text(r.steps / r.minimumSteps), Self.text(r.minimumTokens), Self.text(b.tokens / r.minimumTokens), Self.verification(r.verification)]
            })
            if b.rows.contains(where: \.extrapolating) { lines.append("  * loss outside the range the law's B_crit was measured at") }
            lines.append("  Kaplan L(N, S, B): \(Self.text(b.kaplanFinalLoss, 4)) at the end of the run at this batch, \(Self.text(b.kaplanUnlimitedBatchLoss, 4)) with the same steps at B ≫ B_crit (Kaplan 2020 Eqs. 5.4, 5.6; the form Su et al. 2024 extend)")
            lines.append("  Kaplan Table 6 compute-efficient batch at C_min = this budget: \(Self.text(b.kaplanComputeEfficientBatch)) tokens")
            lines += b.notes.map { "  note: " + $0 }
        }
        if let q = p.qat {
            lines += ["", "QAT to \(Self.text(q.bits)) bits for N = \(Self.text(q.parameters)), D = \(Self.text(q.tokens)): \(Self.text(q.tokensPerParameterByte)) tokens per parameter-byte, weights \(Self.text(q.weightBytes)) bytes"]
            lines += FitReport.table(["law", "QAT fraction", "QAT tokens", "full-precision tokens", "constants"], q.rows.map { r in
                [r.law, NumberFormat.fixed(100 * r.optimalFraction, decimals: 1) + "%", Self.text(r.qatTokens), Self.text(r.fullPrecisionTokens),
                 Self.verification(r.verification)]
            })
            lines.append("  fitted range: \(QATAllocationLaw.fittedRange)\(Self.extrapolation(q.extrapolationFactor))")
            lines += q.notes.map { "  note: " + $0 }
        }
        return lines
    }

    func planningJSON() -> [String: Any] {
        var o: [String: Any] = [:]
        guard let p = answer.planning else { return o }
        let planning = question.planning
        if let f = planning.studyVocabulary {
            o["study_vocabulary_fit"] = ["coefficient": f.vocabularyParameters.coefficient, "exponent": f.vocabularyParameters.exponent,
                                         "proportional_exponent": f.proportionalExponent as Any? ?? NSNull(),
                                         "budgets": f.budgets.map { ["flops": $0.flops, "non_vocabulary_parameters": $0.nonVocabularyParameters,
                                                                     "vocabulary_parameters": $0.vocabularyParameters, "width": $0.width] },
                                         "warnings": f.warnings] as [String: Any]
        }
        if let f = planning.studyCriticalBatch {
            o["study_critical_batch_fit"] = ["b_star": f.law.scale, "alpha_b": f.law.exponent, "loss_range": [f.lossRange.lowerBound, f.lossRange.upperBound],
                                             "levels": f.measurements.map { ["parameters": $0.parameters, "loss": $0.loss, "minimum_steps": $0.minimumSteps,
                                                                            "critical_batch": $0.criticalBatch, "runs": $0.runCount] },
                                             "warnings": f.warnings] as [String: Any]
        }
        if let f = planning.studyQAT {
            o["study_qat_fit"] = ["a": f.law.a, "sweeps": f.sweeps.map { ["tokens_per_parameter_byte": $0.tokensPerParameterByte,
                                                                          "optimal_fraction": $0.optimalFraction, "runs": $0.runCount] },
                                  "warnings": f.warnings] as [String: Any]
        }
        if let v = p.vocabulary {
            o["vocabulary"] = [
                "non_vocabulary_parameters": v.nonVocabularyParameters, "flops": v.flops, "width": v.width,
                "width_from_table": v.widthFromTable, "planned_vocabulary": v.plannedVocabulary as Any? ?? NSNull(),
                "planned_loss_excess": v.plannedLossExcess as Any? ?? NSNull(), "fitted_range": VocabularyLaw.fittedRange,
                "extrapolation_factor": v.extrapolationFactor as Any? ?? NSNull(), "notes": v.notes,
                "laws": v.rows.map { r in
                    ["law": r.law, "source": r.source, "verification": Self.verification(r.verification),
                     "vocabulary_parameters": r.vocabularyParameters, "vocabulary_size": r.vocabularySize, "basis": r.basis] as [String: Any]
                },
            ] as [String: Any]
        }
        if let b = p.batch {
            o["batch"] = [
                "batch_tokens": b.batchTokens, "sequence_length": question.planning.sequenceLength, "parameters": b.parameters,
                "tokens": b.tokens, "kaplan_final_loss": b.kaplanFinalLoss, "kaplan_unlimited_batch_loss": b.kaplanUnlimitedBatchLoss,
                "kaplan_compute_efficient_batch": b.kaplanComputeEfficientBatch, "notes": b.notes,
                "laws": b.rows.map { r in
                    ["law": r.law, "source": r.source, "verification": Self.verification(r.verification), "loss": r.loss,
                     "loss_source": r.lossSource, "critical_batch": r.criticalBatch, "steps": r.steps, "minimum_steps": r.minimumSteps,
                     "minimum_tokens": r.minimumTokens, "extrapolating": r.extrapolating] as [String: Any]
                },
            ] as [String: Any]
        }
        if let q = p.qat {
            o["qat"] = [
                "bits": q.bits, "parameters": q.parameters, "tokens": q.tokens, "tokens_per_parameter_byte": q.tokensPerParameterByte,
                "weight_bytes": q.weightBytes, "fitted_range": QATAllocationLaw.fittedRange,
                "extrapolation_factor": q.extrapolationFactor as Any? ?? NSNull(), "notes": q.notes,
                "laws": q.rows.map { r in
                    ["law": r.law, "source": r.source, "verification": Self.verification(r.verification), "optimal_fraction": r.optimalFraction,
                     "qat_tokens": r.qatTokens, "full_precision_tokens": r.fullPrecisionTokens] as [String: Any]
                },
            ] as [String: Any]
        }
        return o
    }
}
