import Foundation
import ScalingLaws

/// Runs the chosen method on the loaded input and builds its report.
struct FitRunner {
    let command: FitCommand
    let data: FitInput
    /// Counts multi-start fits and bootstrap replicates, for the progress line on stderr.
    var progress: ProgressCounter? = nil

    var bootstrapSettings: Bootstrap? {
        guard command.bootstrap > 0 else { return nil }
        var b = Bootstrap(samples: command.bootstrap, seed: command.seed)
        b.progress = progress
        return b
    }

    /// "32 starts", or "64 of 4500 grid starts (screened)" when the grid was screened down
    /// to its lowest starts before optimising.
    static func startsText(_ fit: ParametricLawFit) -> String {
        fit.startCount < fit.gridStartCount
            ? "\(fit.startCount) of \(fit.gridStartCount) grid starts (screened)" : "\(fit.startCount) starts"
    }

    func run() throws -> FitReport {
        do {
            switch command.method {
            case .approach1: return try approach1()
            case .approach2: return try approach2()
            case .approach3: return try approach3()
            case .kaplan: return try kaplan()
            case .frontier: return try frontier()
            }
        } catch let error as FitError {
            throw FitCommandError("\(origin(of: error)): \(command.method.rawValue): \(error)")
        }
    }

    /// The file and line (or run) a point-level error refers to.
    func origin(of error: FitError) -> String {
        switch error {
        case let .nonFiniteInput(_, index), let .nonPositiveInput(_, index, _):
            if command.method != .approach1 && command.method != .frontier && data.finalOrigins.indices.contains(index) {
                return data.finalOrigins[index]
            }
            return data.source
        default:
            return data.source
        }
    }

    /// Final points as a run-level resampling plan.
    var finalsPlan: ResamplingPlan { .runs(data.finalRun) }

    // MARK: Approach 3

    func approach3() throws -> FitReport {
        var settings = ParametricLawFit.Settings()
        settings.grid = command.grid == .hoffmann ? .hoffmann : .subset
        settings.progress = progress
        let started = MonotonicClock.seconds()
        let fit = try ParametricLawFit.fit(data.finals, settings: settings)
        let fitted = MonotonicClock.seconds()
        let summary = bootstrapSettings.map {
            ParametricLawFit.bootstrap(data.finals, fit: fit, bootstrap: $0, plan: finalsPlan, settings: settings)
        }
        let finished = MonotonicClock.seconds()
        let law = fit.law, alloc = law.allocation
        let design = DesignIdentifiability.check(data.finals).adding(fit.diagnostics)
        var r = FitReport()
        r.json = [
            "method": "approach3",
            "parameters": ["E": law.E, "A": law.A, "B": law.B, "alpha": law.alpha, "beta": law.beta],
            "objective": fit.objective,
            "allocation": design.isIdentified ? ["G": alloc.G, "a": alloc.a, "b": alloc.b] as Any : NSNull(),
            "points": fit.pointCount,
            "diagnostics": [
                "condition_number_centred": fit.diagnostics.conditionNumber,
                "condition_number_raw": fit.rawConditionNumber,
                "starts": fit.startCount, "grid_starts": fit.gridStartCount, "starts_converged": fit.convergedStarts, "starts_at_best": fit.startsAtBest,
                "status": fit.status.rawValue, "gradient_norm": fit.gradientNorm,
                "residual_rms": rms(fit.residuals),
            ] as [String: Any],
            "residuals": fit.residuals,
        ]
        let ci = { (name: String) in summary?.estimates[name]?.interval }
        for (name, v) in [("E", law.E), ("A", law.A), ("B", law.B), ("alpha", law.alpha), ("beta", law.beta),
                          ("G", alloc.G), ("a", alloc.a), ("b", alloc.b)] where design.isIdentified || !FitReport.allocationNames.contains(name) {
            r.quantity(name, v, ci(name))
        }
        r.quantity("objective", fit.objective)
        r.quantity("points", Double(fit.pointCount))
        r.quantity("condition_number_centred", fit.diagnostics.conditionNumber)
        r.tableLines = [
            "Approach 3: L(N, D) = E + A/N^α + B/D^β   (Huber δ = 1e-3 on log residuals, summed; L-BFGS)",
            "\(fit.pointCount) points from \(data.source); \(Self.startsText(fit)), \(fit.startsAtBest) reached the best objective",
            "",
        ]
        r.tableLines += FitReport.table(["parameter", "value", "95% interval"], [
            ("E", law.E), ("A", law.A), ("B", law.B), ("α", law.alpha), ("β", law.beta),
            ("G", alloc.G), ("a = β/(α+β)", alloc.a), ("b = α/(α+β)", alloc.b),
        ].map { name, v in
            let key = ["α": "alpha", "β": "beta", "a = β/(α+β)": "a", "b = α/(α+β)": "b"][name] ?? name
            guard design.isIdentified || !FitReport.allocationNames.contains(key) else { return [name, "unidentified", "—"] }
            return [name, FitReport.text(v, 5), ci(key).map { "[" + FitReport.text($0.lowerBound) + ", " + FitReport.text($0.upperBound) + "]" } ?? "—"]
        })
        r.tableLines += [
            "",
            "objective \(FitReport.text(fit.objective, 6))   optimiser: \(fit.status.rawValue), ‖∇‖∞ \(FitReport.text(fit.gradientNorm, 2))",
            "condition number of the Jacobian: \(FitReport.text(fit.diagnostics.conditionNumber, 3)) centred, \(FitReport.text(fit.rawConditionNumber, 3)) raw",
            design.isIdentified
                ? "compute-optimal: N_opt = \(FitReport.text(alloc.G)) · (C/6)^\(FitReport.text(alloc.a)),  D/N at 1e21 FLOPs = \(FitReport.text(alloc.tokensPerParameter(flops: 1e21), 3))"
                : "compute-optimal allocation: NOT REPORTED, this design cannot separate N from D (see below)",
        ]
        r.addBootstrap(summary, omitting: design.isIdentified ? [] : FitReport.allocationNames)
        r.addIdentifiability(design)
        r.addWarnings(design.isIdentified ? fit.warnings : fit.warnings.filter { !$0.contains("trust derived quantities") })
        if command.timing {
            // In-process times, comparable with a reference timed inside its own interpreter.
            r.json["timing"] = ["fit_seconds": fitted - started, "bootstrap_seconds": finished - fitted,
                                "bootstrap_samples": command.bootstrap] as [String: Any]
            FileHandle.standardError.write(Data(String(format: "timing: fit %.6f s, bootstrap (%d) %.6f s\n",
                                                       fitted - started, command.bootstrap, finished - fitted).utf8))
        }
        return r
    }

    // MARK: Kaplan

    func kaplan() throws -> FitReport {
        let fit = try KaplanJointLawFit.fit(data.finals)
        let design = DesignIdentifiability.check(data.finals).adding(fit.diagnostics)
        let summary = bootstrapSettings.map { KaplanJointLawFit.bootstrap(data.finals, plan: finalsPlan, bootstrap: $0) }
        let law = fit.law
        var r = FitReport()
        let values = [("Nc", law.criticalParameters), ("Dc", law.criticalTokens), ("alpha_N", law.alphaN), ("alpha_D", law.alphaD)]
        r.json = [
            "method": "kaplan",
            "parameters": Dictionary(uniqueKeysWithValues: values.map { ($0.0, $0.1 as Any) }),
            "objective": fit.objective,
            "points": data.finals.count,
            "diagnostics": ["condition_number_centred": fit.diagnostics.conditionNumber, "residual_rms": rms(fit.residuals)] as [String: Any],
            "residuals": fit.residuals,
        ]
        for (n, v) in values { r.quantity(n, v, summary?.estimates[n]?.interval) }
        r.quantity("objective", fit.objective)
        r.tableLines = ["Kaplan et al. 2020: L(N, D) = [(Nc/N)^(αN/αD) + Dc/D]^αD   (least squares on log L)",
                        "\(data.finals.count) points from \(data.source)", ""]
        r.tableLines += FitReport.table(["parameter", "value", "95% interval"], values.map { n, v in
            [n, FitReport.text(v, 5), summary?.estimates[n].map { "[" + FitReport.text($0.interval.lowerBound) + ", " + FitReport.text($0.interval.upperBound) + "]" } ?? "—"]
        })
        r.tableLines += ["", "objective ½Σr² = \(FitReport.text(fit.objective, 6)), residual RMS \(FitReport.text(rms(fit.residuals), 3))"]
        r.addBootstrap(summary)
        r.addIdentifiability(design)
        r.addWarnings(fit.warnings)
        return r
    }

    // MARK: Approach 2

    func isoFLOPPoints() -> [IsoFLOPAnalysis.Point] {
        data.finals.indices.map { IsoFLOPAnalysis.Point(flops: data.finalFlops[$0], parameters: data.finals[$0].parameters, loss: data.finals[$0].loss) }
    }

    func approach2() throws -> FitReport {
        let points = isoFLOPPoints()
        let fit = try IsoFLOPAnalysis.fit(points, pointsAroundMinimum: command.approach2Window)
        let design = DesignIdentifiability.checkIsoFLOP(usedBudgets: fit.usedBudgets.count, losses: points.map(\.loss))
        let summary = bootstrapSettings.map { IsoFLOPAnalysis.bootstrap(points, pointsAroundMinimum: command.approach2Window, bootstrap: $0) }
        var r = FitReport()
        let budgets: [[String: Any]] = fit.profiles.map { p in
            ["flops": p.flops, "n_opt": p.optimalParameters, "d_opt": p.optimalTokens, "loss_min": p.minimumLoss,
             "curvature": p.curvature, "points": p.pointCount, "vertex_inside_sampled_sizes": p.vertexInsideSampledSizes,
             "log_n_opt_se": p.logOptimalParametersStandardError ?? Double.nan,
             "sampled_parameters": [p.sampledParameters.lowerBound, p.sampledParameters.upperBound]]
        }
        let aCI = fit.optimalParameters.exponentInterval, bCI = fit.optimalTokens.exponentInterval
        r.json = [
            "method": "approach2",
            "budgets": budgets,
            "allocation": design.isIdentified ? ["a": fit.a, "b": fit.b, "a_plus_b": fit.a + fit.b,
                           "k_n": fit.optimalParameters.coefficient, "k_d": fit.optimalTokens.coefficient,
                           "a_regression_interval": aCI.map { [$0.lowerBound, $0.upperBound] } ?? [],
                           "b_regression_interval": bCI.map { [$0.lowerBound, $0.upperBound] } ?? []] as [String: Any] as Any : NSNull(),
            "points": points.count,
            "budgets_used": fit.usedBudgets.count,
        ]
        for p in fit.profiles {
            let tag = "@" + NumberFormat.general(p.flops)
            r.quantity("n_opt" + tag, p.optimalParameters)
            r.quantity("d_opt" + tag, p.optimalTokens)
            r.quantity("loss_min" + tag, p.minimumLoss)
            r.quantity("curvature" + tag, p.curvature)
        }
        if design.isIdentified {
            r.quantity("a", fit.a, summary?.estimates["a"]?.interval ?? aCI)
            r.quantity("b", fit.b, summary?.estimates["b"]?.interval ?? bCI)
        }
        r.tableLines = ["Approach 2: IsoFLOP profiles (parabola in log N per budget), then N* ∝ C^a, D* ∝ C^b",
                        "\(points.count) runs in \(fit.profiles.count) budgets from \(data.source); " + (command.approach2Window.map { "each parabola fitted to the \($0) sizes nearest its lowest loss" } ?? "each parabola fitted to all sizes") + (fit.vertexWeights == nil ? "; vertices unweighted" : "; vertices weighted by 1/σ² (delta method)"), ""]
        r.tableLines += FitReport.table(["FLOPs", "sizes", "N*", "D*", "L min", "d²L/d(lnN)²", "inside?"], fit.profiles.map { p in
            [FitReport.text(p.flops, 3), "\(p.pointCount)", FitReport.text(p.optimalParameters), FitReport.text(p.optimalTokens),
             FitReport.text(p.minimumLoss), FitReport.text(p.curvature, 3), p.vertexInsideSampledSizes ? "yes" : "NO"]
        })
        let interval = { (ci: ClosedRange<Double>?) in ci.map { " [" + FitReport.text($0.lowerBound) + ", " + FitReport.text($0.upperBound) + "]" } ?? "" }
        if design.isIdentified {
            r.tableLines += ["",
                             "a = \(FitReport.text(fit.a))\(interval(summary?.estimates["a"]?.interval ?? aCI))   b = \(FitReport.text(fit.b))\(interval(summary?.estimates["b"]?.interval ?? bCI))   a + b = \(FitReport.text(fit.a + fit.b))",
                             summary == nil ? "(intervals: 95% t-intervals of the log-log regression through the vertices)" : "(intervals: bootstrap within each budget)"]
        } else {
            r.tableLines += ["", "a, b: NOT REPORTED, this design cannot identify N_opt(C) (see below)"]
        }
        r.addBootstrap(summary, omitting: design.isIdentified ? [] : ["a", "b"])
        r.addIdentifiability(design)
        r.addWarnings(fit.warnings)
        return r
    }

    // MARK: Approach 1

    func approach1() throws -> FitReport {
        let curves = data.curves
        let env = try ComputeEnvelope.fit(curves)
        let summary = bootstrapSettings.map { b in
            b.run(plan: .independentPoints(curves.count), names: ["a", "b"]) { draw in
                let e = try ComputeEnvelope.fit(draw.map { curves[$0] }, flopValues: 300)
                return ["a": e.optimalParameters.exponent, "b": e.optimalTokens.exponent]
            }
        }
        let a = env.optimalParameters.exponent, b = env.optimalTokens.exponent
        let design = DesignIdentifiability.checkEnvelope(sizes: env.samples.map { curves[$0.run].parameters },
                                                         losses: curves.compactMap(\.loss.last))
        var r = FitReport()
        r.json = [
            "method": "approach1",
            "allocation": design.isIdentified ? ["a": a, "b": b, "k_n": env.optimalParameters.coefficient, "k_d": env.optimalTokens.coefficient] as [String: Any] as Any : NSNull(),
            "runs": curves.count,
            "envelope": env.switches.map { ["flops": $0.flops, "from": curves[$0.fromRun].name, "to": curves[$0.toRun].name] },
            "envelope_runs": Array(Set(env.samples.map { curves[$0.run].name })).sorted(),
        ]
        if design.isIdentified {
            r.quantity("a", a, summary?.estimates["a"]?.interval)
            r.quantity("b", b, summary?.estimates["b"]?.interval)
        }
        r.tableLines = ["Approach 1: lowest loss at each of 1500 log-spaced FLOP values, then N_opt ∝ C^a, D_opt ∝ C^b",
                        "\(curves.count) runs from \(data.source)", ""]
        r.tableLines += FitReport.table(["from FLOPs", "best run", "N"], ([env.samples.first].compactMap { $0 }.map { ($0.flops, $0.run) } + env.switches.map { ($0.flops, $0.toRun) }).map {
            [FitReport.text($0.0, 3), curves[$0.1].name, FitReport.text(curves[$0.1].parameters)]
        })
        r.tableLines += ["", design.isIdentified ? "a = \(FitReport.text(a))   b = \(FitReport.text(b))"
                                                 : "a, b: NOT REPORTED, this design cannot identify N_opt(C) (see below)"]
        r.addBootstrap(summary, omitting: design.isIdentified ? [] : ["a", "b"])
        r.addIdentifiability(design)
        r.addWarnings(env.warnings)
        return r
    }

    // MARK: Frontier

    func frontier() throws -> FitReport {
        let flops = data.checkpointFlops, loss = data.checkpointLoss
        let fit = try FrontierFit.fit(flops: flops, loss: loss, convexHull: command.convexHull)
        let summary = bootstrapSettings.map {
            FrontierFit.bootstrap(flops: flops, loss: loss, convexHull: command.convexHull, plan: .runs(data.checkpointRun),
                                  estimate: fit, bootstrap: $0)
        }
        let law = fit.law
        var r = FitReport()
        r.json = [
            "method": "frontier",
            "parameters": ["E": law.irreducibleLoss, "C0": law.scale, "gamma": law.exponent],
            "objective": fit.fit.objective,
            "frontier": fit.frontier.map { ["flops": flops[$0], "loss": loss[$0], "run": data.runNames[data.checkpointRun[$0]]] as [String: Any] },
            "points": flops.count,
            "diagnostics": ["condition_number_centred": fit.fit.diagnostics.conditionNumber] as [String: Any],
        ]
        for (n, v) in [("E", law.irreducibleLoss), ("C0", law.scale), ("gamma", law.exponent)] {
            r.quantity(n, v, summary?.estimates[n]?.interval)
        }
        r.quantity("objective", fit.fit.objective)
        r.tableLines = ["Pareto frontier: L(C) = E + (C0/C)^γ fitted to the non-dominated runs\(command.convexHull ? " (lower convex hull)" : "")",
                        "\(fit.frontier.count) frontier points of \(flops.count) from \(data.source)", ""]
        r.tableLines += FitReport.table(["FLOPs", "loss", "run"], fit.frontier.map {
            [FitReport.text(flops[$0], 3), FitReport.text(loss[$0]), data.runNames[data.checkpointRun[$0]]]
        })
        r.tableLines += ["", "E = \(FitReport.text(law.irreducibleLoss))   C0 = \(FitReport.text(law.scale))   γ = \(FitReport.text(law.exponent))   objective \(FitReport.text(fit.fit.objective, 4))"]
        r.addBootstrap(summary)
        r.addWarnings(fit.warnings)
        return r
    }

    func rms(_ r: [Double]) -> Double {
        r.isEmpty ? 0 : (r.reduce(0) { $0 + $1 * $1 } / Double(r.count)).squareRoot()
    }
}
