#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The uncertainty of `LearningCurveLaw` fitted to a partial curve, as a grid posterior:
/// for every memory τ, exponent α and annealing drop D of `ForecastPrior`'s grids, (L₀, A) is
/// a linear least-squares problem (variable projection, methods.md §9.4) with A ≥ 0; each
/// cell is weighted by its likelihood, exp(−ΔRSS/(2v)) with v = (noise + s·(σ² − noise))·f:
/// the noise of one logged loss, plus the share s = `ForecastPrior.likelihoodMisfitShare` of
/// the rest of the best cell's residual variance σ² (its misfit), times f = (1+ρ)/(1−ρ), the
/// inflation for residuals correlated at lag one (ρ); times the prior mass of its D. D's
/// prior matters where the curve cannot tell: before a decay it is the whole answer, during
/// one the data take over.
///
/// Each cell predicts the curve at the targets as a normal: its mean, the variance of
/// (L₀, A) given the cell, the noise of one logged loss (what the final loss is), and the model's own error in what it
/// extrapolates (`ForecastPrior`'s discrepancy fractions of the predicted change). This
/// replaces the moving-block bootstrap: the same parameter uncertainty in closed form, with
/// the trade-off between the floor and the exponent kept (every α is a cell), at a few
/// milliseconds per forecast.
struct LearningCurvePosterior {
    struct Component {
        var weight: Double
        var mean: [Double]
        var sd: [Double]
    }

    var components: [Component]
    /// The best cell's law.
    var law: LearningCurveLaw
    var fittedPoints: Int
    var residualSD: Double

    /// Cells kept for prediction: the heaviest, up to this many or 99.5% of the weight.
    static let maximumComponents = 200

    /// The lag-one correlation of `residuals`, clamped to [0, the prior's maximum].
    static func lagOneCorrelation(_ residuals: [Double], prior: ForecastPrior) -> Double {
        var num = 0.0, den = 0.0
        for i in residuals.indices {
            den += residuals[i] * residuals[i]
            if i > 0 { num += residuals[i] * residuals[i - 1] }
        }
        return den > 0 ? min(prior.maximumAutocorrelation, max(0, num / den)) : 0
    }

    /// The fewest residuals, and the share of them, the noise of one logged loss is taken from.
    static let noiseWindow = (minimum: 8, share: 1.0 / 3)

    /// The variance of one logged loss's noise: from successive differences of the latest
    /// residuals (von Neumann), which cancel a smooth misfit of the curve's shape. Only the
    /// latest third of the fitted window (at least `noiseWindow.minimum`): the final loss is
    /// one logged value at the end, and a loss's noise changes over a run; on the OLMo
    /// ladder's validation curves the losses' second differences over the first part of a
    /// window are 1.5–8× those over its last third (issue #13, TUNING.md's seventh round).
    /// The caller rescales it by 1/(1 − ρ) for correlated noise.
    static func latestNoiseVariance(_ residuals: [Double]) -> Double {
        let n = residuals.count
        guard n >= 2 else { return 0 }
        let count = min(n, max(noiseWindow.minimum, Int((Double(n) * noiseWindow.share).rounded(.up))))
        var differences = 0.0
        for i in (n - count + 1)..<n { differences += pow(residuals[i] - residuals[i - 1], 2) }
        return differences / Double(2 * (count - 1))
    }

    /// What the best cell's residuals say: their lag-one correlation ρ; the variance of one
    /// logged loss (the observation term of every prediction); and the variance the cells are
    /// weighed against.
    struct ResidualReading: Equatable {
        var correlation: Double
        var observation: Double
        var weighing: Double
    }

    /// Reads the best cell's `residuals`, whose variance (σ², floored) is `residualVariance`.
    static func read(_ residuals: [Double], residualVariance: Double, noiseFloor: Double,
                     prior: ForecastPrior) -> ResidualReading {
        let rho = lagOneCorrelation(residuals, prior: prior)
        // The noise of one logged loss, rescaled by 1/(1 − ρ) so correlated noise keeps its
        // full variance; never more than the residuals' own.
        let observation = min(residualVariance, max(latestNoiseVariance(residuals) / (1 - rho), noiseFloor))
        let weighing = likelihoodVariance(noise: observation, residualVariance: residualVariance,
                                          correlation: rho, misfitShare: prior.likelihoodMisfitShare)
        return ResidualReading(correlation: rho, observation: observation, weighing: weighing)
    }

    /// The variance the cells are weighed against: the noise of one logged loss plus
    /// `misfitShare` of the rest of the best cell's residual variance (its misfit), inflated
    /// by (1+ρ)/(1−ρ) for residuals correlated at lag one (`ForecastPrior.likelihoodMisfitShare`
    /// says why not all of the misfit).
    static func likelihoodVariance(noise: Double, residualVariance: Double, correlation rho: Double,
                                   misfitShare: Double) -> Double {
        let misfit = max(0, residualVariance - noise)
        return inflated(noise + misfitShare * misfit, correlation: rho)
    }

    /// `variance` × (1+ρ)/(1−ρ): residuals correlated at lag one carry less information than
    /// as many independent ones.
    static func inflated(_ variance: Double, correlation rho: Double) -> Double {
        variance * (1 + rho) / (1 - rho)
    }

    private struct Cell {
        var rss: Double
        var logPrior: Double
        var memory: Int
        var exponent: Double
        var drop: Double
        var constant: Double
        var coefficient: Double
        /// (XᵀX)⁻¹ of the columns (1, S₁^(−α)), for the variance of a prediction.
        var inverse: (Double, Double, Double)
    }

    /// Fit to the points at or after `start`; nil with fewer than `minimumPoints` there.
    /// `annealingDiscrepancy` is the decay's discrepancy fraction for the schedule `areas` were
    /// tabulated from (`ForecastPrior.annealingDiscrepancy(for:)`). Past `maximumBins` points
    /// the grid is fitted on bin means (`LearningCurveForecastInput.maximumFittedPoints`).
    static func fit(x: [Double], loss: [Double], start: Double, areas: [ScheduleAreas], lastX: Double,
                    targets: [Double], prior: ForecastPrior, annealingDiscrepancy: Double,
                    minimumPoints: Int, maximumBins: Int) -> LearningCurvePosterior? {
        let kept = x.indices.filter { x[$0] >= start && x[$0] > 0 }
        guard kept.count >= minimumPoints, !areas.isEmpty else { return nil }
        let n = kept.count
        let fitted = FittedBins(x: kept.map { x[$0] }, loss: kept.map { loss[$0] }, maximum: maximumBins)
        let bins = fitted.x.count
        let xs = fitted.x, ys = fitted.loss, w = fitted.weight
        let total = w.reduce(0, +)
        let cut = kept.suffix(5).map { loss[$0] }.reduce(0, +) / Double(min(5, n))
        let drops: [(value: Double, logMass: Double)] = {
            let q = prior.annealingDropQuantiles
            let bounds = [0.0] + zip(q, q.dropFirst()).map { ($0 + $1) / 2 } + [1.0]
            return q.indices.map { k in
                (cut * prior.annealingDropMedian * exp(prior.annealingDropLogSD * StandardNormal.quantile(q[k])),
                 log(bounds[k + 1] - bounds[k]))
            }
        }()
        var cells: [Cell] = []
        cells.reserveCapacity(areas.count * prior.exponents.count * drops.count)
        var features: [(s1: [Double], k: [Double])] = []
        for (m, a) in areas.enumerated() {
            let f = xs.map { a.features(at: $0) }
            let s1 = f.map(\.forward), k = f.map(\.progress)
            features.append((s1, k))
            let annealing = a.finalProgress > 1e-9
            let dropGrid = annealing ? drops : [(0.0, 0.0)]
            let logS1 = s1.map { log(max($0, 1e-300)) }
            for alpha in prior.exponents {
                let p = logS1.map { exp(-alpha * $0) }
                var sp = 0.0, spp = 0.0
                for i in 0..<bins { sp += w[i] * p[i]; spp += w[i] * p[i] * p[i] }
                let det = total * spp - sp * sp
                guard det > 1e-12 * total * spp, det.isFinite else { continue }
                let inverse = (spp / det, -sp / det, total / det)
                var sy = 0.0, spy = 0.0, sk = 0.0, spk = 0.0
                for i in 0..<bins {
                    sy += w[i] * ys[i]; spy += w[i] * p[i] * ys[i]; sk += w[i] * k[i]; spk += w[i] * p[i] * k[i]
                }
                for (drop, logMass) in dropGrid {
                    // z = y + D·K = L₀ + A·p.
                    let sz = sy + drop * sk, spz = spy + drop * spk
                    var l0 = inverse.0 * sz + inverse.1 * spz
                    var coefficient = inverse.1 * sz + inverse.2 * spz
                    if coefficient < 0 { coefficient = 0; l0 = sz / total }
                    var rss = 0.0
                    for i in 0..<bins {
                        let r = ys[i] + drop * k[i] - l0 - coefficient * p[i]
                        rss += w[i] * r * r
                    }
                    cells.append(Cell(rss: rss, logPrior: logMass, memory: m, exponent: alpha, drop: drop,
                                      constant: l0, coefficient: coefficient, inverse: inverse))
                }
            }
        }
        guard let best = cells.indices.min(by: { cells[$0].rss < cells[$1].rss }) else { return nil }
        let b = cells[best]
        func residual(_ y: Double, _ f: (forward: Double, progress: Double)) -> Double {
            y + b.drop * f.progress - b.constant - b.coefficient * pow(f.forward, -b.exponent)
        }
        // The best cell's residual at every point, also when the grid was fitted on bins: the
        // noise below is one logged loss's, and a bin's mean has less of it (and a misfit
        // smooth over a bin would count once per bin, not once per point).
        let residuals = fitted.isBinned
            ? kept.map { residual(loss[$0], areas[b.memory].features(at: x[$0])) }
            : (0..<bins).map { i in residual(ys[i], (features[b.memory].s1[i], features[b.memory].k[i])) }
        // σ² of the best cell, floored so a noiseless curve does not make every other cell
        // impossible; ρ, the lag-one correlation of its residuals, inflates it (for the
        // parameters' variance, and in the cells' weights below). Over bins the cells'
        // residual sums are (nearly) those over points, so the same variances weigh them.
        let noiseFloor = pow(1e-5 * cut, 2)
        let rss = fitted.isBinned ? residuals.reduce(0) { $0 + $1 * $1 } : b.rss
        let variance = max(rss / Double(max(1, n - 3)), noiseFloor)
        let reading = Self.read(residuals, residualVariance: variance, noiseFloor: noiseFloor, prior: prior)
        let rho = reading.correlation, observation = reading.observation
        let inflated = Self.inflated(variance, correlation: rho)
        var logWeights = cells.map { -($0.rss - b.rss) / (2 * reading.weighing) + $0.logPrior }
        let top = logWeights.max() ?? 0
        logWeights = logWeights.map { exp($0 - top) }
        let totalWeight = logWeights.reduce(0, +)
        let order = cells.indices.sorted { logWeights[$0] > logWeights[$1] }
        var chosen: [Int] = []
        var mass = 0.0
        for i in order where chosen.count < maximumComponents && mass < 0.995 * totalWeight {
            chosen.append(i)
            mass += logWeights[i]
        }
        let lastFeatures = areas.map { $0.features(at: lastX) }
        // The part of the decay not yet in the curve: the law's error in the rest of a decay
        // shrinks as more of it has been fitted (late in a cosine run most of it has).
        let unseenDecay = zip(areas, lastFeatures).map { a, f in
            a.finalProgress > 1e-9 ? 1 - min(1, max(0, f.progress / a.finalProgress)) : 1
        }
        let targetFeatures = areas.map { a in targets.map { a.features(at: $0) } }
        let components = chosen.map { i -> Component in
            let c = cells[i]
            let last = lastFeatures[c.memory]
            let lastPower = pow(last.forward, -c.exponent)
            var means: [Double] = [], sds: [Double] = []
            for t in targetFeatures[c.memory] {
                let power = pow(t.forward, -c.exponent)
                means.append(c.constant + c.coefficient * power - c.drop * t.progress)
                let parameter = inflated * (c.inverse.0 + 2 * c.inverse.1 * power + c.inverse.2 * power * power)
                let powerChange = prior.powerLawDiscrepancy * c.coefficient * (lastPower - power)
                let decayChange = annealingDiscrepancy * unseenDecay[c.memory] * c.drop * (t.progress - last.progress)
                sds.append((max(0, parameter) + observation + powerChange * powerChange + decayChange * decayChange).squareRoot())
            }
            return Component(weight: logWeights[i] / mass, mean: means, sd: sds)
        }
        let law = LearningCurveLaw(irreducibleLoss: b.constant, coefficient: b.coefficient, exponent: b.exponent,
                                   annealingDrop: b.drop, memory: areas[b.memory].memory)
        return LearningCurvePosterior(components: components, law: law, fittedPoints: n, residualSD: observation.squareRoot())
    }
}
