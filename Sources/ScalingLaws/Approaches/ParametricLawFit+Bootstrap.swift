extension ParametricLawFit {
    /// Names of the bootstrapped quantities: the five parameters and the allocation.
    public static let bootstrapNames = ["E", "A", "B", "alpha", "beta", "G", "a", "b"]

    /// Refit every replicate from the full-data optimum plus `extraStarts` (methods.md §9.5
    /// warns that warm starts alone can hide multi-modality; add grid starts to guard).
    /// A replicate is a weighting of the points by their multiplicity in the draw. Each refit
    /// starts with the full-data run's curvature pairs, so its first steps are already
    /// quasi-Newton steps; it stops by the same rules, at the replicate's own optimum.
    public static func bootstrap(_ observations: [LossObservation], fit: ParametricLawFit,
                                 bootstrap: Bootstrap, plan: ResamplingPlan? = nil,
                                 extraStarts: [[Double]] = [], settings: Settings = Settings()) -> BootstrapSummary {
        let plan = plan ?? .independentPoints(observations.count)
        let objective = ParametricLawObjective(observations: observations, delta: settings.delta)
        let optimiser = LBFGS(settings: settings.optimiser)
        let starts = [fit.logParameters] + extraStarts
        return bootstrap.run(plan: plan, names: bootstrapNames) { draw in
            var weighted = objective
            weighted.weights = plan.multiplicities(of: draw)
            guard let r = bestMinimizer(weighted, starts: starts, optimiser: optimiser, curvature: fit.curvature) else {
                throw FitError.noConvergence(model: "Approach 3 bootstrap", starts: starts.count)
            }
            return summaryValues(ParametricLaw(logParameters: r.minimizer))
        }
    }

    static func summaryValues(_ law: ParametricLaw) -> [String: Double] {
        let alloc = law.allocation
        return ["E": law.E, "A": law.A, "B": law.B, "alpha": law.alpha, "beta": law.beta,
                "G": alloc.G, "a": alloc.a, "b": alloc.b]
    }
}
