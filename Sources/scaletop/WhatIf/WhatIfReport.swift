import Foundation
import ScalingLaws

/// The what-if answer as an aligned table (laws side by side) or as JSON.
struct WhatIfReport {
    let question: WhatIfQuestion
    let answer: WhatIfAnswer
    let study: WhatIfStudyLaws?
    let command: WhatIfCommand

    static func text(_ v: Double?, _ digits: Int = 3) -> String { v.map { FitReport.text($0, digits) } ?? "—" }

    static func interval(_ e: IntervalEstimate?, _ digits: Int = 2) -> String {
        guard let i = e?.interval else { return "" }
        return "[" + text(i.lowerBound, digits) + ", " + text(i.upperBound, digits) + "]"
    }

    var levelLabel: String { "\(NumberFormat.general(100 * question.intervalLevel))%" }

    // MARK: Table

    func table() -> String {
        var lines: [String] = []
        let c = answer.flops
        var budgetLine = "Budget C = \(Self.text(c)) FLOPs"
        if let plan = question.hardware {
            budgetLine += " = \(Self.text(plan.gpuHours(flops: c))) \(plan.hardware.name) GPU-hours at MFU \(NumberFormat.general(plan.modelFLOPsUtilization)) (peak \(Self.text(plan.hardware.peakFLOPsPerSecond / 1e12, 4)) TFLOP/s dense BF16)"
        }
        lines.append(budgetLine)
        if let s = study { lines.append("Study: \(s.laws.first?.source ?? command.from ?? "")") }
        lines.append("")

        let a = answer.allocations
        let header = ["quantity"] + a.map(\.law)
        var rows: [[String]] = []
        func add(_ name: String, _ pick: (AllocationEstimate) -> IntervalEstimate?, digits: Int = 3) {
            rows.append([name] + a.map { Self.text(pick($0)?.value, digits) })
            if a.contains(where: { pick($0)?.interval != nil }) {
                rows.append(["(\(levelLabel) interval)"] + a.map { Self.interval(pick($0), max(2, digits)) })
            }
        }
        add("N_opt (parameters)", \.parameters)
        add("D_opt (tokens)", \.tokens)
        add("tokens / parameter", \.tokensPerParameter)
        add("loss (nats/token)", \.loss, digits: 4)
        rows.append(["kind"] + a.map { $0.role == .study ? "this study" : "published" })
        rows.append(["draws"] + a.map { $0.drawCount > 0 ? "\($0.drawCount)" : "—" })
        lines += FitReport.table(header, rows)

        if let d = answer.disagreement {
            lines.append("")
            var s = "Disagreement (\(d.laws.joined(separator: ", "))): N_opt ×\(Self.text(d.parametersRatio)) between \(d.largestParameters) (largest) and \(d.smallestParameters) (smallest); D_opt ×\(Self.text(d.tokensRatio))"
            if let spread = d.lossSpread { s += "; loss spread \(Self.text(spread)) nats" }
            lines.append(s + " → \(d.verdict.rawValue)")
        }

        if !answer.fixedModelSize.isEmpty {
            lines += ["", "Fixed model size N = \(Self.text(question.fixedParameters))"]
            lines += FitReport.table(["law", "D = C/6N", "D/N", "loss", "\(levelLabel) interval", "Δloss vs optimum", "N/N_opt", "compute-equivalent", "efficiency", "D to reach target"],
                                     answer.fixedModelSize.map { f in
                [f.law, Self.text(f.penalty.tokens), Self.text(f.penalty.tokensPerParameter), Self.text(f.loss.value, 4), Self.interval(f.loss, 4),
                 "+" + Self.text(f.penalty.lossPenalty), Self.text(f.penalty.sizeRatio), Self.text(f.penalty.computeEquivalentFlops),
                 NumberFormat.fixed(100 * f.penalty.computeEfficiency, decimals: 1) + "%",
                 question.targetLoss == nil ? "—" : (f.tokensToReachTarget.map { Self.text($0) } ?? "never")]
            })
            for f in answer.fixedModelSize { if let note = f.targetNote { lines.append("  " + note) } }
        }

        if !answer.dataConstrained.isEmpty {
            lines += ["", "Data-constrained: U = \(Self.text(question.uniqueTokens)) unique tokens (Muennighoff et al. 2023, R_D* = 15.39, R_N* = 5.31)"]
            lines += FitReport.table(["law", "N", "D", "epochs", "effective D'", "loss", "loss with unlimited data"], answer.dataConstrained.map { law, x in
                [law, Self.text(x.parameters), Self.text(x.tokens), Self.text(x.epochs), Self.text(x.effectiveTokens), Self.text(x.loss, 4), Self.text(x.unconstrainedLoss, 4)]
            })
        }

        if !answer.inferenceAware.isEmpty {
            lines += ["", "Inference-aware: \(Self.text(question.inferenceTokens)) lifetime inference tokens (Sardana et al. 2024), at \(question.targetLoss == nil ? "the loss each law's optimum reaches with C" : "the target loss")"]
            lines += FitReport.table(["law", "loss", "N", "D_train", "train FLOPs", "inference FLOPs", "total", "compute-optimal N", "its total", "saved"], answer.inferenceAware.map { x in
                [x.law, Self.text(x.targetLoss, 4), Self.text(x.parameters), Self.text(x.trainingTokens), Self.text(x.trainingFlops), Self.text(x.inferenceFlops),
                 Self.text(x.totalFlops), Self.text(x.computeOptimalParameters), Self.text(x.computeOptimalTotalFlops),
                 NumberFormat.fixed(100 * x.savedFlops / x.computeOptimalTotalFlops, decimals: 1) + "%"]
            })
        }

        if !answer.targetLoss.isEmpty {
            lines += ["", "Least compute reaching loss \(Self.text(question.targetLoss, 4))"]
            var reasons: [String] = []
            lines += FitReport.table(["law", "FLOPs", "\(levelLabel) interval", "N", "D", "× budget"], answer.targetLoss.map { law, r in
                switch r {
                case let .success(t):
                    return [law, Self.text(t.flops.value), Self.interval(t.flops), Self.text(t.parameters), Self.text(t.tokens), Self.text(t.flops.value / c)]
                case let .failure(e):
                    reasons.append(e.description)
                    return [law, "—", "", "", "", ""]
                }
            })
            lines += reasons.map { "  " + $0 }
        }

        if !answer.hyperparameters.isEmpty {
            lines += ["", "Suggested hyperparameters for the \(question.fixedParameters == nil ? "\(a.first(where: { $0.parameters != nil })?.law ?? "") allocation" : "fixed size")"]
            lines += FitReport.table(["law", "peak LR", "batch (tokens)", "constants", "fitted range", "schedule"], answer.hyperparameters.map { h in
                [h.law, Self.text(h.learningRate), Self.text(h.batchTokens), h.verification.rawValue,
                 (h.fittedRange ?? "not stated") + (h.extrapolationFactor.map { " — extrapolating ×\(Self.text($0, 2)) beyond" } ?? ""), h.schedule]
            })
        }

        lines += planningTable()

        if let cost = answer.cost, let plan = question.hardware {
            lines += ["", "Run on \(cost.gpuCount) × \(plan.hardware.name) at MFU \(NumberFormat.general(plan.modelFLOPsUtilization)): \(Self.text(cost.gpuHours)) GPU-hours, \(Self.wallTime(cost.wallClockHours)) wall time" + (cost.dollars.map { ", $\(Self.text($0))" } ?? "")]
        }
        let notes = (study?.notes ?? []) + answer.notes + answer.allocations.flatMap { e in e.notes.map { "\(e.law): \($0)" } }
            + (study?.failures.map { "left out \($0)" } ?? [])
        if !notes.isEmpty { lines += [""] + notes.map { "note: " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }

    static func wallTime(_ hours: Double) -> String {
        hours < 48 ? "\(text(hours)) h" : "\(text(hours / 24)) days"
    }

    // MARK: JSON

    static func estimate(_ e: IntervalEstimate?) -> Any {
        guard let e else { return NSNull() }
        var o: [String: Any] = ["value": e.value]
        if let i = e.interval { o["interval"] = [i.lowerBound, i.upperBound] }
        return o
    }

    func json() -> String {
        var o: [String: Any] = [
            "flops": answer.flops,
            "level": question.intervalLevel,
            "laws": answer.allocations.map { e in
                ["name": e.law, "role": e.role.rawValue, "n_opt": Self.estimate(e.parameters), "d_opt": Self.estimate(e.tokens),
                 "tokens_per_parameter": Self.estimate(e.tokensPerParameter), "loss": Self.estimate(e.loss),
                 "draws": e.drawCount, "notes": e.notes,
                 "source": question.laws.first { $0.name == e.law }?.source ?? ""] as [String: Any]
            },
            "notes": (study?.notes ?? []) + answer.notes,
            "left_out": study?.failures ?? [],
        ]
        if let d = answer.disagreement {
            o["disagreement"] = ["laws": d.laws, "n_opt_ratio": d.parametersRatio, "d_opt_ratio": d.tokensRatio,
                                 "largest": d.largestParameters, "smallest": d.smallestParameters,
                                 "loss_spread": d.lossSpread as Any? ?? NSNull(), "verdict": d.verdict.rawValue] as [String: Any]
        }
        if let plan = question.hardware {
            o["hardware"] = ["name": plan.hardware.name, "peak_flops_per_second": plan.hardware.peakFLOPsPerSecond, "mfu": plan.modelFLOPsUtilization,
                             "gpus": plan.gpuCount, "price_per_gpu_hour": plan.dollarsPerGPUHour as Any? ?? NSNull(), "source": plan.hardware.source] as [String: Any]
        }
        if let cost = answer.cost {
            o["cost"] = ["gpu_hours": cost.gpuHours, "wall_clock_hours": cost.wallClockHours, "dollars": cost.dollars as Any? ?? NSNull()] as [String: Any]
        }
        o["fixed_model_size"] = answer.fixedModelSize.map { f in
            ["law": f.law, "parameters": f.penalty.parameters, "tokens": f.penalty.tokens, "loss": Self.estimate(f.loss),
             "optimal_loss": f.penalty.optimalLoss, "loss_penalty": f.penalty.lossPenalty, "size_ratio": f.penalty.sizeRatio,
             "compute_equivalent_flops": f.penalty.computeEquivalentFlops, "compute_efficiency": f.penalty.computeEfficiency,
             "tokens_to_reach_target": f.tokensToReachTarget as Any? ?? NSNull()] as [String: Any]
        }
        o["data_constrained"] = answer.dataConstrained.map { law, x in
            ["law": law, "unique_tokens": x.uniqueTokens, "parameters": x.parameters, "tokens": x.tokens, "epochs": x.epochs,
             "effective_tokens": x.effectiveTokens, "loss": x.loss, "unconstrained_loss": x.unconstrainedLoss,
             "unconstrained_parameters": x.unconstrainedParameters] as [String: Any]
        }
        o["inference_aware"] = answer.inferenceAware.map { x in
            ["law": x.law, "target_loss": x.targetLoss, "inference_tokens": x.inferenceTokens, "parameters": x.parameters,
             "training_tokens": x.trainingTokens, "training_flops": x.trainingFlops, "inference_flops": x.inferenceFlops,
             "total_flops": x.totalFlops, "compute_optimal_parameters": x.computeOptimalParameters,
             "compute_optimal_total_flops": x.computeOptimalTotalFlops, "saved_flops": x.savedFlops] as [String: Any]
        }
        o["target_loss"] = answer.targetLoss.map { law, r -> [String: Any] in
            switch r {
            case let .success(t):
                return ["law": law, "target_loss": t.targetLoss, "flops": Self.estimate(t.flops), "parameters": t.parameters as Any? ?? NSNull(),
                        "tokens": t.tokens as Any? ?? NSNull(), "draws_never_reaching": t.drawsNeverReaching]
            case let .failure(e):
                return ["law": law, "error": e.description]
            }
        }
        o["hyperparameters"] = answer.hyperparameters.map { h in
            ["law": h.law, "source": h.source, "verification": h.verification.rawValue, "learning_rate": h.learningRate,
             "batch_tokens": h.batchTokens, "fitted_range": h.fittedRange as Any? ?? NSNull(),
             "extrapolation_factor": h.extrapolationFactor as Any? ?? NSNull(), "schedule": h.schedule, "notes": h.notes] as [String: Any]
        }
        o.merge(planningJSON()) { _, planned in planned }
        let object = FitReport.sanitised(o)
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }
}
