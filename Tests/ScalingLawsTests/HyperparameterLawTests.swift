import Testing
@testable import ScalingLaws

/// DeepSeek's and Step Law's hyperparameter laws against methods.md §10 rows 6–7.
@Suite struct HyperparameterLawTests {
    func relative(_ x: Double, _ y: Double) -> Double { abs(x / y - 1) }

    @Test func deepSeek7BExample() {
        // 30 layers, d = 4096, l_seq = 4096, 2T tokens: M = 4.228e10, C = 8.456e22,
        // η = 4.25e-4 (used: 4.2e-4), B = 9.22e6 tokens (used: 2304 × 4096 = 9.44M).
        // DeepSeek's M writes the block as 12·d² parameters (a 4d ungated MLP), so that is
        // the architecture that reproduces their 72·n_layer·d².
        let arch = TransformerArchitecture(layers: 30, modelWidth: 4096, vocabularySize: 102400, contextLength: 4096,
                                           heads: 32, feedForwardWidth: 4 * 4096, tiedEmbeddings: false)
        #expect(relative(arch.deepSeekM, 4.228e10) < 5e-4)
        let c = arch.deepSeekM * 2e12
        #expect(relative(c, 8.456e22) < 5e-4)
        let s = DeepSeekHyperparameterLaw.suggest(flops: c)
        #expect(relative(s.learningRate, 4.25e-4) < 2e-3)
        #expect(relative(s.batchTokens, 9.22e6) < 2e-3)
        #expect(s.verification == .verifiedAgainstPaper)
        // 8.456e22 is 4228× beyond the 2e19 top of the grid searches.
        #expect(relative(s.extrapolationFactor!, c / 2e19) < 1e-12)
        #expect(DeepSeekHyperparameterLaw.suggest(flops: 1e18).extrapolationFactor == nil)
    }

    @Test func deepSeek67BExample() {
        // methods.md §6.1: 95 layers, d = 8192 give η = 3.12e-4 and B = 20.6M tokens.
        let m = 72.0 * 95 * 8192 * 8192 + 12.0 * 95 * 8192 * 4096
        let s = DeepSeekHyperparameterLaw.suggest(flops: m * 2e12)
        #expect(relative(s.learningRate, 3.12e-4) < 3e-3)
        #expect(relative(s.batchTokens, 20.6e6) < 3e-3)
    }

    @Test func stepLawExamples() {
        // §10 row 7 and the §6.2 table.
        for (n, d, lr, b) in [(1e9, 1e11, 1.63e-3, 1.108e6), (7e9, 2e12, 1.02e-3, 6.1e6), (4e8, 4e10, 2.37e-3, 0.66e6)] {
            let s = StepLaw.suggest(nonEmbeddingParameters: n, tokens: d)
            #expect(relative(s.learningRate, lr) < 5e-3)
            #expect(relative(s.batchTokens, b) < 1e-2)
            #expect(s.verification == .secondarySources)
        }
    }
}
