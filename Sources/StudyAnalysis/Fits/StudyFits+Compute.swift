import Glibc
import ScalingLaws

extension StudyFits {
    /// Runs whose final loss the laws may use: finished, or stopped (stale) without a
    /// planned end to compare against. A run still training is not at its final loss, nor
    /// is one its writer recorded as failed.
    public static func isComplete(_ run: RunSummary) -> Bool {
        run.status == .finished || (run.status == .stale && run.plannedTokens == nil && run.failure == nil)
    }

    /// Fit everything from `runs`. Pure and deterministic (seeded bootstrap), so the
    /// dashboard can run it on a background thread and tests can compare its output.
    /// `threads` is for the bootstrap refits: the dashboard uses one, to stay out of the way.
    /// `progress` counts each bootstrap's replicates (for the status line). The dashboard
    /// keeps a `StudyFitter` instead, which refits only what changed.
    public static func compute(_ runs: [RunSummary], bootstrapSamples: Int = 200, seed: UInt64 = 1,
                               threads: Int = 1, progress: ProgressCounter? = nil) -> StudyFits {
        var fitter = StudyFitter(bootstrapSamples: bootstrapSamples, seed: seed, threads: threads)
        return fitter.fit(runs, progress: progress)
    }

    /// The runs whose final points the laws use (see `isComplete`).
    static func completeRuns(_ runs: [RunSummary]) -> [RunSummary] {
        runs.filter { isComplete($0) && $0.parameters != nil && $0.flops != nil && $0.finalLoss != nil }
    }

    /// What the IsoFLOP fit reads of each run.
    static func isoFLOPInputs(_ runs: [RunSummary]) -> [IsoFLOPSlices.Input] {
        runs.compactMap { r -> IsoFLOPSlices.Input? in
            guard let n = r.parameters, let c = r.flops, let l = r.finalLoss else { return nil }
            return IsoFLOPSlices.Input(parameters: n, flops: c, loss: l, isComplete: isComplete(r), curve: r.flopsCurve)
        }
    }

    /// Every run's (compute so far, loss) for the frontier.
    static func frontierPoints(_ runs: [RunSummary]) -> [Frontier.Point] {
        runs.compactMap { r -> Frontier.Point? in
            guard let c = r.flops, let l = r.finalLoss, c > 0, l > 0, c.isFinite, l.isFinite else { return nil }
            return Frontier.Point(runID: r.id, flops: c, loss: l, status: r.status)
        }
    }

    /// The finished runs' final losses for Approach 3.
    static func parametricObservations(_ complete: [RunSummary]) -> [LossObservation] {
        complete.compactMap { r -> LossObservation? in
            guard let n = r.parameters, let d = r.tokens, let l = r.finalLoss, d > 0 else { return nil }
            return LossObservation(parameters: n, tokens: d, loss: l)
        }
    }

    static func fitIsoFLOP(_ inputs: [IsoFLOPSlices.Input], bootstrap: Bootstrap) -> FitOutcome<IsoFLOP> {
        guard let slices = IsoFLOPSlices.make(from: inputs) else {
            let sizes = Set(inputs.map(\.parameters)).count
            return .waiting("needs 2 budgets reached by 3 sizes each (\(sizes) sizes with compute so far)")
        }
        let analysis: IsoFLOPAnalysis
        do {
            analysis = try IsoFLOPAnalysis.fit(slices.points)
        } catch {
            return .failed(error.description)
        }
        // Unidentified (fewer than 3 budgets, flat losses), the profiles are still drawn; the
        // trend through their vertices is marked, gets no band, and is no what-if law.
        let design = DesignIdentifiability.checkIsoFLOP(usedBudgets: analysis.usedBudgets.count, losses: slices.points.map(\.loss))
        let used = analysis.profiles.filter(\.vertexInsideSampledSizes)
        let replicates = design.isIdentified ? VertexBootstrap.run(used, samples: bootstrap.samples, seed: bootstrap.seed) : []
        let laws: [(Double) -> Double] = replicates.map { r in { c in exp(r.logCoefficient) * pow(c, r.exponent) } }
        let exponents = replicates.map(\.exponent).sorted()
        let tail = (1 - level) / 2
        let interval = exponents.count >= 10
            ? Percentile.of(sorted: exponents, tail)...Percentile.of(sorted: exponents, 1 - tail) : nil
        let budgets = used.map(\.flops)
        let curve = BandSample.logSpaced(from: budgets.min()! / 2, to: budgets.max()! * 2, level: level,
                                         center: { analysis.optimalParameters($0) }, replicates: laws)
        // D_opt = C/(6·N_opt) = (1/(6k))·C^(1−a), the split every replicate implies.
        let draws = replicates.map { r in
            PowerLawAllocation(parametersCoefficient: exp(r.logCoefficient), parametersExponent: r.exponent,
                               tokensCoefficient: exp(-r.logCoefficient) / 6, tokensExponent: 1 - r.exponent)
        }
        return .fitted(IsoFLOP(slices: slices, analysis: analysis, optimalParametersCurve: curve,
                               exponentInterval: interval, allocationDraws: draws, design: design))
    }

    /// `memo`: the last refit's fits, reused where they read the same frontier points.
    static func fitFrontier(_ points: [Frontier.Point], bootstrap: Bootstrap, memo: FrontierRefitMemo? = nil) -> Frontier {
        let flops = points.map(\.flops), loss = points.map(\.loss)
        let front = ParetoFrontier.nonDominated(flops: flops, loss: loss)
        var frontier = Frontier(points: points, nonDominated: front, law: .waiting(""), lawCurve: [], exponentInterval: nil,
                                lawDraws: [])
        guard front.count >= 3 else {
            frontier.law = .waiting("needs 3 non-dominated runs with compute and loss (have \(front.count))")
            return frontier
        }
        let fit: FrontierFit
        let frontFlops = front.map { flops[$0] }, frontLoss = front.map { loss[$0] }
        if var kept = memo?.estimate(flops: frontFlops, loss: frontLoss) {
            kept.frontier = front   // the same points, perhaps at other places among the runs
            fit = kept
        } else {
            do {
                fit = try FrontierFit.fit(flops: flops, loss: loss)
            } catch {
                frontier.law = .failed(error.description)
                return frontier
            }
            memo?.keep(estimate: fit, flops: frontFlops, loss: frontLoss)
        }
        frontier.law = .fitted(fit.law)
        let summary = FrontierFit.bootstrap(flops: flops, loss: loss, estimate: fit, memo: memo, bootstrap: bootstrap)
        let e = summary.replicates["E"] ?? [], c0 = summary.replicates["C0"] ?? [], g = summary.replicates["gamma"] ?? []
        let draws = (0..<min(e.count, c0.count, g.count)).map { k in
            SaturatingPowerLaw(irreducibleLoss: e[k], scale: c0[k], exponent: g[k])
        }
        let laws: [(Double) -> Double] = draws.map { law in { law($0) } }
        frontier.lawDraws = draws
        frontier.lawCurve = BandSample.logSpaced(from: flops.min()!, to: flops.max()!, level: level,
                                                 center: { fit.law($0) }, replicates: laws)
        frontier.exponentInterval = summary.estimates["gamma"]?.interval
        return frontier
    }

    static func fitParametric(_ observations: [LossObservation], bootstrap: Bootstrap) -> FitOutcome<Parametric> {
        guard observations.count >= 6 else {
            return .waiting("Approach 3 needs 6 finished runs with size and tokens (have \(observations.count))")
        }
        var settings = ParametricLawFit.Settings()
        settings.grid = .subset
        do {
            let fit = try ParametricLawFit.fit(observations, settings: settings)
            let design = DesignIdentifiability.check(observations).adding(fit.diagnostics)
            guard design.isIdentified else { return .unidentified(design.problems.map(\.description).joined(separator: "; ")) }
            let summary = ParametricLawFit.bootstrap(observations, fit: fit, bootstrap: bootstrap, settings: settings)
            let names = ["E", "A", "B", "alpha", "beta"].map { summary.replicates[$0] ?? [] }
            let count = names.map(\.count).min() ?? 0
            let replicates = (0..<count).map { k in
                ParametricLaw(E: names[0][k], A: names[1][k], B: names[2][k], alpha: names[3][k], beta: names[4][k])
            }
            return .fitted(Parametric(law: fit.law, replicates: replicates, runCount: observations.count))
        } catch {
            return .failed(error.description)
        }
    }
}
