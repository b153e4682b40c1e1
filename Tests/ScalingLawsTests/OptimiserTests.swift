import Testing
@testable import ScalingLaws

/// L-BFGS on textbook problems (Moré, Garbow & Hillstrom 1981) before it meets the laws.
@Suite struct OptimiserTests {
    let optimiser = LBFGS()

    /// Rosenbrock's valley, f = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1).
    @Test func rosenbrockFromTheClassicStart() {
        let f = ClosureObjective(dimension: 2) { x, g in
            let a = x[1] - x[0] * x[0], b = 1 - x[0]
            g[0] = -400 * x[0] * a - 2 * b
            g[1] = 200 * a
            return 100 * a * a + b * b
        }
        let r = optimiser.minimize(f, from: [-1.2, 1])
        #expect(r.status.isConverged)
        #expect(abs(r.minimizer[0] - 1) < 1e-6 && abs(r.minimizer[1] - 1) < 1e-6)
        #expect(r.value < 1e-12)
    }

    /// The extended (chained) Rosenbrock function in 10 dimensions.
    @Test func extendedRosenbrockTenDimensions() {
        let n = 10
        let f = ClosureObjective(dimension: n) { x, g in
            var s = 0.0
            for i in 0..<n { g[i] = 0 }
            for i in 0..<(n - 1) {
                let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
                s += 100 * a * a + b * b
                g[i] += -400 * x[i] * a - 2 * b
                g[i + 1] += 200 * a
            }
            return s
        }
        let r = optimiser.minimize(f, from: [Double](repeating: -1, count: n).enumerated().map { $0.offset.isMultiple(of: 2) ? -1.2 : 1 })
        #expect(r.minimizer.allSatisfy { abs($0 - 1) < 1e-5 })
    }

    /// Beale's function, minimum 0 at (3, 0.5).
    @Test func beale() {
        let f = ClosureObjective(dimension: 2) { p, g in
            let x = p[0], y = p[1]
            let t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y
            g[0] = 2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1)
            g[1] = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y * y
            return t1 * t1 + t2 * t2 + t3 * t3
        }
        let r = optimiser.minimize(f, from: [1, 1])
        #expect(abs(r.minimizer[0] - 3) < 1e-6 && abs(r.minimizer[1] - 0.5) < 1e-6)
    }

    /// An ill-conditioned quadratic (condition 1e6): the exact minimiser, not a nearby point.
    @Test func illConditionedQuadratic() {
        let scales = [1.0, 1e2, 1e4, 1e6]
        let f = ClosureObjective(dimension: 4) { x, g in
            var s = 0.0
            for i in 0..<4 { let d = x[i] - Double(i); s += 0.5 * scales[i] * d * d; g[i] = scales[i] * d }
            return s
        }
        let r = optimiser.minimize(f, from: [10, 10, 10, 10])
        for i in 0..<4 { #expect(abs(r.minimizer[i] - Double(i)) < 1e-6) }
    }

    /// NaN at the start is reported, not iterated on.
    @Test func nonFiniteStartIsReported() {
        let f = ClosureObjective(dimension: 1) { x, g in g[0] = 1; return x[0].squareRoot() }
        let r = optimiser.minimize(f, from: [-1])
        #expect(r.status == .nonFiniteStart)
    }

    /// The analytic gradient of the Approach 3 objective matches central differences.
    @Test func parametricObjectiveGradientMatchesFiniteDifferences() {
        let law = ParametricLaw.chinchillaRounded
        let obs = [(1e8, 2e9), (4e8, 1e10), (1e9, 3e10), (3e9, 5e10), (1e10, 2e11), (2e10, 4e11)].enumerated().map { i, p in
            LossObservation(parameters: p.0, tokens: p.1, loss: law.loss(parameters: p.0, tokens: p.1) * (1 + (i.isMultiple(of: 2) ? 0.004 : -0.0005)))
        }
        let f = ParametricLawObjective(observations: obs)
        let theta = [6.2, 6.1, 0.5, 0.36, 0.3]
        var g = [Double](repeating: 0, count: 5)
        _ = f.value(at: theta, gradient: &g)
        var scratch = g
        for k in 0..<5 {
            var up = theta, down = theta
            let h = 1e-6
            up[k] += h; down[k] -= h
            let numeric = (f.value(at: up, gradient: &scratch) - f.value(at: down, gradient: &scratch)) / (2 * h)
            #expect(abs(numeric - g[k]) <= 1e-5 * max(1, abs(g[k])), "component \(k): \(numeric) vs \(g[k])")
        }
    }
}
