import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// The what-if numerics against published numbers (methods.md §10) and against brute force.
@Suite struct WhatIfTests {
    func relative(_ x: Double, _ y: Double) -> Double { abs(x / y - 1) }

    // MARK: Budget and hardware (methods.md §1.7)

    @Test func gpuHoursToFlopsAndBack() throws {
        let plan = try HardwarePlan(hardware: HardwarePreset.require("H100"), modelFLOPsUtilization: 0.4,
                                    gpuCount: 64, dollarsPerGPUHour: 2.5)
        // 1000 GPU-hours × 3600 s × 989e12 FLOP/s × 0.4.
        let budget = try ComputeBudget(gpuHours: 1000, on: plan)
        #expect(relative(budget.flops, 1000 * 3600 * 989e12 * 0.4) < 1e-12)
        let cost = plan.cost(flops: budget.flops)
        #expect(relative(cost.gpuHours, 1000) < 1e-12)
        #expect(relative(cost.wallClockHours, 1000.0 / 64) < 1e-12)
        #expect(relative(cost.dollars!, 2500) < 1e-12)
        let byDollars = try ComputeBudget(dollars: 2500, on: plan)
        #expect(relative(byDollars.flops, budget.flops) < 1e-12)
    }

    @Test func hardwareNamesAreForgivingAndUnknownNamesListTheKnownOnes() throws {
        #expect(HardwarePreset.named("tpu v5e")?.peakFLOPsPerSecond == 197e12)
        #expect(HardwarePreset.named("mi300x")?.name == "MI300X")
        #expect(HardwarePreset.named("A100")?.peakFLOPsPerSecond == 312e12)
        #expect(throws: WhatIfError.self) { try HardwarePreset.require("H1000") }
        do { _ = try HardwarePreset.require("H1000") } catch {
            #expect(error.description.contains("H100") && error.description.contains("TPU-v5e"))
        }
    }

    @Test func absurdBudgetsAreRejected() {
        for bad in [-1e21, 0, .nan, .infinity, 1e5, 1e35] {
            #expect(throws: WhatIfError.self) { try ComputeBudget(flops: bad) }
        }
        #expect(throws: WhatIfError.self) {
            try HardwarePlan(hardware: HardwarePreset.all[0], modelFLOPsUtilization: 1.5)
        }
    }

    // MARK: Allocation per law (methods.md §10 rows 1–3)

    @Test func referenceLawsGiveTheClosedForms() {
        let c = 5.76e23
        let chin = ComputeOptimalLaw.chinchilla.estimate(flops: c)
        #expect(relative(chin.parameters!.value, 4.036e10) < 2e-4)
        let epoch1e21 = ComputeOptimalLaw.epoch.estimate(flops: 1e21)
        #expect(abs(epoch1e21.tokensPerParameter!.value - 21.6) < 0.05)
        let epoch = ComputeOptimalLaw.epoch.estimate(flops: c)
        #expect(abs(epoch.tokensPerParameter!.value - 18.4) < 0.05)
        #expect(relative(6 * epoch.parameters!.value * epoch.tokens!.value, c) < 1e-12)
        // Rounded Chinchilla, row 1: loss 1.9307 at the Gopher budget.
        let rounded = ComputeOptimalLaw(name: "rounded", source: "", role: .reference, form: .parametric(.chinchillaRounded, draws: []))
        #expect(relative(rounded.estimate(flops: c).loss!.value, 1.9307) < 5e-5)
    }

    @Test func intervalsComeFromTheDraws() {
        // Draws at the rounded and the unrounded Chinchilla values and Epoch's: the N_opt
        // interval at the full level spans exactly their extremes.
        let draws: [ParametricLaw] = [.chinchillaRounded, .chinchillaUnrounded, .epoch2024]
        let law = ComputeOptimalLaw(name: "mixed", source: "", role: .study, form: .parametric(.chinchillaUnrounded, draws: draws))
        let c = 5.76e23
        let e = law.estimate(flops: c, level: 0.999999)
        let ns = draws.map { $0.allocation.optimalParameters(flops: c) }
        #expect(relative(e.parameters!.interval!.lowerBound, ns.min()!) < 1e-5)
        #expect(relative(e.parameters!.interval!.upperBound, ns.max()!) < 1e-5)
        #expect(e.drawCount == 3)
    }

    @Test func kaplanTable6AtOnePetaflopDay() {
        // methods.md §10 row 8: N_opt = 1.3e9, L(C_min) = 2.658 at 1 PF-day; §3.4: at 1000
        // PF-days N_opt = 2.0e11 and D = 1.3e11.
        let k = KaplanComputeFrontier.kaplan2020
        let pfDay = KaplanComputeFrontier.flopsPerPetaflopDay
        #expect(relative(k.parameters(flops: pfDay), 1.3e9) < 1e-12)
        #expect(abs(k.loss(flops: pfDay) - 2.658) < 5e-4)
        #expect(relative(k.tokens(flops: pfDay), 2e10) < 1e-12)
        #expect(relative(k.parameters(flops: 1000 * pfDay), 2.0e11) < 0.02)
        #expect(relative(k.tokens(flops: 1000 * pfDay), 1.3e11) < 0.02)
        #expect(relative(k.flops(forLoss: k.loss(flops: 3e21)), 3e21) < 1e-9)
    }

    @Test func disagreementIsTheRatioOfExtremes() {
        let c = 1e22
        let estimates = [ComputeOptimalLaw.chinchilla, .epoch, .kaplan].map { $0.estimate(flops: c) }
        let d = AllocationDisagreement.across(estimates)!
        let ns = estimates.map { $0.parameters!.value }
        #expect(relative(d.parametersRatio, ns.max()! / ns.min()!) < 1e-12)
        #expect(d.parametersRatio > 1)
        #expect(d.largestParameters == "Kaplan 2020")
        #expect(AllocationDisagreement.across([estimates[0]]) == nil)
    }

    // MARK: Constraints

    @Test func targetLossInvertsTheFrontier() throws {
        let law = ComputeOptimalLaw.chinchilla
        let c = 3e22
        let l = law.estimate(flops: c).loss!.value
        let answer = try law.flops(forLoss: l).get()
        #expect(relative(answer.flops.value, c) < 1e-9)
        // Unreachable: at or below E.
        if case .success = law.flops(forLoss: 1.0) { Issue.record("loss below E must be unreachable") }
        // Approach 1/2 power laws have no loss model.
        let a2 = ComputeOptimalLaw(name: "A2", source: "", role: .study,
                                   form: .allocationPowerLaws(.deepSeekLLM2024, draws: []))
        if case .success = a2.flops(forLoss: 2.5) { Issue.record("a split-only law cannot answer a target loss") }
    }

    @Test func fixedModelSizePenaltyMatchesTheClosedForm() {
        let law = ParametricLaw.chinchillaRounded
        let c = 5.76e23
        let nOpt = law.allocation.optimalParameters(flops: c)
        for k in [0.25, 0.5, 2.0, 4.0] {
            let p = OffOptimalPenalty(law: "r", law, parameters: k * nOpt, tokens: c / (6 * k * nOpt))
            #expect(abs(p.lossPenalty - law.lossPenalty(sizeRatio: k, flops: c)) < 1e-12)
            #expect(p.lossPenalty > 0)
            #expect(p.computeEfficiency < 1)
            // The optimal model given computeEquivalentFlops reaches the same loss.
            #expect(abs(law.optimalLoss(flops: p.computeEquivalentFlops) - p.loss) < 1e-10)
            #expect(relative(p.sizeRatio, k) < 1e-9)
        }
        let atOptimum = OffOptimalPenalty(law: "r", law, parameters: nOpt, tokens: c / (6 * nOpt))
        #expect(abs(atOptimum.lossPenalty) < 1e-12)
        #expect(abs(atOptimum.computeEfficiency - 1) < 1e-9)
    }

    @Test func muennighoffReadmeValues() {
        // methods.md §10 row 5.
        let m = DataConstrainedLaw.muennighoff2023
        #expect(abs(m.loss(parameters: 6.34e9, tokens: 242e9, uniqueTokens: 25e9) - 2.225644) < 1e-6)
        #expect(abs(m.loss(parameters: 8.67e9, tokens: 178e9, uniqueTokens: 25e9) - 2.226963) < 1e-6)
        // §7.2 table: D'/D at 2, 4, 8, 16, 40 epochs.
        for (epochs, ratio) in [(2.0, 0.984), (4.0, 0.931), (8.0, 0.828), (16.0, 0.661), (40.0, 0.379)] {
            #expect(abs(m.effectiveTokens(tokens: epochs * 1e9, uniqueTokens: 1e9) / (epochs * 1e9) - ratio) < 1e-3)
        }
    }

    @Test func dataConstrainedOptimumBeatsAGridAndMatchesTheFreeOptimumWithPlentyOfData() {
        let m = DataConstrainedLaw.muennighoff2023
        let c = 1e23, u = 3e11
        let best = m.optimalAllocation(flops: c, uniqueTokens: u)
        for k in stride(from: -3.0, through: 1.0, by: 0.01) {
            let n = best.unconstrainedParameters * pow(10, k)
            #expect(m.loss(parameters: n, tokens: c / (6 * n), uniqueTokens: u) >= best.loss - 1e-12)
        }
        #expect(best.loss >= best.unconstrainedLoss - 1e-12)
        // With far more unique data than tokens, the constraint is inactive.
        let free = m.optimalAllocation(flops: c, uniqueTokens: 1e16)
        #expect(relative(free.parameters, free.unconstrainedParameters) < 1e-4)
        #expect(abs(free.loss - free.unconstrainedLoss) < 1e-10)
    }

    @Test func sardanaFigure1Example() throws {
        // Sardana et al.'s Fig. 1 caption [S]: with 2T inference tokens, the quality of a
        // Chinchilla-optimal 13B model is reached more cheaply by a ~7B model trained
        // longer, saving ~1.7e22 FLOPs (17%). With the unrounded Chinchilla law we get
        // 7.1B and 1.63e22 (16.3%).
        let law = ParametricLaw.chinchillaUnrounded
        let c13 = law.allocation.flops(optimalParameters: 13e9)
        let answer = try InferenceAwareAllocation.solve(law: "Chinchilla", law, targetLoss: law.optimalLoss(flops: c13), inferenceTokens: 2e12)
        #expect(relative(answer.computeOptimalParameters, 13e9) < 1e-9)
        #expect(abs(answer.parameters / 1e9 - 7.1) < 0.2)
        #expect(abs(answer.savedFlops / 1.7e22 - 1) < 0.06)
        #expect(abs(answer.savedFlops / answer.computeOptimalTotalFlops - 0.17) < 0.01)
        // On the iso-loss curve.
        #expect(abs(law.loss(parameters: answer.parameters, tokens: answer.trainingTokens) - answer.targetLoss) < 1e-9)
        // No inference: the compute-optimal model.
        let none = try InferenceAwareAllocation.solve(law: "Chinchilla", law, targetLoss: answer.targetLoss, inferenceTokens: 1)
        #expect(relative(none.parameters, 13e9) < 1e-3)
    }

    @Test func questionValidatesAndAnswersEveryPart() throws {
        let plan = try HardwarePlan(hardware: HardwarePreset.require("A100"), modelFLOPsUtilization: 0.5, gpuCount: 8, dollarsPerGPUHour: 1.5)
        let q = try WhatIfQuestion(budget: ComputeBudget(flops: 1e21), laws: [.chinchilla, .epoch],
                                   fixedParameters: 1e9, uniqueTokens: 1e10, inferenceTokens: 1e12, targetLoss: 2.6,
                                   hardware: plan)
        let a = q.answer()
        #expect(a.allocations.count == 2)
        #expect(a.fixedModelSize.count == 2)
        #expect(relative(a.fixedModelSize[0].penalty.tokens, 1e21 / 6e9) < 1e-12)
        #expect(a.dataConstrained.count == 3)
        #expect(a.inferenceAware.count == 2)
        #expect(a.targetLoss.count == 2)
        #expect(a.hyperparameters.count == 2)
        #expect(relative(a.cost!.gpuHours, 1e21 / (3600 * 312e12 * 0.5)) < 1e-12)
        #expect(a.disagreement != nil)
        #expect(throws: WhatIfError.self) { try WhatIfQuestion(budget: ComputeBudget(flops: 1e21), laws: []) }
        #expect(throws: WhatIfError.self) { try WhatIfQuestion(budget: ComputeBudget(flops: 1e21), laws: [.chinchilla], fixedParameters: -5) }
        #expect(throws: WhatIfError.self) { try WhatIfQuestion(budget: ComputeBudget(flops: 1e21), laws: [.chinchilla], fixedParameters: 1e21) }
    }

    @Test func budgetKeysScaleWithinTheRangeAndTheCurveSpansIt() throws {
        let b = try ComputeBudget(flops: 1e21)
        #expect(b.scaled(by: 10).flops == 1e22)
        #expect(b.scaled(by: 0.5).flops == 5e20)
        #expect(try ComputeBudget(flops: 5e29).scaled(by: 10).flops == 1e30)
        let curve = ComputeOptimalLaw.epoch.curve(flops: 1e18...1e24, count: 7)
        #expect(curve.count == 7)
        #expect(relative(curve[0].flops, 1e18) < 1e-12 && relative(curve[6].flops, 1e24) < 1e-12)
        // N_opt grows as C^a along the curve.
        let a = ParametricLaw.epoch2024.allocation.a
        #expect(relative(curve[6].parameters!.value / curve[0].parameters!.value, pow(1e6, a)) < 1e-9)
    }
}
