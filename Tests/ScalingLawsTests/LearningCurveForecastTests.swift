import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// The live forecast (methods.md §5): truth recovery on synthetic curves, the schedule
/// inference, and refusals when the curve is too short.
@Suite struct LearningCurveForecastTests {
    let end = 10_000.0
    let schedule = LearningRateSchedule(peak: 3e-4, warmupEnd: 500, floor: 3e-5, end: 10_000, decay: .cosine)

    /// Gaussian noise from SplitMix64 (Box–Muller), reproducible.
    func noise(_ count: Int, sd: Double, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let u1 = (Double(rng.next() >> 11) + 0.5) / 9007199254740992.0
            let u2 = (Double(rng.next() >> 11) + 0.5) / 9007199254740992.0
            return sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
    }

    /// A cosine-schedule curve from the LR-annealing law itself, memory 5% of the run.
    func annealingCurve(noiseSD: Double, seed: UInt64) -> (x: [Double], loss: [Double], lr: [Double], truth: Double) {
        let areas = ScheduleAreas(schedule: schedule, end: end, memory: 0.05 * end)
        // C such that annealing is worth 0.12 nats by the end.
        let law = LearningCurveLaw(irreducibleLoss: 2.1, coefficient: 9, exponent: 0.45,
                                   annealingCoefficient: 0.12 / areas.areas(at: end).annealing)
        let x = stride(from: 100.0, through: end, by: 100).map { $0 }
        let e = noise(x.count, sd: noiseSD, seed: seed)
        let clean = x.map { let a = areas.areas(at: $0); return law.loss(forwardArea: a.forward, annealingArea: a.annealing) }
        return (x, zip(clean, e).map { $0 + $1 }, x.map { schedule.learningRate(at: $0) }, clean.last!)
    }

    func truncated(_ c: (x: [Double], loss: [Double], lr: [Double], truth: Double), at fraction: Double, lr: Bool = true) -> LearningCurveForecastInput {
        let keep = c.x.indices.filter { c.x[$0] <= fraction * end }
        return LearningCurveForecastInput(x: keep.map { c.x[$0] }, loss: keep.map { c.loss[$0] },
                                          learningRate: lr ? keep.map { c.lr[$0] } : nil, plannedEnd: end,
                                          level: 0.8, bootstrapReplicates: 100, seed: 3)
    }

    @Test func scheduleIsInferredFromTheLoggedPrefix() {
        let x = stride(from: 100.0, through: 4000, by: 100).map { $0 }
        let (s, error) = LearningRateSchedule.inferred(x: x, learningRate: x.map { schedule.learningRate(at: $0) }, plannedEnd: end)!
        #expect(s.decay == .cosine)
        #expect(abs(s.floor / 3e-5 - 1) < 1e-6)
        #expect(s.warmupEnd == 500)
        #expect(error < 1e-9)
        let linear = LearningRateSchedule(peak: 1e-3, warmupEnd: 200, floor: 0, end: end, decay: .linear)
        let (l, _) = LearningRateSchedule.inferred(x: x, learningRate: x.map { linear.learningRate(at: $0) }, plannedEnd: end)!
        #expect(l.decay == .linear)
        #expect(abs(l.floor) < 1e-12)
    }

    @Test func forwardAreaOfAConstantRateIsX() {
        let constant = LearningRateSchedule(peak: 1e-3, warmupEnd: 0, floor: 1e-3, end: end, decay: .cosine)
        let areas = ScheduleAreas(schedule: constant, end: end, memory: 500)
        #expect(abs(areas.areas(at: 3_333).forward - 3_333) < 1e-6)
        #expect(areas.areas(at: 3_333).annealing == 0)
    }

    @Test func annealingCurveFinalLossIsRecoveredFromHalfTheRun() throws {
        let c = annealingCurve(noiseSD: 0.002, seed: 11)
        let f = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.5)).forecast)
        #expect(f.model == .learningRateAnnealing)
        #expect(abs(f.finalLoss - c.truth) < 0.015)
        #expect(f.interval.upperBound - f.interval.lowerBound < 0.1)
        #expect(f.curve.count == 40)
        #expect(f.curve.first!.x == 5_000 && f.curve.last!.x == end)
        #expect(f.curve.allSatisfy { $0.lower <= $0.loss && $0.loss <= $0.upper })
    }

    @Test func intervalsCoverOverManyNoiseDraws() throws {
        // 16 noise draws at half the run: the 80% interval should hold the truth in most,
        // and the median error stay well under a typical gap between model sizes (~0.1).
        var covered = 0, errors: [Double] = []
        for seed in 100..<116 {
            let c = annealingCurve(noiseSD: 0.002, seed: UInt64(seed))
            var input = truncated(c, at: 0.5)
            input.bootstrapReplicates = 60
            let f = try #require(LearningCurveForecaster.forecast(input).forecast)
            if f.interval.contains(c.truth) { covered += 1 }
            errors.append(abs(f.finalLoss - c.truth))
        }
        let median = errors.sorted()[errors.count / 2]
        print("synthetic forecast at 50%: coverage \(covered)/16, median |error| \(median)")
        #expect(covered >= 10)
        #expect(median < 0.01)
    }

    @Test func laterTruncationsForecastBetter() throws {
        let c = annealingCurve(noiseSD: 0.002, seed: 12)
        let e25 = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.25)).forecast)
        let e75 = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.75)).forecast)
        #expect(abs(e75.finalLoss - c.truth) < 0.005)
        #expect(e75.interval.upperBound - e75.interval.lowerBound < e25.interval.upperBound - e25.interval.lowerBound)
    }

    @Test func ignoringTheScheduleOverPredictsTheFinalLoss() throws {
        // methods.md §5.2: a plain power law fitted mid-cosine misses the annealing drop.
        let c = annealingCurve(noiseSD: 0.001, seed: 13)
        let aware = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.5)).forecast)
        let blind = try #require(LearningCurveForecaster.forecast(truncated(c, at: 0.5, lr: false)).forecast)
        #expect(blind.model == .powerLawInSteps)
        #expect(blind.finalLoss - c.truth > 0.03)
        #expect(abs(aware.finalLoss - c.truth) < abs(blind.finalLoss - c.truth))
    }

    @Test func powerLawCurveWithoutLearningRatesIsRecovered() throws {
        // Constant LR: L = 2.5 + 30·x^(−0.5).
        let x = stride(from: 50.0, through: 4000, by: 50).map { $0 }
        let e = noise(x.count, sd: 0.002, seed: 21)
        let loss = zip(x, e).map { 2.5 + 30 * pow($0, -0.5) + $1 }
        let f = try #require(LearningCurveForecaster.forecast(LearningCurveForecastInput(x: x, loss: loss, plannedEnd: end)).forecast)
        let truth = 2.5 + 30 * pow(end, -0.5)
        #expect(abs(f.finalLoss - truth) < 0.01)
        #expect(f.interval.contains(truth))
        #expect(f.notes.contains { $0.contains("no learning rate") })
    }

    @Test func tooLittleOfTheCurveIsSaidNotGuessed() {
        let c = annealingCurve(noiseSD: 0.002, seed: 14)
        // 5% of the run.
        if case .tooLittleOfTheCurve(let why) = LearningCurveForecaster.forecast(truncated(c, at: 0.05)) {
            #expect(why.contains("%"))
        } else { Issue.record("5% of a run must not be forecast") }
        // Enough of the run but too few points.
        let sparse = LearningCurveForecastInput(x: [1000, 2000, 3000, 4000, 5000], loss: [4, 3.5, 3.3, 3.2, 3.15], plannedEnd: end)
        if case .tooLittleOfTheCurve = LearningCurveForecaster.forecast(sparse) {} else { Issue.record("5 points must not be forecast") }
        let past = LearningCurveForecastInput(x: [1, 2, 3], loss: [3, 2, 1], plannedEnd: 2)
        if case .invalidInput = LearningCurveForecaster.forecast(past) {} else { Issue.record("an end before the data is invalid") }
        let nan = LearningCurveForecastInput(x: [1, 2, 3], loss: [3, .nan, 1], plannedEnd: 20)
        if case .invalidInput = LearningCurveForecaster.forecast(nan) {} else { Issue.record("NaN loss is invalid") }
    }

    @Test func conformalFactorIsTheCorrectedQuantile() {
        // n = 9 scores at level 0.8: rank ⌈10·0.8⌉ = 8.
        let c = ForecastCalibration(scores: [0.1, 0.9, 0.3, 0.5, 2.0, 0.7, 1.1, 0.2, 1.5], level: 0.8)
        #expect(c.factor == 1.5)
        #expect(ForecastCalibration(scores: [1, 2, 3], level: 0.8).factor == nil)
    }

    @Test func constantLearningRateFallsBackToThePowerLaw() throws {
        // A WSD stable phase: the rate is flat, the annealing area is zero, and the law
        // reduces to L∞ + A·x^(−α).
        let x = stride(from: 50.0, through: 5000, by: 50).map { $0 }
        let e = noise(x.count, sd: 0.002, seed: 31)
        let loss = zip(x, e).map { 2.5 + 30 * pow($0, -0.5) + $1 }
        let lr = x.map { $0 < 200 ? 1e-3 * $0 / 200 : 1e-3 }
        let f = try #require(LearningCurveForecaster.forecast(LearningCurveForecastInput(x: x, loss: loss, learningRate: lr, plannedEnd: end)).forecast)
        #expect(f.model == .learningRateAnnealing)
        #expect(f.schedule?.floor == 1e-3)
        #expect(f.law.annealingCoefficient == 0)
        #expect(abs(f.finalLoss - (2.5 + 30 * pow(end, -0.5))) < 0.01)
    }

    @Test func calibrationScoresFinishedRunsAtEachFraction() {
        let runs = (40..<44).map { seed -> LearningCurveForecastInput in
            let c = annealingCurve(noiseSD: 0.002, seed: UInt64(seed))
            return LearningCurveForecastInput(x: c.x, loss: c.loss, learningRate: c.lr, plannedEnd: end, bootstrapReplicates: 30)
        }
        let c = ForecastCalibration.fromFinishedRuns(runs, level: 0.8)
        #expect(c.scores.count == 12)
        #expect(c.scores.allSatisfy { $0 >= 0 && $0.isFinite })
        // 12 scores at 80%: the ⌈13·0.8⌉ = 11th smallest.
        #expect(c.factor == c.scores.sorted()[10])
    }
}
