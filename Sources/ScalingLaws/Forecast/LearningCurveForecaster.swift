#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Forecast of a running run's final loss from its partial curve, following methods.md
/// §5.2 (our design, not one paper's method):
///
/// 1. Model by schedule: with learning rates in the log, infer the rest of the schedule
///    and fit the LR-annealing law; without, the power law plus constant in x.
/// 2. Drop the warmup and 10% more of the observed span.
/// 3. Fit by variable projection (`LearningCurveLaw`). The annealing momentum's memory τ is
///    chosen among a few fractions of the planned run by the fit's residual sum of squares.
/// 4. Interval from the pooled predictions of (a) a moving-block bootstrap of residuals
///    (block ≈ n^(1/3)), (b) start-window refits at 10/20/30/40% of the span and the other τ
///    candidates (misspecification), and (c) the spread of the last residuals as observation
///    noise, added in quadrature.
/// 5. Optionally widened by a split-conformal factor from finished runs (`ForecastCalibration`).
public enum LearningCurveForecaster {
    /// Points left after trimming below which no forecast is made.
    public static let minimumPoints = 8
    /// Observed fraction of the planned run below which no forecast is made.
    public static let minimumObservedFraction = 0.1
    /// Candidate memories τ of the annealing momentum, as fractions of the planned run.
    public static let memoryFractions = [0.025, 0.05, 0.1, 0.2]
    /// A schedule fitting the logged rates worse than this (RMS relative to the peak) is not
    /// recognised, and the forecast falls back to the power law in x.
    public static let scheduleTolerance = 0.05

    /// Areas of the fitted law at any x: S₁ and S₂, or x and nothing.
    struct Features: Sendable {
        let areas: ScheduleAreas?
        func at(_ x: Double) -> (Double, Double) { areas.map { $0.areas(at: x) } ?? (x, 0) }
        func forward(_ xs: [Double]) -> [Double] { xs.map { at($0).0 } }
        func annealing(_ xs: [Double]) -> [Double]? { areas == nil ? nil : xs.map { at($0).1 } }
        func fit(_ xs: [Double], _ ys: [Double]) -> (law: LearningCurveLaw, rss: Double)? {
            LearningCurveLaw.fit(forward: forward(xs), annealing: annealing(xs), loss: ys)
        }
        func predict(_ law: LearningCurveLaw, _ x: Double) -> Double {
            let (s1, s2) = at(x)
            return law.loss(forwardArea: s1, annealingArea: s2)
        }
        func predict(_ law: LearningCurveLaw, _ xs: [Double]) -> [Double] { xs.map { predict(law, $0) } }
    }

    public static func forecast(_ input: LearningCurveForecastInput) -> LearningCurveForecastOutcome {
        let x = input.x, y = input.loss
        guard x.count == y.count, input.learningRate.map({ $0.count == x.count }) ?? true else {
            return .invalidInput("x, loss and learning rate have different lengths (\(x.count), \(y.count), \(input.learningRate?.count ?? x.count))")
        }
        guard !x.isEmpty else { return .tooLittleOfTheCurve("no points yet") }
        for i in x.indices {
            guard x[i].isFinite, y[i].isFinite, y[i] > 0 else {
                return .invalidInput("point \(i + 1): x \(NumberFormat.general(x[i])), loss \(NumberFormat.general(y[i])); both must be finite and the loss positive")
            }
            if i > 0, x[i] <= x[i - 1] { return .invalidInput("x must increase: point \(i + 1) has \(NumberFormat.general(x[i])) after \(NumberFormat.general(x[i - 1]))") }
        }
        guard input.level > 0, input.level < 1 else { return .invalidInput("interval level \(NumberFormat.general(input.level)) is not in (0, 1)") }
        let end = input.plannedEnd
        guard end.isFinite, end > x[x.count - 1] else {
            return .invalidInput("planned end \(NumberFormat.general(end)) is not after the last point (\(NumberFormat.general(x[x.count - 1]))): nothing to forecast")
        }
        let observed = x[x.count - 1] / end
        guard observed >= minimumObservedFraction else {
            return .tooLittleOfTheCurve("only \(NumberFormat.fixed(100 * observed, decimals: 1))% of the planned run is logged; a forecast needs at least \(Int(100 * minimumObservedFraction))%")
        }

        var notes: [String] = []
        var schedule: LearningRateSchedule? = nil
        if let lr = input.learningRate {
            if let (s, error) = LearningRateSchedule.inferred(x: x, learningRate: lr, plannedEnd: end) {
                if error <= scheduleTolerance { schedule = s }
                else { notes.append("the logged learning rates fit neither a cosine nor a linear decay (RMS error \(NumberFormat.fixed(100 * error, decimals: 1))% of peak): schedule unknown, power law in x used") }
            } else {
                notes.append("no positive learning rate in the log: power law in x used")
            }
        } else {
            notes.append("no learning rate in the log: a power law in x, which over-predicts the final loss of a decaying schedule")
        }

        let warmupEnd = schedule?.warmupEnd ?? x[0]
        let start = warmupEnd + 0.1 * (x[x.count - 1] - warmupEnd)
        let kept = x.indices.filter { x[$0] >= start && x[$0] > 0 }
        guard kept.count >= minimumPoints else {
            return .tooLittleOfTheCurve("only \(kept.count) points after the warmup; a forecast needs \(minimumPoints)")
        }
        let xs = kept.map { x[$0] }, ys = kept.map { y[$0] }

        // Candidate features: one per memory τ with a schedule, or x alone.
        let candidates: [(features: Features, memory: Double?)] = schedule.map { s in
            memoryFractions.map { (Features(areas: ScheduleAreas(schedule: s, end: end, memory: $0 * end)), $0) }
        } ?? [(Features(areas: nil), nil)]
        let fits = candidates.map { $0.features.fit(xs, ys) }
        guard let bestIndex = fits.indices.filter({ fits[$0] != nil }).min(by: { fits[$0]!.rss < fits[$1]!.rss }) else {
            return .tooLittleOfTheCurve("the learning-curve law could not be fitted to the \(xs.count) points")
        }
        let features = candidates[bestIndex].features
        let law = fits[bestIndex]!.law
        let fitted = xs.map { features.predict(law, $0) }
        let residuals = zip(ys, fitted).map { $0 - $1 }

        let last = x[x.count - 1]
        let curveX: [Double] = (0..<max(2, input.curvePoints)).map { k in
            last + (end - last) * Double(k) / Double(max(2, input.curvePoints) - 1)
        }
        // Every refit predicts the whole curve; the last entry is the planned end.
        let targets = curveX

        // (a) Moving-block bootstrap of residuals.
        let n = xs.count
        let block = max(1, Int((pow(Double(n), 1.0 / 3)).rounded()))
        let seed = input.seed
        let bootstrap: [[Double]?] = ParallelMap.map(max(0, input.bootstrapReplicates)) { k in
            var rng = SplitMix64(seed: Bootstrap.streamSeed(seed, k))
            var resampled = [Double]()
            resampled.reserveCapacity(n)
            while resampled.count < n {
                let s = rng.index(below: n - block + 1)
                for j in s..<(s + block) where resampled.count < n { resampled.append(fitted[resampled.count] + residuals[j]) }
            }
            return features.fit(xs, resampled).map { features.predict($0.law, targets) }
        }
        var pooled = bootstrap.compactMap { $0 }
        // (b) Start-window refits and the other memories.
        for fraction in [0.1, 0.2, 0.3, 0.4] {
            let from = xs[0] + fraction * (xs[n - 1] - xs[0])
            let window = xs.indices.filter { xs[$0] >= from }
            guard window.count >= 6, let f = features.fit(window.map { xs[$0] }, window.map { ys[$0] }) else { continue }
            pooled.append(features.predict(f.law, targets))
        }
        for (j, fit) in fits.enumerated() where j != bestIndex {
            if let fit { pooled.append(candidates[j].features.predict(fit.law, targets)) }
        }
        // (c) Observation noise from the last residuals.
        let tail = Array(residuals.suffix(max(5, n / 5)))
        let mean = tail.reduce(0, +) / Double(tail.count)
        let noise = (tail.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, tail.count - 1))).squareRoot()
        let z = StandardNormal.quantile(0.5 + input.level / 2)

        func band(_ k: Int) -> CurveBand {
            let centre = features.predict(law, targets[k])
            let values = pooled.map { $0[k] }.filter(\.isFinite).sorted()
            let tailP = (1 - input.level) / 2
            let q = values.count >= 2 ? (Percentile.of(sorted: values, tailP), Percentile.of(sorted: values, 1 - tailP)) : (centre, centre)
            let below = (max(0, centre - q.0) * max(0, centre - q.0) + z * z * noise * noise).squareRoot()
            let above = (max(0, q.1 - centre) * max(0, q.1 - centre) + z * z * noise * noise).squareRoot()
            return CurveBand(loss: centre, lower: centre - input.calibrationFactor * below, upper: centre + input.calibrationFactor * above)
        }
        let curve = targets.indices.map { k -> LearningCurveForecast.CurvePoint in
            let b = band(k)
            return .init(x: targets[k], loss: b.loss, lower: b.lower, upper: b.upper)
        }
        let final = curve[curve.count - 1]
        if observed < 0.3 {
            notes.append("early in the run (\(Int((100 * observed).rounded()))% logged): the floor and the exponent trade off, so the interval is wide")
        }
        if input.calibrationFactor != 1 {
            notes.append("interval widened ×\(NumberFormat.general(input.calibrationFactor, significant: 3)) by calibration on finished runs")
        }
        return .forecast(LearningCurveForecast(
            plannedEnd: end, finalLoss: final.loss, interval: final.lower...final.upper, level: input.level,
            model: schedule == nil ? .powerLawInSteps : .learningRateAnnealing, law: law, schedule: schedule,
            annealingMemoryFraction: candidates[bestIndex].memory, fittedPoints: n, observedFraction: observed,
            curve: curve, notes: notes))
    }

    struct CurveBand {
        var loss: Double
        var lower: Double
        var upper: Double
    }
}
