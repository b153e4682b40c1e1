import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// The live forecast (methods.md §5, issue #13): truth recovery on synthetic curves, the
/// schedule (planned, inferred, unknown), physics (floor, monotone), and refusals when the
/// curve is too short. Coverage per schedule family on held-out curves is the benchmark's
/// job (bench/forecast), not these tests'.
@Suite struct LearningCurveForecastTests {
    let end = 10_000.0
    let cosine = LearningRateSchedule(peak: 3e-4, warmupEnd: 500, floor: 3e-5, end: 10_000, shape: .cosine)
    let wsd = LearningRateSchedule(peak: 1e-3, warmupEnd: 200, decayStart: 8_000, floor: 0, end: 10_000, shape: .linear)

    /// Gaussian noise from SplitMix64 (Box–Muller), reproducible.
    func noise(_ count: Int, sd: Double, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let u1 = (Double(rng.next() >> 11) + 0.5) / 9007199254740992.0
            let u2 = (Double(rng.next() >> 11) + 0.5) / 9007199254740992.0
            return sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
    }

    typealias Curve = (x: [Double], loss: [Double], lr: [Double], truth: Double)

    /// A curve from the LR-annealing law itself under `schedule`, memory 5% of the run,
    /// the decay worth `drop` nats in full.
    func curve(_ schedule: LearningRateSchedule, drop: Double = 0.12, noiseSD: Double, seed: UInt64, every: Double = 100) -> Curve {
        let areas = ScheduleAreas(schedule: schedule, end: end, memory: .exponential(0.05))
        let law = LearningCurveLaw(irreducibleLoss: 2.1, coefficient: 0.5, exponent: 0.45, annealingDrop: drop, memory: .exponential(0.05))
        let x = stride(from: every, through: end, by: every).map { $0 }
        let e = noise(x.count, sd: noiseSD, seed: seed)
        let clean = x.map { let f = areas.features(at: $0); return law.loss(forward: f.forward, progress: f.progress) }
        return (x, zip(clean, e).map { $0 + $1 }, x.map { schedule.learningRate(at: $0) }, clean.last!)
    }

    func truncated(_ c: Curve, at fraction: Double, lr: Bool = true, schedule: LearningRateSchedule? = nil,
                   floor: LossFloor? = nil) -> LearningCurveForecastInput {
        let keep = c.x.indices.filter { c.x[$0] <= fraction * end }
        return LearningCurveForecastInput(x: keep.map { c.x[$0] }, loss: keep.map { c.loss[$0] },
                                          learningRate: lr ? keep.map { c.lr[$0] } : nil, schedule: schedule,
                                          plannedEnd: end, floor: floor)
    }

    // MARK: Wording

    /// Issue #13: a calibration factor below 1 narrows the interval, and the note said
    /// "widened ×0.794".
    @Test func theCalibrationNoteSaysWhichWayTheIntervalWasScaled() throws {
        #expect(LearningCurveForecaster.calibrationNote(factor: 1) == nil)
        #expect(LearningCurveForecaster.calibrationNote(factor: 0.794)
                == "interval scaled ×0.794 (narrowed) by calibration on finished runs")
        #expect(LearningCurveForecaster.calibrationNote(factor: 2.5)
                == "interval scaled ×2.5 (widened) by calibration on finished runs")
        var input = truncated(curve(cosine, noiseSD: 0.01, seed: 3), at: 0.5, schedule: cosine)
        input.calibrationFactor = 0.794
        guard case .forecast(let f) = LearningCurveForecaster.forecast(input) else { Issue.record("no forecast"); return }
        #expect(f.notes.contains("interval scaled ×0.794 (narrowed) by calibration on finished runs"), "\(f.notes)")
        #expect(!f.notes.contains { $0.contains("widened ×0.794") })
    }

    // MARK: The schedule

    @Test func cosineAndLinearDecaysAreInferredFromTheLoggedPrefix() throws {
        let x = stride(from: 100.0, through: 4000, by: 100).map { $0 }
        let c = try #require(LearningRateSchedule.inferred(x: x, learningRate: x.map { cosine.learningRate(at: $0) }, plannedEnd: end))
        #expect(c.schedule.shape == .cosine && c.impliesTheRest)
        #expect(abs(c.schedule.floor / 3e-5 - 1) < 1e-6)
        #expect(c.schedule.warmupEnd == 500)
        #expect(c.relativeError < 1e-9)
        let linear = LearningRateSchedule(peak: 1e-3, warmupEnd: 200, floor: 0, end: end, shape: .linear)
        let l = try #require(LearningRateSchedule.inferred(x: x, learningRate: x.map { linear.learningRate(at: $0) }, plannedEnd: end))
        #expect(l.schedule.shape == .linear && abs(l.schedule.floor) < 1e-12)
    }

    @Test func aCooldownUnderWayIsInferredAndAFlatRateIsNot() throws {
        let x = stride(from: 100.0, through: 9000, by: 100).map { $0 }
        let cooling = try #require(LearningRateSchedule.inferred(x: x, learningRate: x.map { wsd.learningRate(at: $0) }, plannedEnd: end))
        #expect(cooling.impliesTheRest && cooling.schedule.shape == .linear)
        #expect(abs(cooling.schedule.decayStart - 8_000) <= 100)
        #expect(cooling.relativeError < 1e-3)
        let early = Array(x.prefix(50))
        let flat = try #require(LearningRateSchedule.inferred(x: early, learningRate: early.map { wsd.learningRate(at: $0) }, plannedEnd: end))
        #expect(!flat.impliesTheRest && flat.schedule.shape == .constant, "a stable phase says nothing about the cooldown")
        let step = LearningRateSchedule(peak: 1e-3, warmupEnd: 200, floor: 1e-4, end: end, shape: .constant,
                                        drops: [.init(at: 6_000, factor: 0.1)])
        let stepped = try #require(LearningRateSchedule.inferred(x: x, learningRate: x.map { step.learningRate(at: $0) }, plannedEnd: end))
        #expect(!stepped.impliesTheRest && stepped.schedule.drops.count == 1)
        #expect(abs(stepped.schedule.drops[0].factor - 0.1) < 1e-9 && stepped.schedule.drops[0].at == 6_000)
    }

    @Test func shapesFallFromOneToZero() {
        for shape in LearningRateSchedule.Shape.allCases where shape != .constant {
            #expect(abs(shape.remaining(0) - 1) < 1e-12 && abs(shape.remaining(1)) < 1e-12, "\(shape)")
            #expect(shape.remaining(0.3) > shape.remaining(0.6))
        }
        #expect(wsd.learningRate(at: 5_000) == 1e-3 && wsd.learningRate(at: 9_000) == 5e-4 && wsd.learningRate(at: 10_000) == 0)
    }

    @Test func forwardAreaOfAConstantRateIsTheFractionOfTheRun() {
        let constant = LearningRateSchedule(peak: 1e-3, warmupEnd: 0, floor: 1e-3, end: end, shape: .constant)
        for memory in [ScheduleAreas.Memory.exponential(0.05), .powerLaw(scale: 0.01, exponent: 0.5)] {
            let areas = ScheduleAreas(schedule: constant, end: end, memory: memory)
            #expect(abs(areas.features(at: 3_333).forward - 0.3333) < 1e-3)
            #expect(areas.features(at: 3_333).progress == 0 && areas.finalProgress == 0)
        }
        // A full fall of the rate takes (almost) all of its effect by the end, either memory.
        let fall = LearningRateSchedule(peak: 1, warmupEnd: 0, decayStart: 2_000, floor: 0, end: 3_000, shape: .linear)
        #expect(abs(ScheduleAreas(schedule: fall, end: end, memory: .exponential(0.02)).finalProgress - 1) < 0.02)
        #expect(ScheduleAreas(schedule: fall, end: end, memory: .powerLaw(scale: 0.0025, exponent: 0.5)).finalProgress > 0.85)
    }

    // MARK: Recovery

    @Test func annealingCurveFinalLossIsRecoveredFromHalfTheRun() throws {
        let c = curve(cosine, noiseSD: 0.002, seed: 11)
        let f = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.5)).forecast)
        #expect(f.knowledge == .inferred)
        #expect(abs(f.finalLoss - c.truth) < 0.015)
        #expect(f.interval.contains(c.truth))
        #expect(f.interval.upperBound - f.interval.lowerBound < 0.1)
        #expect(f.curve.count == 40)
        #expect(f.curve.first!.x == 5_000 && f.curve.last!.x == end && f.madeAt == 5_000)
        #expect(f.curve.allSatisfy { $0.lower <= $0.loss && $0.loss <= $0.upper })
    }

    @Test func intervalsCoverOverManyNoiseDraws() throws {
        var covered = 0, errors: [Double] = []
        for seed in 100..<116 {
            let c = curve(cosine, noiseSD: 0.004, seed: UInt64(seed))
            let f = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.5)).forecast)
            if f.interval.contains(c.truth) { covered += 1 }
            errors.append(abs(f.finalLoss - c.truth))
        }
        let median = errors.sorted()[errors.count / 2]
        #expect(covered >= 11, "coverage \(covered)/16")
        #expect(median < 0.01)
    }

    @Test func laterTruncationsForecastBetter() throws {
        let c = curve(cosine, noiseSD: 0.002, seed: 12)
        let e25 = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.25)).forecast)
        let e75 = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.75)).forecast)
        #expect(abs(e75.finalLoss - c.truth) < 0.006)
        #expect(e75.interval.upperBound - e75.interval.lowerBound < e25.interval.upperBound - e25.interval.lowerBound)
    }

    // MARK: Long curves

    /// Issue 16: a curve logged at every step (5,000 points at the cut) is fitted on 2,048
    /// bin means, and forecasts what fitting every point forecasts: the same final loss and
    /// bounds to a small fraction of the interval, for a decay inferred from the logged rates,
    /// a planned cooldown, an unknown schedule (two scenarios), and a misfit of the law.
    @Test func aLongCurveFittedOnBinsForecastsWhatEveryPointForecasts() throws {
        let cases: [(String, Curve, LearningRateSchedule?, Bool)] = [
            ("cosine, inferred", curve(cosine, noiseSD: 0.01, seed: 31, every: 1), nil, true),
            ("WSD, planned", curve(wsd, drop: 0.2, noiseSD: 0.01, seed: 32, every: 1), wsd, false),
            ("no rates", curve(cosine, noiseSD: 0.01, seed: 33, every: 1), nil, false),
        ]
        // A misfit smooth over many points (a wobble the law cannot follow), at two points a
        // step: 10,000 points at the cut, bins of 5. Its residuals are nearly the same in a
        // bin, so a noise level measured on bins would be 5 times one point's.
        var wobbly = curve(cosine, noiseSD: 0.002, seed: 34, every: 0.5)
        wobbly.loss = zip(wobbly.x, wobbly.loss).map { $1 + 0.01 * sin(2 * Double.pi * $0 / 1_500) }
        for (name, c, schedule, lr) in cases + [("cosine, smooth misfit", wobbly, nil, true)] {
            var binned = truncated(c, at: 0.5, lr: lr, schedule: schedule)
            #expect(binned.x.count == (c.x.count == 20_000 ? 10_000 : 5_000) && binned.maximumFittedPoints == 2048)
            var everyPoint = binned
            everyPoint.maximumFittedPoints = .max
            let a = try #require(LearningCurveForecaster.forecast(binned).forecast, "\(name)")
            let b = try #require(LearningCurveForecaster.forecast(everyPoint).forecast, "\(name)")
            let width = b.interval.upperBound - b.interval.lowerBound
            #expect(abs(a.finalLoss - b.finalLoss) < 0.02 * width, "\(name): \(a.finalLoss) vs \(b.finalLoss), width \(width)")
            #expect(abs(a.interval.lowerBound - b.interval.lowerBound) < 0.05 * width, "\(name): \(a.interval) vs \(b.interval)")
            #expect(abs(a.interval.upperBound - b.interval.upperBound) < 0.05 * width, "\(name): \(a.interval) vs \(b.interval)")
            #expect(a.fittedPoints == b.fittedPoints && a.knowledge == b.knowledge, "\(name)")
            // (The wobble is not in the law's truth: only bins against points is asked there.)
            if c.x.count == 10_000 { #expect(a.interval.contains(c.truth), "\(name): \(a.interval) misses \(c.truth)") }
            // At or under the limit, nothing is binned: the very same numbers.
            binned.maximumFittedPoints = binned.x.count
            let same = try #require(LearningCurveForecaster.forecast(binned).forecast)
            #expect(same.finalLoss == b.finalLoss && same.interval == b.interval, "\(name)")
        }
    }

    @Test func binsAreMeansOfConsecutivePointsWeightedByTheirCount() {
        let x = (1...10).map(Double.init), loss = x.map { 10 - $0 }
        let bins = FittedBins(x: x, loss: loss, maximum: 4)
        #expect(bins.isBinned)
        #expect(bins.x == [2, 5, 8, 10] && bins.loss == [8, 5, 2, 0] && bins.weight == [3, 3, 3, 1])
        let few = FittedBins(x: x, loss: loss, maximum: 10)
        #expect(!few.isBinned && few.x == x && few.loss == loss && few.weight == [Double](repeating: 1, count: 10))
        let many = FittedBins(x: (1...100_001).map(Double.init), loss: [Double](repeating: 3, count: 100_001), maximum: 2048)
        #expect(many.x.count <= 2048 && many.weight.reduce(0, +) == 100_001 && many.loss.allSatisfy { $0 == 3 })
    }

    // MARK: Schedule knowledge

    /// Issue #13: a WSD cooldown after the cut. Planned, its drop is forecast; unknown, the
    /// interval is widened to cover it and says so.
    @Test func aPlannedCooldownIsForecastAndAnUnknownOneIsCovered() throws {
        let c = curve(wsd, drop: 0.2, noiseSD: 0.002, seed: 21)
        let noCooldown = curve(LearningRateSchedule(peak: 1e-3, warmupEnd: 200, floor: 1e-3, end: end, shape: .constant),
                               noiseSD: 0.002, seed: 21).truth
        #expect(noCooldown - c.truth > 0.08, "the cooldown is worth ~0.1 nats by the end")
        let planned = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.5, schedule: wsd)).forecast)
        #expect(planned.knowledge == .planned && planned.cooldown == nil)
        #expect(planned.finalLoss < noCooldown - 0.04, "the drop is forecast: \(planned.finalLoss) vs \(noCooldown)")
        #expect(planned.interval.contains(c.truth))
        let unknown = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.5)).forecast)
        #expect(unknown.knowledge == .unknownAfterCut && unknown.knowledge.isWidened && unknown.cooldown != nil)
        #expect(unknown.interval.contains(c.truth) && unknown.interval.contains(noCooldown))
        #expect(unknown.notes.contains { $0.contains("widened to cover a cooldown") })
        // Without any learning rate, a typical cooldown (the prior's median drop) is covered.
        let typical = curve(wsd, drop: 0.09, noiseSD: 0.002, seed: 22)
        let blind = try #require(LearningCurveForecaster.forecast(truncated(typical, at: 0.5, lr: false)).forecast)
        #expect(blind.knowledge == .noLearningRate && blind.interval.contains(typical.truth))
        #expect(blind.notes.contains { $0.contains("no learning rate") })
    }

    // MARK: The decay's discrepancy

    /// Issue #13 (fifth round): the decay's discrepancy follows the planned decay's length,
    /// ℓ = (end − decayStart)/(end − warmupEnd), linear between the short-cooldown (ℓ = 0) and
    /// long-decay (ℓ = 1) constants. The expected values are worked out here from the
    /// schedules' numbers, not read back from the code.
    @Test func aShortCooldownAndALongDecayGetTheirOwnDiscrepancy() {
        var prior = ForecastPrior()
        prior.annealingDiscrepancyShortCooldown = 0.2
        prior.annealingDiscrepancyLongDecay = 0.8
        // WSD: warmup to 200, cooldown from 8000 to 10000: ℓ = 2000/9800.
        let l = 2_000.0 / 9_800.0
        #expect(abs(wsd.decayFraction - l) < 1e-12)
        #expect(abs(prior.annealingDiscrepancy(for: wsd) - (0.2 + 0.6 * l)) < 1e-12)
        #expect(abs(prior.annealingDiscrepancy(for: wsd) - 0.32245) < 1e-4)
        // Cosine from the end of warmup to the end: ℓ = 1, the long-decay constant.
        #expect(cosine.decayFraction == 1)
        #expect(abs(prior.annealingDiscrepancy(for: cosine) - 0.8) < 1e-12)
        // A step schedule (drops, no decay) and a constant rate: ℓ = 0, the short constant.
        let step = LearningRateSchedule(peak: 1e-3, warmupEnd: 200, floor: 1e-3, end: end, shape: .constant,
                                        drops: [.init(at: 6_000, factor: 0.3)])
        #expect(step.decayFraction == 0 && abs(prior.annealingDiscrepancy(for: step) - 0.2) < 1e-12)
        // A cooldown over the last half of the run after a warmup to 1000: ℓ = 4500/9000.
        let half = LearningRateSchedule(peak: 1e-3, warmupEnd: 1_000, decayStart: 5_500, floor: 0, end: end, shape: .oneMinusSquareRoot)
        #expect(abs(prior.annealingDiscrepancy(for: half) - 0.5) < 1e-12)
        // Both constants equal: one value for every schedule (the previous, single constant).
        prior.annealingDiscrepancyShortCooldown = 0.35
        prior.annealingDiscrepancyLongDecay = 0.35
        for s in [wsd, cosine, step, half] { #expect(abs(prior.annealingDiscrepancy(for: s) - 0.35) < 1e-12) }
    }

    /// Issue #13 (sixth round): residuals correlated at lag one widen the posterior by
    /// (1+ρ)/(1−ρ), ρ capped at `maximumAutocorrelation`. On a curve whose noise is strongly
    /// correlated (AR(1), φ = 0.95) the cap decides the width: none (0) is narrower than a
    /// cap above the residuals' ρ, and two caps above it give the same interval.
    @Test func theCapOnCorrelatedResidualsIsRead() throws {
        let clean = curve(cosine, noiseSD: 0, seed: 1)
        let white = noise(clean.x.count, sd: 0.004, seed: 77)
        var correlated: [Double] = []
        var e = 0.0
        for w in white { e = 0.95 * e + w; correlated.append(e) }
        let c: Curve = (clean.x, zip(clean.loss, correlated).map { $0 + $1 }, clean.lr, clean.truth)
        func width(cap: Double) throws -> Double {
            var input = truncated(c, at: 0.5, schedule: cosine)
            input.prior.maximumAutocorrelation = cap
            let f = try #require(LearningCurveForecaster.forecast(input).forecast)
            return f.interval.upperBound - f.interval.lowerBound
        }
        let none = try width(cap: 0), wide = try width(cap: 0.99), wider = try width(cap: 0.999)
        #expect(none < wide * 0.95, "no inflation \(none), cap 0.99 \(wide)")
        #expect(abs(wide - wider) < 1e-12, "both caps above the residuals' ρ: \(wide) vs \(wider)")
    }

    /// The noise of one logged loss is read from the latest third of the residuals (at least
    /// 8): noise that was large early and small late gives the late variance, and a short fit
    /// uses its last 8 (issue #13's seventh round).
    @Test func theNoiseOfOneLossIsReadFromTheLatestResiduals() {
        let early = noise(60, sd: 0.02, seed: 5), late = noise(30, sd: 0.002, seed: 6)
        let v = LearningCurvePosterior.latestNoiseVariance(early + late)
        #expect(v > 0.0015 * 0.0015 && v < 0.003 * 0.003, "variance \(v), late noise 0.002², early 0.02²")
        // 12 residuals: the last 8 (a third would be 4); differences 3, 0, …, so (9 + 0·6)/(2·7).
        let short = [5.0, -5, 5, -5, 0, 0, 0, 0, 0, 3, 3, 3]
        #expect(LearningCurvePosterior.latestNoiseVariance(short) == 9.0 / 14)
        #expect(LearningCurvePosterior.latestNoiseVariance([1.0]) == 0)
        #expect(LearningCurvePosterior.latestNoiseVariance([1.0, 2.0]) == 0.5)
    }

    /// The cells are weighed against the noise plus `likelihoodMisfitShare` of the misfit
    /// (the rest of the residual variance), inflated for correlation: 1 is the whole residual
    /// variance, 0 the noise alone.
    @Test func theCellsAreWeighedAgainstTheNoisePlusAShareOfTheMisfit() {
        let v = { (share: Double, rho: Double) in
            LearningCurvePosterior.likelihoodVariance(noise: 1e-6, residualVariance: 9e-6, correlation: rho, misfitShare: share)
        }
        #expect(abs(v(1, 0) - 9e-6) < 1e-18)
        #expect(abs(v(0, 0) - 1e-6) < 1e-18)
        #expect(abs(v(0.25, 0) - 3e-6) < 1e-18)
        #expect(abs(v(0.25, 0.5) - 9e-6) < 1e-18, "× (1 + 0.5)/(1 − 0.5) = 3")
        // Noise above the residual variance (it is capped there upstream): no negative misfit.
        #expect(LearningCurvePosterior.likelihoodVariance(noise: 2e-6, residualVariance: 1e-6, correlation: 0, misfitShare: 1) == 2e-6)
    }

    /// Correlated noise is noise, not misfit: residuals that are pure AR(1) noise (no misfit)
    /// are read as noise, so weighing against the noise alone (share 0) is close to weighing
    /// against the whole residual variance (share 1). Taking only the noise's
    /// successive-difference part as noise, as the seventh round's first formula did, made
    /// share 0 weigh (1 − ρ) as much (0.3 at φ = 0.7).
    @Test(arguments: [(23 as UInt64, 0.7), (24, 0.5), (25, 0.8)])
    func correlatedNoiseWithoutMisfitIsReadAsNoise(seed: UInt64, phi: Double) {
        var residuals: [Double] = []
        var e = 0.0
        for w in noise(600, sd: 0.003, seed: seed) { e = phi * e + w; residuals.append(e) }
        let variance = residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count)
        func read(share: Double) -> LearningCurvePosterior.ResidualReading {
            var prior = ForecastPrior()
            prior.likelihoodMisfitShare = share
            return LearningCurvePosterior.read(residuals, residualVariance: variance, noiseFloor: 1e-12, prior: prior)
        }
        let none = read(share: 0), all = read(share: 1)
        #expect(abs(none.correlation - phi) < 0.1, "ρ \(none.correlation) for φ \(phi)")
        #expect(none.observation > 0.8 * variance, "one loss's noise \(none.observation) of σ² \(variance)")
        #expect(none.weighing > 0.8 * all.weighing && none.weighing <= all.weighing + 1e-18,
                "share 0 weighs against \(none.weighing), share 1 against \(all.weighing)")
    }

    /// The share reaches the forecast: on a nearly noiseless curve the law cannot follow (a
    /// smooth bump it has no term for), weighing against the whole residual variance (1) and
    /// against the noise alone (0) give different forecasts.
    @Test func theMisfitShareOfTheLikelihoodIsRead() throws {
        let clean = curve(cosine, noiseSD: 0, seed: 1)
        let bump = clean.x.map { 0.01 * sin(2 * Double.pi * $0 / 3_000) }
        let tiny = noise(clean.x.count, sd: 0.0003, seed: 19)
        let c: Curve = (clean.x, zip(zip(clean.loss, bump), tiny).map { $0.0 + $0.1 + $1 }, clean.lr, clean.truth)
        func forecast(share: Double) throws -> LearningCurveForecast {
            var input = truncated(c, at: 0.6, schedule: cosine)
            input.prior.likelihoodMisfitShare = share
            return try #require(LearningCurveForecaster.forecast(input).forecast)
        }
        let all = try forecast(share: 1), none = try forecast(share: 0)
        #expect(abs((all.interval.upperBound - all.interval.lowerBound) - (none.interval.upperBound - none.interval.lowerBound)) > 1e-3,
                "widths \(all.interval) vs \(none.interval)")
    }

    /// The forecaster reads the constant that belongs to the planned decay: a cosine forecast
    /// does not depend on the short-cooldown constant, and widens with the long-decay one; a
    /// WSD forecast (ℓ ≈ 0.2) moves with both.
    @Test func theForecastUsesTheDiscrepancyOfItsSchedulesDecayLength() throws {
        func width(_ schedule: LearningRateSchedule, short: Double, long: Double) throws -> Double {
            var input = truncated(curve(schedule, drop: 0.15, noiseSD: 0.003, seed: 41), at: 0.4, schedule: schedule)
            input.prior.annealingDiscrepancyShortCooldown = short
            input.prior.annealingDiscrepancyLongDecay = long
            let f = try #require(LearningCurveForecaster.forecast(input).forecast)
            return f.interval.upperBound - f.interval.lowerBound
        }
        let cosineBase = try width(cosine, short: 0.3, long: 0.3)
        #expect(abs(try width(cosine, short: 2.0, long: 0.3) - cosineBase) < 1e-12, "ℓ = 1: the short constant is not read")
        #expect(try width(cosine, short: 0.3, long: 2.0) > cosineBase * 1.05)
        let wsdBase = try width(wsd, short: 0.3, long: 0.3)
        #expect(try width(wsd, short: 2.0, long: 0.3) > wsdBase * 1.05)
        #expect(try width(wsd, short: 0.3, long: 2.0) > wsdBase)
        // At ℓ ≈ 0.2 the short constant weighs four times the long one.
        #expect(try width(wsd, short: 2.0, long: 0.3) > width(wsd, short: 0.3, long: 2.0))
    }

    // MARK: Physics

    @Test func forecastsNeverGoBelowTheFloorAndNeverRiseWhileTheRateFalls() throws {
        // Early, noisy, with a steep fall: the unbounded mixture reaches far down.
        let c = curve(cosine, drop: 0.3, noiseSD: 0.03, seed: 31)
        let free = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.15)).forecast)
        #expect(free.floor == .zero && free.interval.lowerBound >= 0)
        let floor = LossFloor(value: free.interval.lowerBound + 0.5 * (free.finalLoss - free.interval.lowerBound), source: "test E")
        let bounded = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.15, floor: floor)).forecast)
        #expect(bounded.floorApplied && bounded.floor == floor)
        #expect(bounded.interval.lowerBound >= floor.value && bounded.curve.allSatisfy { $0.lower >= floor.value })
        #expect(bounded.notes.contains { $0.contains("test E") })
        for f in [free, bounded] {
            for (a, b) in zip(f.curve, f.curve.dropFirst()) {
                #expect(b.loss <= a.loss && b.lower <= a.lower && b.upper <= a.upper)
            }
        }
    }

    // MARK: Refusals

    @Test func tooLittleOfTheCurveIsSaidNotGuessed() {
        let c = curve(cosine, noiseSD: 0.002, seed: 14)
        if case .tooLittleOfTheCurve(let why) = LearningCurveForecaster.forecast(truncated(c, at: 0.05)) {
            #expect(why.contains("%"))
        } else { Issue.record("5% of a run must not be forecast") }
        let sparse = LearningCurveForecastInput(x: [1000, 2000, 3000, 4000, 5000], loss: [4, 3.5, 3.3, 3.2, 3.15], plannedEnd: end)
        if case .tooLittleOfTheCurve = LearningCurveForecaster.forecast(sparse) {} else { Issue.record("5 points must not be forecast") }
        let past = LearningCurveForecastInput(x: [1, 2, 3], loss: [3, 2, 1], plannedEnd: 2)
        if case .invalidInput = LearningCurveForecaster.forecast(past) {} else { Issue.record("an end before the data is invalid") }
        let nan = LearningCurveForecastInput(x: [1, 2, 3], loss: [3, .nan, 1], plannedEnd: 20)
        if case .invalidInput = LearningCurveForecaster.forecast(nan) {} else { Issue.record("NaN loss is invalid") }
    }

    // MARK: Calibration

    @Test func conformalFactorIsTheCorrectedQuantile() {
        // n = 9 scores at level 0.8: rank ⌈10·0.8⌉ = 8.
        let c = ForecastCalibration(scores: [0.1, 0.9, 0.3, 0.5, 2.0, 0.7, 1.1, 0.2, 1.5], level: 0.8)
        #expect(c.factor == 1.5)
        #expect(ForecastCalibration(scores: [1, 2, 3], level: 0.8).factor == nil)
    }

    @Test func calibrationScoresFinishedRunsAtEachFraction() {
        let runs = (40..<44).map { seed -> LearningCurveForecastInput in
            let c = curve(cosine, noiseSD: 0.002, seed: UInt64(seed))
            return LearningCurveForecastInput(x: c.x, loss: c.loss, learningRate: c.lr, plannedEnd: end)
        }
        let c = ForecastCalibration.fromFinishedRuns(runs, level: 0.8)
        #expect(c.scores.count == 12)
        #expect(c.scores.allSatisfy { $0 >= 0 && $0.isFinite })
        #expect(c.factor == c.scores.sorted()[10])
    }
}
