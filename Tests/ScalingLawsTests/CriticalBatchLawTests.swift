import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// Kaplan et al. 2020 (arXiv 2001.08361) §5 and Appendix B against the paper's own numbers.
@Suite struct CriticalBatchLawTests {
    func relative(_ x: Double, _ y: Double) -> Double { abs(x / y - 1) }

    @Test func table6ComputeEfficientBatchFollowsFromTable5() {
        // Table 6: B = B_e·C_min^p_B with B_e = 2.0e6 tokens and p_B = 0.24 (§6.1: B ∝ L^−4.8
        // and L ∝ C_min^−0.05). From Table 5's B* = 2.1e8, α_B = 0.21, C_c = 3.1e8 PF-days,
        // α_C = 0.050: p_B = 0.238, B_e = 1.997e6.
        let law = CriticalBatchLaw.kaplan2020
        #expect(relative(law.computeEfficientBatch(petaflopDays: 1), 2.0e6) < 0.005)
        let pB = log(law.computeEfficientBatch(petaflopDays: 10) / law.computeEfficientBatch(petaflopDays: 1)) / log(10)
        #expect(abs(pB - 0.24) < 0.005)
        // Fig. 10's line: B_crit = 2.1e8·L^−4.8 (1/α_B = 4.76).
        #expect(abs(1 / law.exponent - 4.8) < 0.05)
    }

    @Test func criticalBatchDoublesForEveryThirteenPercentDecreaseInLoss() {
        // Fig. 10 caption / §1.1: "approximately doubles for every 13% decrease in loss".
        let law = CriticalBatchLaw.kaplan2020
        #expect(abs(law.criticalBatch(loss: 0.87 * 3) / law.criticalBatch(loss: 3) - 2) < 0.07)
        // And the exact loss ratio of a doubling: 2^−α_B = 0.865.
        #expect(abs(law.loss(atCriticalBatch: 2 * law.criticalBatch(loss: 3)) / 3 - 0.865) < 0.001)
    }

    @Test func trainingAtTheCriticalBatchCostsTwiceTheMinimumStepsAndTokens() {
        // §5.1 after Eq. 5.2: B = B_crit requires 2·S_min steps and 2·E_min examples; and
        // Eq. 5.1 holds for any B.
        let sMin = 1000.0, bCrit = 5e5
        let atCritical = CriticalBatchLaw.stepsAndTokens(minimumSteps: sMin, criticalBatch: bCrit, batch: bCrit)
        let stepRatio = atCritical.steps / sMin, tokenRatio = atCritical.tokens / (sMin * bCrit)
        #expect(abs(stepRatio - 2) < 1e-12)
        #expect(abs(tokenRatio - 2) < 1e-12)
        for b in [1e4, 1e5, 1e6, 1e7] {
            let st = CriticalBatchLaw.stepsAndTokens(minimumSteps: sMin, criticalBatch: bCrit, batch: b)
            let product: Double = (st.steps / sMin - 1) * (st.tokens / (sMin * bCrit) - 1)
            #expect(abs(product - 1) < 1e-12)
        }
        // 5.4 and 5.5 invert it.
        let law = CriticalBatchLaw.kaplan2020
        let l = 3.0, b = 2.0 * law.criticalBatch(loss: l)
        #expect(relative(law.minimumSteps(steps: 3000, batch: b, loss: l), 2000) < 1e-12)
        #expect(relative(law.minimumCompute(flops: 3e18, batch: b, loss: l), 1e18) < 1e-12)
    }

    @Test func appendixBConvergenceNumbers() {
        // B.5: efficient training stops α_N/α_S ≈ 10% above convergence (Table 3: 0.077/0.76).
        let law = StepsLossLaw.kaplan2020
        #expect(abs(law.efficientStoppingExcess - 0.10) < 0.002)
        // B.12–B.14 with f = α_N/α_S and f′ = 2%: N_f/N_f′ ≈ 2.7, S_f/S_f′ ≈ 0.13, C_f/C_f′ ≈ 0.35
        // ("7.7x fewer parameter updates, 2.7x more parameters, and 65% less compute").
        let t = law.convergenceTradeoff(f: law.efficientStoppingExcess, fPrime: 0.02)
        #expect(abs(t.parameters - 2.7) < 0.02)
        #expect(abs(t.steps - 0.13) < 0.002)
        #expect(abs(t.compute - 0.35) < 0.01)
        #expect(abs(1 / t.steps - 7.7) < 0.1)
    }

    @Test func lossTrajectoryAtABatchSize() {
        // L(N, S, B) (Eqs. 5.4 + 5.6): an unlimited batch gives L(N, S_min = S); at the batch
        // equal to B_crit of the loss reached, the same loss takes twice the steps.
        let law = StepsLossLaw.kaplan2020
        let n = 1e8, s = 2e4
        #expect(relative(law.loss(parameters: n, steps: s, batch: 1e15), law.loss(parameters: n, minimumSteps: s)) < 1e-6)
        let l = law.loss(parameters: n, minimumSteps: s)
        let b = law.criticalBatch.criticalBatch(loss: l)
        #expect(relative(law.loss(parameters: n, steps: 2 * s, batch: b), l) < 1e-9)
        // A smaller batch reaches a higher loss in the same steps.
        #expect(law.loss(parameters: n, steps: s, batch: b / 4) > law.loss(parameters: n, steps: s, batch: b))
    }

    /// Runs of one model size at several batches, following L(N, S, B) of a known law.
    static func runs(truth: StepsLossLaw, parameters n: Double, batches: [Double], noise: Double = 0) -> [CriticalBatchFit.Run] {
        var rng = SplitMix64(seed: 7)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        return batches.map { b in
            let steps = (0..<200).map { 50 * pow(1.04, Double($0)) }
            let tokens = steps.map { $0 * b }
            let loss = steps.map { truth.loss(parameters: n, steps: $0, batch: b) * (1 + noise * (uniform() - 0.5)) }
            return CriticalBatchFit.Run(parameters: n, batchTokens: b, tokens: tokens, loss: loss)
        }
    }

    @Test func fitRecoversAKnownCriticalBatchLaw() throws {
        let truth = StepsLossLaw(parameterScale: 6.5e13, parameterExponent: 0.077, stepScale: 2.1e3, stepExponent: 0.76,
                                 criticalBatch: CriticalBatchLaw(scale: 1e8, exponent: 0.25))
        let batches = [16384.0, 65536, 262_144, 1_048_576, 4_194_304]
        let runs = Self.runs(truth: truth, parameters: 1e8, batches: batches) + Self.runs(truth: truth, parameters: 1e9, batches: batches)
        let fit = try CriticalBatchFit.fit(runs)
        #expect(relative(fit.law.scale, 1e8) < 0.05)
        #expect(abs(fit.law.exponent - 0.25) < 0.01)
        // Each level's S_min reproduces Eq. 5.6 at that loss.
        for m in fit.measurements {
            let predicted = truth.stepScale / pow(m.loss - truth.convergedLoss(parameters: m.parameters), 1 / truth.stepExponent)
            #expect(relative(m.minimumSteps, predicted) < 0.05)
        }
    }

    @Test func fitNeedsTwoBatchSizes() {
        let truth = StepsLossLaw.kaplan2020
        #expect(throws: FitError.self) { try CriticalBatchFit.fit(Self.runs(truth: truth, parameters: 1e8, batches: [65536])) }
        #expect(throws: FitError.self) { try CriticalBatchFit.fit([]) }
    }

    /// The runs `usable` turns away (a size trained at one batch) change nothing in the fit:
    /// sizes at one batch next to, between and within 2% of sizes at several.
    @Test func leavingOutTheRunsItCannotUseChangesNothing() throws {
        let truth = StepsLossLaw(parameterScale: 6.5e13, parameterExponent: 0.077, stepScale: 2.1e3, stepExponent: 0.76,
                                 criticalBatch: CriticalBatchLaw(scale: 1e8, exponent: 0.25))
        let batches = [16384.0, 65536, 262_144, 1_048_576]
        let runs = Self.runs(truth: truth, parameters: 1e8, batches: batches)
            + Self.runs(truth: truth, parameters: 3e8, batches: [65536])
            + Self.runs(truth: truth, parameters: 3.05e8, batches: [65536, 65536])
            + Self.runs(truth: truth, parameters: 1e9, batches: batches)
            + Self.runs(truth: truth, parameters: 1.015e9, batches: [262_144])
            + Self.runs(truth: truth, parameters: 5e9, batches: [16384])
        let usable = CriticalBatchFit.usable(parameters: runs.map(\.parameters), batchTokens: runs.map(\.batchTokens))
        #expect(usable == runs.map { $0.parameters == 1e8 || $0.parameters >= 1e9 && $0.parameters < 2e9 },
                "the 1e9 and 1.015e9 runs are one size, at several batches; 3e8, 3.05e8 and 5e9 at one")
        let all = try CriticalBatchFit.fit(runs)
        let kept = try CriticalBatchFit.fit(runs.indices.filter { usable[$0] }.map { runs[$0] })
        #expect(all.law == kept.law && all.measurements == kept.measurements && all.warnings == kept.warnings
                && all.lossRange == kept.lossRange)
        // A run the fit would refuse stays in, so its error is still reported.
        #expect(CriticalBatchFit.usable(parameters: [1e8, .nan, -1], batchTokens: [1, 2, 3]) == [false, true, true])
    }
}
