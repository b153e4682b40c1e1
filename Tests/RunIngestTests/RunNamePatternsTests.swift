import Testing
@testable import RunIngest

@Suite struct RunNamePatternsTests {
    @Test func sizesInNames() {
        #expect(RunNamePatterns.metadata(fromRunName: "olmo-190M")?.parameters == 190e6)
        #expect(RunNamePatterns.metadata(fromRunName: "pythia_1.3B_dedup")?.parameters == 1.3e9)
        #expect(RunNamePatterns.metadata(fromRunName: "llama-7b")?.parameters == 7e9)
        #expect(RunNamePatterns.metadata(fromRunName: "run-2024-05-01") == nil)
        #expect(RunNamePatterns.metadata(fromRunName: "lr3e-4_bs512") == nil)
        #expect(RunNamePatterns.metadata(fromRunName: "gpt2medium") == nil)
    }

    @Test func chinchillaMultiplesGivePlannedTokensWhenTheSizeIsKnown() {
        let m = RunNamePatterns.metadata(fromRunName: "1B-5xC")
        #expect(m?.parameters == 1e9)
        #expect(m?.plannedTokens == 100e9)   // 5 × 20 tokens per parameter × 1B
        #expect(m?.hyperparameters["chinchilla_multiple"] == "5")
        let alone = RunNamePatterns.metadata(fromRunName: "ladder-0.5xC")
        #expect(alone?.plannedTokens == nil)
        #expect(alone?.hyperparameters["chinchilla_multiple"] == "0.5")
    }

    @Test func widthAndDepthGiveALabelledEstimate() {
        let m = RunNamePatterns.metadata(fromRunName: "d=576_l=24")
        #expect(m?.parameters == Double(12 * 24 * 576 * 576))
        #expect(m?.hyperparameters[RunNamePatterns.parametersSourceKey]?.hasPrefix("estimate 12·l·d²") == true)
        #expect(m?.hyperparameters["d_model"] == "576")
        // A stated size wins over the estimate.
        let sized = RunNamePatterns.metadata(fromRunName: "150M_d=576_l=24-2xC")
        #expect(sized?.parameters == 150e6)
        #expect(sized?.plannedTokens == 2 * 20 * 150e6)
        #expect(sized?.hyperparameters[RunNamePatterns.parametersSourceKey] == "run name (150M)")
    }
}
