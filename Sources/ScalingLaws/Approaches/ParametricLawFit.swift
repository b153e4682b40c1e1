#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chinchilla Approach 3 (Hoffmann et al. 2022, §3.3 and Appendix D.2): fit
/// L̂(N, D) = E + A/N^α + B/D^β by the summed Huber loss (δ = 1e-3) on log residuals,
/// L-BFGS from every start of a grid, keep the best.
public struct ParametricLawFit: Sendable {
    public struct Settings: Sendable {
        public var delta = 1e-3
        public var grid = HoffmannStartGrid.hoffmann
        /// Run the optimiser only from the grid's most promising starts (nil: from every start).
        public var screening: StartScreening? = .standard
        public var optimiser = LBFGS.Settings()
        /// Counts starts as they finish (stage "starts"), for a progress display.
        public var progress: ProgressCounter?
        public init() {}
    }

    public var law: ParametricLaw
    /// (log A, log B, log E, α, β) at the optimum.
    public var logParameters: [Double]
    /// Σ Huber_δ(rᵢ), unscaled.
    public var objective: Double
    /// Log residuals log L̂ − log L per point.
    public var residuals: [Double]
    public var pointCount: Int
    /// Starts the optimiser ran from (all of the grid unless it was screened).
    public var startCount: Int
    /// Starts in the grid.
    public var gridStartCount: Int
    /// Starts whose optimiser reported convergence.
    public var convergedStarts: Int
    /// Optimised starts that ended within 1e-6 relative of the best objective (§9.6 rule 5).
    public var startsAtBest: Int
    /// ‖∇‖∞ of the optimiser's (δ-scaled) objective at the answer, after the re-run.
    public var gradientNorm: Double
    public var status: LBFGS.Status
    /// Jacobian diagnostics in centred coordinates (N/N_ref, D/D_ref at geometric means).
    public var diagnostics: FitDiagnostics
    /// Condition number of the Jacobian in raw (a, b, e, α, β) coordinates.
    public var rawConditionNumber: Double
    public var warnings: [String]
    /// The optimiser's curvature pairs at the answer, to warm-start bootstrap refits.
    public var curvature: LBFGS.CurvaturePairs

    public static let parameterNames = ["E", "A", "B", "alpha", "beta"]

    /// Checks from methods.md §9.6 before any optimisation.
    public static func validate(_ observations: [LossObservation], model: String = "L(N, D) = E + A/N^α + B/D^β") throws(FitError) {
        for (i, o) in observations.enumerated() {
            for (name, v) in [("parameters", o.parameters), ("tokens", o.tokens), ("loss", o.loss)] {
                guard v.isFinite else { throw .nonFiniteInput(quantity: name, index: i) }
                guard v > 0 else { throw .nonPositiveInput(quantity: name, index: i, value: v) }
            }
        }
        try InputValidation.requireCount(observations.count, atLeast: 5, model: model)
        if InputValidation.distinctCount(observations.map(\.parameters)) < 2 {
            throw .singleModelSize(model: model, parameters: observations[0].parameters)
        }
        if InputValidation.distinctCount(observations.map(\.tokens)) < 2 {
            throw .singleTokenCount(model: model, tokens: observations[0].tokens)
        }
    }

    public static func fit(_ observations: [LossObservation], settings: Settings = Settings()) throws(FitError) -> ParametricLawFit {
        try validate(observations)
        let objective = ParametricLawObjective(observations: observations, delta: settings.delta)
        let grid = settings.grid.starts
        var starts = grid
        var results: [LBFGS.Result] = []
        let optimiser = LBFGS(settings: settings.optimiser)
        if let screening = settings.screening {
            let kept = screening.select(grid, objective)
            starts = kept.map { grid[$0] }
            results = optimise(objective, from: starts, optimiser, settings.progress)
            // Nothing admissible among the screened starts: run the rest of the grid too.
            if !results.contains(where: { $0.value.isFinite && isAdmissible($0.minimizer) }) {
                let rest = Set(grid.indices).subtracting(kept).sorted().map { grid[$0] }
                starts += rest
                results += optimise(objective, from: rest, optimiser, settings.progress)
            }
        } else {
            results = optimise(objective, from: starts, optimiser, settings.progress)
        }
        var best: LBFGS.Result? = nil
        var finals: [Double] = []
        var converged = 0
        for r in results {
            guard r.value.isFinite else { continue }
            if r.status.isConverged { converged += 1 }
            guard isAdmissible(r.minimizer) else { continue }
            finals.append(r.value)
            if best == nil || r.value < best!.value { best = r }
        }
        guard var answer = best else { throw .noConvergence(model: "Approach 3", starts: starts.count) }
        // Re-run from the answer to confirm it is stationary (methods.md §9.2).
        let again = optimiser.minimize(objective, from: answer.minimizer)
        var curvature = answer.curvature
        curvature.steps += again.curvature.steps
        curvature.gradientChanges += again.curvature.gradientChanges
        if again.value <= answer.value && isAdmissible(again.minimizer) { answer = again }
        let bestValue = answer.value
        let atBest = finals.filter { ($0 - bestValue) <= 1e-6 * abs(bestValue) }.count

        let theta = answer.minimizer
        var warnings: [String] = []
        if settings.grid.isOnOrOutsideEdge(theta) {
            warnings.append("the best fit lies on or outside the edge of the start grid; widen the grid")
        }
        if !answer.status.isConverged {
            warnings.append("the optimiser stopped by \(answer.status.rawValue), not by convergence")
        }
        let diagnostics = FitDiagnostics(jacobian: jacobian(objective, theta, centred: true),
                                         parameterNames: ["log A_ref", "log B_ref", "log E", "alpha", "beta"])
        let rawCond = (try? SingularValues.conditionNumber(jacobian(objective, theta, centred: false))) ?? .infinity
        warnings += diagnostics.warnings
        return ParametricLawFit(
            law: ParametricLaw(logParameters: theta), logParameters: theta,
            objective: objective.huberSum(at: theta), residuals: objective.residuals(at: theta),
            pointCount: observations.count, startCount: starts.count, gridStartCount: grid.count,
            convergedStarts: converged, startsAtBest: atBest, gradientNorm: answer.gradientNorm,
            status: answer.status, diagnostics: diagnostics, rawConditionNumber: rawCond,
            warnings: warnings, curvature: curvature)
    }

    /// L-BFGS from each start on all cores; results in start order, so whatever reduces them
    /// does not depend on the thread count.
    private static func optimise(_ objective: ParametricLawObjective, from starts: [[Double]], _ optimiser: LBFGS,
                                 _ progress: ProgressCounter?) -> [LBFGS.Result] {
        progress?.begin("starts", total: starts.count)
        return ParallelMap.map(starts.count) { i in
            defer { progress?.advance() }
            return optimiser.minimize(objective, from: starts[i])
        }
    }

    /// The best admissible result from several starts, for bootstrap refits. Nil if none.
    /// `curvature` seeds every run's memory (see `LBFGS.CurvaturePairs`).
    public static func bestMinimizer(_ objective: ParametricLawObjective, starts: [[Double]],
                                     optimiser: LBFGS, curvature: LBFGS.CurvaturePairs = .init()) -> LBFGS.Result? {
        var best: LBFGS.Result? = nil
        for start in starts {
            let r = optimiser.minimize(objective, from: start, curvature: curvature)
            guard r.value.isFinite, isAdmissible(r.minimizer) else { continue }
            if best == nil || r.value < best!.value { best = r }
        }
        return best
    }

    /// Finite parameters and exponents in (0, 3) (methods.md §9.1: discard fits outside).
    static func isAdmissible(_ theta: [Double]) -> Bool {
        theta.allSatisfy(\.isFinite) && theta[3] > 0 && theta[3] < 3 && theta[4] > 0 && theta[4] < 3
    }

    /// Jacobian of the log residuals with respect to (a, b, e, α, β); centred coordinates
    /// measure log N and log D from their means (a_ref = a − α·mean log N).
    static func jacobian(_ objective: ParametricLawObjective, _ theta: [Double], centred: Bool) -> Matrix {
        let n = objective.logParameters.count
        let meanN = centred ? objective.logParameters.reduce(0, +) / Double(n) : 0
        let meanD = centred ? objective.logTokens.reduce(0, +) / Double(n) : 0
        var j = Matrix(rows: n, cols: 5)
        for i in 0..<n {
            let x1 = theta[0] - theta[3] * objective.logParameters[i]
            let x2 = theta[1] - theta[4] * objective.logTokens[i]
            let m = max(x1, x2, theta[2])
            let e1 = exp(x1 - m), e2 = exp(x2 - m), e3 = exp(theta[2] - m)
            let s = e1 + e2 + e3
            j[i, 0] = e1 / s
            j[i, 1] = e2 / s
            j[i, 2] = e3 / s
            j[i, 3] = -e1 / s * (objective.logParameters[i] - meanN)
            j[i, 4] = -e2 / s * (objective.logTokens[i] - meanD)
        }
        return j
    }
}
