import Testing
import TestSupport
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// Screening the start grid (optimise only the starts where the objective is lowest) and
/// warm-starting L-BFGS with another run's curvature pairs.
@Suite struct StartScreeningTests {
    /// The kept starts are the K lowest, returned in grid order; ties go to the earlier start
    /// and non-finite values rank last.
    @Test func keepsTheLowestStartsInGridOrder() {
        let f = DistanceFromThree()
        let starts: [[Double]] = [[0], [99], [5], [3], [1], [4], [2], [3]]
        #expect(StartScreening(keep: 3).select(starts, f) == [3, 5, 7])
        #expect(StartScreening(keep: 4).select(starts, f) == [3, 5, 6, 7])
        #expect(StartScreening(keep: 5).select(starts, f) == [2, 3, 5, 6, 7], "|5−3| = |1−3|: the earlier start wins")
        #expect(StartScreening(keep: 7).select(starts, f) == [0, 2, 3, 4, 5, 6, 7], "NaN ranks last")
        #expect(StartScreening(keep: 20).select(starts, f) == Array(0..<8), "a grid no larger than keep is kept whole")
    }

    /// A study drawn from the Chinchilla law (6×6 sizes × tokens, 1% noise): the screened
    /// Hoffmann grid (64 starts optimised) ends where L-BFGS from all 4500 starts does.
    @Test func screenedGridReachesTheExhaustiveOptimum() throws {
        let points = SyntheticStudy.grid(.chinchillaRounded, sizes: 6, seed: 3)
        var screened = ParametricLawFit.Settings()
        screened.screening = StartScreening(keep: 64)
        let fast = try ParametricLawFit.fit(points, settings: screened)
        var exhaustive = ParametricLawFit.Settings()
        exhaustive.screening = nil
        let slow = try ParametricLawFit.fit(points, settings: exhaustive)
        #expect(fast.startCount == 64 && fast.gridStartCount == 4500)
        #expect(slow.startCount == 4500 && slow.gridStartCount == 4500)
        #expect(abs(fast.objective - slow.objective) <= 1e-9 * slow.objective, "screened \(fast.objective) vs exhaustive \(slow.objective)")
        for k in 0..<5 {
            #expect(abs(fast.logParameters[k] - slow.logParameters[k]) <= 1e-4 * max(1, abs(slow.logParameters[k])),
                    "parameter \(k): \(fast.logParameters[k]) vs \(slow.logParameters[k])")
        }
    }

    /// Epoch's 240 points: the screened full grid gives Epoch's published optimum (methods.md §10
    /// row 4), the same as the 32-start subset the replication test uses.
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func screenedGridReproducesEpoch() throws {
        let points = try EpochData.cleaned()
        let fit = try ParametricLawFit.fit(points)
        #expect(fit.startCount == StartScreening.standard.keep && fit.gridStartCount == 4500)
        #expect(abs(fit.objective - 1.01827e-3) < 1e-3 * 1.01827e-3, "objective = \(fit.objective)")
        #expect(abs(fit.law.A - 477.83) < 0.5 && abs(fit.law.B - 2143.4) < 2, "A \(fit.law.A), B \(fit.law.B)")
        #expect(abs(fit.law.E - 1.81722) < 1e-4 && abs(fit.law.alpha - 0.34731) < 1e-4 && abs(fit.law.beta - 0.36717) < 1e-4)
    }

    /// Seeding L-BFGS with the pairs of a converged run on a nearby problem changes the route,
    /// not the destination, and takes fewer evaluations on an ill-conditioned objective.
    @Test func curvatureSeedKeepsTheMinimumAndSavesEvaluations() throws {
        let points = SyntheticStudy.grid(.chinchillaRounded, sizes: 8, seed: 4)
        var settings = ParametricLawFit.Settings()
        settings.grid = .subset
        let fit = try ParametricLawFit.fit(points, settings: settings)
        #expect(fit.curvature.count > 0)
        var weighted = ParametricLawObjective(observations: points)
        var rng = SplitMix64(seed: 9)
        weighted.weights = ResamplingPlan.independentPoints(points.count).multiplicities(
            of: ResamplingPlan.independentPoints(points.count).draw(&rng))
        let optimiser = LBFGS()
        let cold = optimiser.minimize(weighted, from: fit.logParameters)
        let warm = optimiser.minimize(weighted, from: fit.logParameters, curvature: fit.curvature)
        #expect(cold.status.isConverged && warm.status.isConverged)
        #expect(abs(warm.value - cold.value) <= 1e-9 * cold.value, "\(warm.value) vs \(cold.value)")
        for k in 0..<5 { #expect(abs(warm.minimizer[k] - cold.minimizer[k]) <= 1e-4 * max(1, abs(cold.minimizer[k]))) }
        #expect(warm.evaluations < cold.evaluations, "warm \(warm.evaluations) vs cold \(cold.evaluations) evaluations")
    }

    /// Pairs with sᵀy ≤ 0 (not curvature information) are ignored rather than trusted.
    @Test func nonPositiveCurvaturePairsAreIgnored() {
        let f = ClosureObjective(dimension: 2) { x, g in
            g[0] = 2 * (x[0] - 1); g[1] = 200 * (x[1] + 2)
            return (x[0] - 1) * (x[0] - 1) + 100 * (x[1] + 2) * (x[1] + 2)
        }
        var bad = LBFGS.CurvaturePairs()
        bad.steps = [[1, 0], [0, 1]]
        bad.gradientChanges = [[-1, 0], [0, -5]]
        let r = LBFGS().minimize(f, from: [5, 5], curvature: bad)
        #expect(r.status.isConverged)
        #expect(abs(r.minimizer[0] - 1) < 1e-6 && abs(r.minimizer[1] + 2) < 1e-6)
    }

    /// |x − 3|, and NaN at 99 (a start where the objective cannot be evaluated).
    struct DistanceFromThree: DifferentiableObjective, Sendable {
        var dimension: Int { 1 }
        func value(at x: [Double], gradient: inout [Double]) -> Double {
            gradient[0] = 0
            return x[0] == 99 ? .nan : abs(x[0] - 3)
        }
    }
}
