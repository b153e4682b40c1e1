/// Limited-memory BFGS with a strong-Wolfe line search
/// (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithms 7.4, 3.5 and 3.6).
///
/// Hand-written because no Swift package provides one. Stopping rules follow methods.md §9.2:
/// the Chinchilla objective is tiny, so the tolerances are tight and relative only (no
/// `max(|f|, 1)` floor that would stop a 1e-3 objective at the first step).
public struct LBFGS: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Number of correction pairs kept.
        public var memory = 10
        /// Stop when ‖∇f‖∞ ≤ this.
        public var gradientTolerance = 1e-10
        /// Stop when a step lowers f by no more than this fraction of |f|.
        public var relativeReductionTolerance = 1e-15
        public var maxIterations = 2000
        public var maxEvaluations = 20000
        /// Armijo (sufficient decrease) and curvature constants of the strong Wolfe conditions.
        public var sufficientDecrease = 1e-4
        public var curvature = 0.9
        /// Stop zooming once the bracket around a step that lowers f is narrower than this
        /// fraction of the step, and take that step (MINPACK-2 dcsrch's `xtol`, 0.1 in
        /// L-BFGS-B). Near the optimum f is flat to rounding, and narrowing further only
        /// spends evaluations on noise.
        public var stepTolerance = 0.1

        public init() {}
    }

    public enum Status: String, Sendable, Equatable {
        /// ‖∇f‖∞ fell below the gradient tolerance.
        case gradientConverged = "gradient converged"
        /// A step no longer lowered f measurably.
        case reductionStalled = "reduction stalled"
        /// No step along a descent direction met the Wolfe conditions, even steepest descent.
        case lineSearchFailed = "no further decrease (precision limit)"
        case iterationLimit = "iteration limit"
        case evaluationLimit = "evaluation limit"
        /// f or ∇f was NaN or infinite at the starting point.
        case nonFiniteStart = "non-finite start"

        /// Whether the answer can be trusted as a local minimum.
        public var isConverged: Bool {
            self == .gradientConverged || self == .reductionStalled || self == .lineSearchFailed
        }
    }

    public struct Result: Sendable, Equatable {
        public var minimizer: [Double]
        public var value: Double
        public var gradientNorm: Double
        public var iterations: Int
        public var evaluations: Int
        public var status: Status
        /// The correction pairs held at the end, to warm-start a nearby problem.
        public var curvature: CurvaturePairs
    }

    /// Correction pairs (s, y) = (x₊ − x, ∇f₊ − ∇f), oldest first: L-BFGS's picture of the
    /// inverse Hessian. Passing a converged run's pairs to the refit of a slightly changed
    /// problem (a bootstrap replicate) makes its first steps quasi-Newton steps instead of
    /// steepest descent, which on an ill-conditioned objective saves most of the iterations.
    public struct CurvaturePairs: Sendable, Equatable {
        public var steps: [[Double]] = []
        public var gradientChanges: [[Double]] = []
        public init() {}
        public var count: Int { steps.count }
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Minimise `f` from `start`. `curvature` (another run's final pairs) seeds the memory;
    /// pairs that do not satisfy sᵀy > 0 are skipped, and the answer's stopping rules are
    /// unchanged, so a seed can only change how fast a minimum is reached.
    public func minimize<F: DifferentiableObjective>(_ f: F, from start: [Double],
                                                     curvature seed: CurvaturePairs = CurvaturePairs()) -> Result {
        let n = f.dimension
        precondition(start.count == n, "start has \(start.count) entries for \(n) parameters")
        var x = start
        var g = [Double](repeating: 0, count: n)
        var fx = f.value(at: x, gradient: &g)
        var evaluations = 1
        guard fx.isFinite, g.allSatisfy({ $0.isFinite }) else {
            return Result(minimizer: x, value: fx, gradientNorm: .infinity, iterations: 0,
                          evaluations: 1, status: .nonFiniteStart, curvature: CurvaturePairs())
        }
        let m = max(1, settings.memory)
        var sHistory = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
        var yHistory = sHistory
        var rho = [Double](repeating: 0, count: m)
        var alpha = [Double](repeating: 0, count: m)
        var stored = 0, newest = -1
        for (s, y) in zip(seed.steps, seed.gradientChanges).suffix(m) where s.count == n && y.count == n {
            let sy = Self.dot(s, y)
            guard sy > 1e-16 * Self.dot(y, y), sy > 0 else { continue }
            newest = (newest + 1) % m
            sHistory[newest] = s
            yHistory[newest] = y
            rho[newest] = 1 / sy
            stored = min(stored + 1, m)
        }
        var direction = [Double](repeating: 0, count: n)
        var trial = LineSearchWorkspace(n: n)
        var iterations = 0
        var status = Status.iterationLimit

        while true {
            let gNorm = Self.infinityNorm(g)
            if gNorm <= settings.gradientTolerance { status = .gradientConverged; break }
            if iterations >= settings.maxIterations { status = .iterationLimit; break }
            if evaluations >= settings.maxEvaluations { status = .evaluationLimit; break }

            // Two-loop recursion: direction = −H·g.
            for i in 0..<n { direction[i] = g[i] }
            var k = newest
            for _ in 0..<stored {
                alpha[k] = rho[k] * Self.dot(sHistory[k], direction)
                Self.axpy(-alpha[k], yHistory[k], &direction)
                k = (k - 1 + m) % m
            }
            var gamma = 1.0
            if stored > 0 {
                gamma = Self.dot(sHistory[newest], yHistory[newest]) / Self.dot(yHistory[newest], yHistory[newest])
            } else {
                // First step: a unit step in the largest gradient component.
                gamma = 1.0 / max(gNorm, 1e-300)
            }
            for i in 0..<n { direction[i] *= gamma }
            k = (newest - stored + 1 + m) % m
            for _ in 0..<stored {
                let beta = rho[k] * Self.dot(yHistory[k], direction)
                Self.axpy(alpha[k] - beta, sHistory[k], &direction)
                k = (k + 1) % m
            }
            for i in 0..<n { direction[i] = -direction[i] }
            var slope = Self.dot(direction, g)
            if !(slope < 0) {
                // Not a descent direction (bad curvature pairs): restart from steepest descent.
                stored = 0; newest = -1
                for i in 0..<n { direction[i] = -g[i] / max(gNorm, 1e-300) }
                slope = Self.dot(direction, g)
            }

            var accepted = lineSearch(f, x: x, fx: fx, direction: direction, slope: slope,
                                      workspace: &trial, evaluations: &evaluations)
            // Even the best step along this direction is below the reduction tolerance.
            if !accepted && trial.belowTolerance { status = .reductionStalled; break }
            if !accepted && stored > 0 {
                // Retry once along steepest descent with a fresh memory.
                stored = 0; newest = -1
                for i in 0..<n { direction[i] = -g[i] / max(gNorm, 1e-300) }
                slope = Self.dot(direction, g)
                accepted = lineSearch(f, x: x, fx: fx, direction: direction, slope: slope,
                                      workspace: &trial, evaluations: &evaluations)
            }
            guard accepted else { status = .lineSearchFailed; break }
            iterations += 1

            // Store the correction pair when the curvature condition sᵀy > 0 holds.
            // (Checked before writing: a rejected pair must not overwrite the oldest kept one.)
            let next = (newest + 1) % m
            var sy = 0.0, yy = 0.0
            for i in 0..<n {
                let s = trial.x[i] - x[i], y = trial.g[i] - g[i]
                sy += s * y; yy += y * y
            }
            if sy > 1e-16 * yy && sy > 0 {
                for i in 0..<n {
                    sHistory[next][i] = trial.x[i] - x[i]
                    yHistory[next][i] = trial.g[i] - g[i]
                }
                rho[next] = 1 / sy
                newest = next
                stored = min(stored + 1, m)
            }
            let reduction = fx - trial.f
            swap(&x, &trial.x)
            swap(&g, &trial.g)
            fx = trial.f
            if reduction <= settings.relativeReductionTolerance * abs(fx) {
                status = .reductionStalled; break
            }
        }
        var pairs = CurvaturePairs()
        var k = (newest - stored + 1 + m) % m
        for _ in 0..<stored {
            pairs.steps.append(sHistory[k])
            pairs.gradientChanges.append(yHistory[k])
            k = (k + 1) % m
        }
        return Result(minimizer: x, value: fx, gradientNorm: Self.infinityNorm(g),
                      iterations: iterations, evaluations: evaluations, status: status, curvature: pairs)
    }

    // MARK: Line search

    struct LineSearchWorkspace {
        var x: [Double]
        var g: [Double]
        var f = 0.0
        /// Set when the search stopped because no step it could still try would lower f by
        /// more than the relative reduction tolerance.
        var belowTolerance = false
        /// The lowest sufficient-decrease point of the search so far (the bracket's low end).
        var lowX: [Double]
        var lowG: [Double]
        var lowF = 0.0
        init(n: Int) {
            x = [Double](repeating: 0, count: n)
            g = [Double](repeating: 0, count: n)
            lowX = x
            lowG = g
        }

        mutating func keepAsLow() {
            for i in x.indices { lowX[i] = x[i]; lowG[i] = g[i] }
            lowF = f
        }

        mutating func restoreLow() {
            for i in x.indices { x[i] = lowX[i]; g[i] = lowG[i] }
            f = lowF
        }
    }

    /// Strong-Wolfe line search (N&W Algorithm 3.5 with zoom 3.6, cubic interpolation).
    /// On success the accepted point is in `workspace`.
    private func lineSearch<F: DifferentiableObjective>(
        _ f: F, x: [Double], fx: Double, direction: [Double], slope: Double,
        workspace w: inout LineSearchWorkspace, evaluations: inout Int
    ) -> Bool {
        let c1 = settings.sufficientDecrease, c2 = settings.curvature
        // Along a descent direction on which f is convex, a step t lowers f by at most
        // t·|φ'(0)|. Once that bound is below the reduction tolerance, any step the search
        // could still find would end the run by the same test (`reductionStalled`), so stop
        // now instead of spending evaluations on rounding noise. Near the optimum f is flat
        // to about 1e-14 relative, and without this the search shrinks the step 20 times and
        // then retries along steepest descent before failing.
        let negligible = settings.relativeReductionTolerance * abs(fx)
        w.belowTolerance = false
        let n = x.count
        func evaluate(_ step: Double) -> (f: Double, slope: Double) {
            for i in 0..<n { w.x[i] = x[i] + step * direction[i] }
            let value = f.value(at: w.x, gradient: &w.g)
            evaluations += 1
            w.f = value
            var d = 0.0
            for i in 0..<n { d += w.g[i] * direction[i] }
            guard value.isFinite, d.isFinite else { return (.infinity, .nan) }
            return (value, d)
        }
        // Weak Wolfe conditions: sufficient decrease and φ'(t) ≥ c₂·φ'(0). They are enough
        // for sᵀy > 0, which is all L-BFGS needs, and save the evaluations the strong form
        // spends zooming in after a step that overshoots the minimum along the line.
        func accepts(_ v: (f: Double, slope: Double), _ step: Double) -> Bool {
            v.f <= fx + c1 * step * slope && v.slope >= c2 * slope
        }

        var previousStep = 0.0, previous = (f: fx, slope: slope)
        var step = 1.0
        let maxExpansions = 40
        // Like MINPACK-2's dcsrch (used by L-BFGS-B), give up after a bounded number of
        // trials: near the optimum f is flat to rounding and further bisection cannot help.
        let maxZoomSteps = 20
        for i in 0..<maxExpansions {
            if evaluations >= settings.maxEvaluations { return false }
            if step * -slope <= negligible { w.belowTolerance = true; return false }
            let current = evaluate(step)
            if !current.f.isFinite || current.f > fx + c1 * step * slope || (i > 0 && current.f >= previous.f) {
                return zoom(low: (previousStep, previous), high: (step, current))
            }
            if accepts(current, step) { return true }
            previousStep = step; previous = current
            w.keepAsLow()
            step *= 2
        }
        return false

        func zoom(low lowIn: (Double, (f: Double, slope: Double)),
                  high highIn: (Double, (f: Double, slope: Double))) -> Bool {
            var (lo, fLo) = lowIn
            var (hi, fHi) = highIn
            for _ in 0..<maxZoomSteps {
                if evaluations >= settings.maxEvaluations { break }
                let width = hi - lo
                if abs(width) <= 1e-16 * max(abs(lo), abs(hi), 1e-300) { break }
                if lo != 0 && abs(width) <= settings.stepTolerance * max(abs(lo), abs(hi)) { break }
                var trialStep = Self.cubicMinimizer(lo, fLo.f, fLo.slope, hi, fHi.f, fHi.slope)
                let a = min(lo, hi), b = max(lo, hi)
                let margin = 0.1 * (b - a)
                // Safeguard by projecting the interpolated step into the inner 80% of the
                // bracket (bisecting instead would take ten halvings to recover from a first
                // step a thousand times too long).
                trialStep = trialStep.isFinite ? min(max(trialStep, a + margin), b - margin) : 0.5 * (lo + hi)
                if max(lo, hi) * -slope <= negligible { w.belowTolerance = lo == 0; break }
                let current = evaluate(trialStep)
                if !current.f.isFinite || current.f > fx + c1 * trialStep * slope || current.f >= fLo.f {
                    hi = trialStep; fHi = current
                } else {
                    if accepts(current, trialStep) { return true }
                    if current.slope * (hi - lo) >= 0 { hi = lo; fHi = fLo }
                    lo = trialStep; fLo = current
                    w.keepAsLow()
                }
            }
            // No Wolfe point found: take the best sufficient-decrease point if it lowers f.
            if lo != 0 && fLo.f < fx {
                w.restoreLow()
                return true
            }
            return false
        }
    }

    /// Minimiser of the cubic through (a, fa, da) and (b, fb, db) (N&W eq. 3.59).
    static func cubicMinimizer(_ a: Double, _ fa: Double, _ da: Double,
                               _ b: Double, _ fb: Double, _ db: Double) -> Double {
        guard fa.isFinite, fb.isFinite, da.isFinite, db.isFinite, a != b else { return .nan }
        let d1 = da + db - 3 * (fa - fb) / (a - b)
        let disc = d1 * d1 - da * db
        guard disc >= 0 else { return .nan }
        let d2 = (b > a ? 1.0 : -1.0) * disc.squareRoot()
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2)
    }

    // MARK: Small vector helpers (n ≤ 10: plain loops beat BLAS call overhead)

    @inline(__always) static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    @inline(__always) static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        for i in x.indices { y[i] += alpha * x[i] }
    }

    @inline(__always) static func infinityNorm(_ a: [Double]) -> Double {
        var m = 0.0
        for v in a { m = max(m, abs(v)) }
        return m
    }
}
