import Testing
@testable import ScalingLaws

/// The what-if's vocabulary, batch and QAT answers (issue #18) for the run it would train.
@Suite struct WhatIfPlanningTests {
    func question(_ planning: PlanningInputs, fixed: Double? = nil) throws -> WhatIfQuestion {
        var q = try WhatIfQuestion(budget: try ComputeBudget(flops: 2.3e21), laws: [.chinchilla, .epoch], fixedParameters: fixed)
        q.planning = try planning.validated()
        return q
    }

    @Test func nothingAskedNothingAnswered() throws {
        let a = try question(PlanningInputs()).answer()
        #expect(a.planning == nil)
        #expect(!a.hyperparameters.contains { $0.law == "Power Scheduler 2024" })
    }

    @Test func theFixedSizeIsThePlannedRun() throws {
        let a = try question(PlanningInputs(plannedVocabulary: 32000, batchTokens: 4_194_304, qatBits: 4), fixed: 2.87e9).answer()
        let p = try #require(a.planning)
        let expectedTokens: Double = 2.3e21 / (6 * 2.87e9)
        #expect(p.parameters == 2.87e9)
        #expect(abs(p.tokens - expectedTokens) < 1)
        // Tao et al. Table 3's overtraining case: Approach 3 at 2.87B, d = 3200, 2.3e21.
        let v = try #require(p.vocabulary)
        #expect(v.width == 3200 && v.rows.count == 3)
        #expect(abs(v.rows[2].vocabularySize / 42_211 - 1) < 0.01)
        #expect(v.plannedLossExcess! > 0)
        let b = try #require(p.batch)
        #expect(b.rows.count == 1 && b.rows[0].verification == .verifiedAgainstPaper)
        #expect(b.kaplanFinalLoss > b.kaplanUnlimitedBatchLoss)
        let expectedSteps: Double = p.tokens / 4_194_304
        #expect(abs(b.rows[0].steps - expectedSteps) < 1e-6)
        let q = try #require(p.qat)
        #expect(q.rows[0].verification == .secondarySources)
        #expect(a.hyperparameters.last?.law == "Power Scheduler 2024")
    }

    @Test func badPlanningInputsAreMessages() {
        for bad in [PlanningInputs(plannedVocabulary: -1), PlanningInputs(batchTokens: 100), PlanningInputs(qatBits: 64),
                    PlanningInputs(batchTokens: .nan), PlanningInputs(sequenceLength: 0)] {
            #expect(throws: WhatIfError.self) { try bad.validated() }
        }
    }
}
