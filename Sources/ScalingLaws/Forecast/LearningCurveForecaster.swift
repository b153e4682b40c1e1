/// Forecast of a running run's final loss from its partial curve, following methods.md
/// §5.2 (our design, not one paper's method):
///
/// 1. The schedule: the planned one when the run's configuration gives it; else the decay
///    the logged rates follow to the planned end; else (a rate flat or stepped so far, or
///    none logged) the current rate held to the end *and* a cooldown over the run's last
///    fifth, the interval covering both.
/// 2. Drop the warmup and 10% more of the observed span.
/// 3. Fit Tissue et al.'s LR-annealing law as a grid posterior (`LearningCurvePosterior`),
///    pooled over fits starting at 10% and 40% of the span (methods.md §5.2, 4b).
/// 4. The interval is the mixture's central quantiles, conditioned on the loss staying at or
///    above the floor (the study's irreducible loss, else 0), and the curve is made
///    non-increasing where the planned rate does not rise.
/// 5. Optionally widened by a split-conformal factor from finished runs (`ForecastCalibration`).
///
/// Its constants (`ForecastPrior`) were tuned on the benchmark's tuning curves; the benchmark
/// scores it per schedule family on curves from a different law and on real held-out curves
/// (bench/forecast).
public enum LearningCurveForecaster {
    /// Points left after trimming below which no forecast is made.
    public static let minimumPoints = 8
    /// The fewest points (or bins) the grid is fitted on, whatever the input asks: fewer bins
    /// than this would make a long curve look too short to forecast.
    public static let minimumFittedPoints = 64
    /// Observed fraction of the planned run below which no forecast is made.
    public static let minimumObservedFraction = 0.1
    /// A schedule fitting the logged rates worse than this (RMS relative to the peak) is not
    /// recognised: the schedule is then treated as unknown.
    public static let scheduleTolerance = 0.05

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
        let last = x[x.count - 1]
        guard end.isFinite, end > last else {
            return .invalidInput("planned end \(NumberFormat.general(end)) is not after the last point (\(NumberFormat.general(last))): nothing to forecast")
        }
        let observed = last / end
        guard observed >= minimumObservedFraction else {
            return .tooLittleOfTheCurve("only \(NumberFormat.fixed(100 * observed, decimals: 1))% of the planned run is logged; a forecast needs at least \(Int(100 * minimumObservedFraction))%")
        }

        var notes: [String] = []
        let resolved = resolveSchedule(input, last: last, notes: &notes)
        let warmupEnd = resolved.knowledge == .noLearningRate ? x[0] : resolved.schedule.warmupEnd
        let points = max(2, input.curvePoints)
        let targets = (0..<points).map { k in last + (end - last) * Double(k) / Double(points - 1) }
        let floor = input.floor.map { LossFloor(value: Swift.max(0, $0.value), source: $0.source) } ?? .zero

        // One posterior per scenario: the schedule as resolved, and the cooldown it cannot rule out.
        let scenarios = [resolved.schedule] + (resolved.cooldown.map { [$0] } ?? [])
        var bands: [[(loss: Double, lower: Double, upper: Double, cut: Bool)]] = []
        var law: LearningCurveLaw? = nil
        var fitted = 0
        for schedule in scenarios {
            let areas = input.prior.memories.map { ScheduleAreas(schedule: schedule, end: end, memory: $0) }
            let annealingDiscrepancy = input.prior.annealingDiscrepancy(for: schedule)
            let fits = input.prior.startFractions.compactMap { fraction in
                LearningCurvePosterior.fit(x: x, loss: y, start: warmupEnd + fraction * (last - warmupEnd), areas: areas,
                                           lastX: last, targets: targets, prior: input.prior,
                                           annealingDiscrepancy: annealingDiscrepancy, minimumPoints: minimumPoints,
                                           maximumBins: max(input.maximumFittedPoints, minimumFittedPoints))
            }
            guard let main = fits.first else { break }
            if law == nil { law = main.law; fitted = main.fittedPoints }
            let components = fits.flatMap { fit in fit.components.map { (fit, $0) } }
            bands.append(targets.indices.map { k in
                let mixture = PredictiveMixture(weights: components.map { $0.1.weight / Double(fits.count) },
                                                means: components.map { $0.1.mean[k] }, sds: components.map { $0.1.sd[k] },
                                                floor: floor.value)
                let tail = (1 - input.level) / 2
                let lower = mixture.quantile(tail)
                // Whether the floor cut the interval: only asked at the end.
                var unbounded = mixture
                unbounded.floor = nil
                let cut = k == targets.count - 1 && mixture.massBelowFloor > 1e-9 && unbounded.quantile(tail) < floor.value
                return (mixture.quantile(0.5), lower, mixture.quantile(1 - tail), cut)
            })
        }
        guard let law, bands.count == scenarios.count else {
            let kept = x.filter { $0 >= warmupEnd + input.prior.startFractions[0] * (last - warmupEnd) }.count
            return .tooLittleOfTheCurve("only \(kept) points after the warmup; a forecast needs \(minimumPoints)")
        }

        // The first scenario gives the central forecast; the others widen the band.
        var curve = targets.indices.map { k -> LearningCurveForecast.CurvePoint in
            let lower = bands.map { $0[k].lower }.min()!, upper = bands.map { $0[k].upper }.max()!
            let centre = bands[0][k].loss
            let f = input.calibrationFactor
            return .init(x: targets[k], loss: centre, lower: Swift.max(floor.value, centre - f * (centre - lower)),
                         upper: centre + f * (upper - centre))
        }
        // Physics: where the planned rate does not rise, neither does the loss.
        for k in curve.indices.dropFirst() where resolved.schedule.isNonIncreasing(from: targets[k - 1], to: targets[k]) {
            curve[k].loss = Swift.min(curve[k].loss, curve[k - 1].loss)
            curve[k].lower = Swift.min(curve[k].lower, curve[k - 1].lower)
            curve[k].upper = Swift.min(curve[k].upper, curve[k - 1].upper)
        }
        for k in curve.indices {
            curve[k].lower = Swift.min(curve[k].lower, curve[k].loss)
            curve[k].upper = Swift.max(curve[k].upper, curve[k].loss)
        }
        let final = curve[curve.count - 1]
        let floorApplied = bands.contains { $0[$0.count - 1].cut }

        if observed < 0.3 {
            notes.append("early in the run (\(Int((100 * observed).rounded()))% logged): the floor and the exponent trade off, so the interval is wide")
        }
        if floorApplied {
            notes.append("bounded below by \(floor.source) = \(NumberFormat.general(floor.value, significant: 4))")
        }
        if let note = calibrationNote(factor: input.calibrationFactor) { notes.append(note) }
        return .forecast(LearningCurveForecast(
            plannedEnd: end, finalLoss: final.loss, interval: final.lower...final.upper, level: input.level,
            knowledge: resolved.knowledge, law: law, schedule: resolved.schedule, cooldown: resolved.cooldown,
            floor: floor, floorApplied: floorApplied, fittedPoints: fitted, observedFraction: observed, madeAt: last,
            curve: curve, notes: notes))
    }

    /// What calibration did to the interval: a factor below 1 narrows it.
    static func calibrationNote(factor: Double) -> String? {
        guard factor != 1 else { return nil }
        let effect = factor > 1 ? "widened" : "narrowed"
        return "interval scaled ×\(NumberFormat.general(factor, significant: 3)) (\(effect)) by calibration on finished runs"
    }

    /// The schedule the rest of the run follows, what is known of it, and, when unknown, the
    /// cooldown the interval must also cover.
    static func resolveSchedule(_ input: LearningCurveForecastInput, last: Double, notes: inout [String])
        -> (schedule: LearningRateSchedule, knowledge: LearningCurveForecast.ScheduleKnowledge, cooldown: LearningRateSchedule?) {
        let end = input.plannedEnd
        let inference = input.learningRate.flatMap { LearningRateSchedule.inferred(x: input.x, learningRate: $0, plannedEnd: end) }
        if let planned = input.schedule {
            if let inference, planned.peak > 0 {
                // The planned schedule in the logged rates' units, for the comparison only.
                var scaled = planned
                let ratio = inference.schedule.peak / planned.peak
                scaled.peak *= ratio
                scaled.floor *= ratio
                let error = zip(input.x, input.learningRate!).map { let r = scaled.learningRate(at: $0) - $1; return r * r }.reduce(0, +)
                let rms = (error / Double(input.x.count)).squareRoot() / inference.schedule.peak
                if rms > scheduleTolerance {
                    notes.append("the logged learning rates differ from the planned schedule (RMS \(NumberFormat.fixed(100 * rms, decimals: 1))% of peak); the planned one is used")
                }
            }
            return (planned, .planned, nil)
        }
        guard let inference, inference.relativeError <= scheduleTolerance else {
            let constant = LearningRateSchedule(peak: 1, warmupEnd: input.x[0], floor: 1, end: end, shape: .constant)
            if let inference {
                notes.append("the logged learning rates fit no schedule known here (RMS error \(NumberFormat.fixed(100 * inference.relativeError, decimals: 1))% of peak): a constant rate assumed, interval widened to cover a cooldown")
            } else {
                notes.append("no learning rate in the log or the run's configuration: a constant rate assumed, interval widened to cover a cooldown")
            }
            return (constant, .noLearningRate, cooldown(after: constant, last: last, input: input))
        }
        if inference.impliesTheRest { return (inference.schedule, .inferred, nil) }
        notes.append("schedule after \(NumberFormat.short(last)) unknown (the rate has been \(inference.schedule.drops.isEmpty ? "flat" : "stepped") so far and no config plans the rest): interval widened to cover a cooldown")
        return (inference.schedule, .unknownAfterCut, cooldown(after: inference.schedule, last: last, input: input))
    }

    /// The same schedule with a linear cooldown to zero over the run's last fifth (or from
    /// the last logged point, when later).
    static func cooldown(after schedule: LearningRateSchedule, last: Double, input: LearningCurveForecastInput) -> LearningRateSchedule {
        var s = schedule
        s.decayStart = Swift.max(last, input.plannedEnd * (1 - input.prior.assumedCooldownFraction), s.warmupEnd)
        s.end = input.plannedEnd
        s.shape = .linear
        s.floor = 0
        return s
    }
}
