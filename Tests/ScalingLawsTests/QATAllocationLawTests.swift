import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// The QAT-fraction law after Dremov et al. 2025 (arXiv 2509.22935). Its form and constant
/// come from a secondary summary, so these tests check our arithmetic and the fit, not the
/// paper: nothing here is a reproduction of the paper's tables.
@Suite struct QATAllocationLawTests {
    @Test func theSummarysFormSimplifies() {
        // exp(log S − a/log S)/S as written in the summary equals exp(−a/ln S).
        let law = QATAllocationLaw.dremov2025
        for (n, d, bits) in [(1e9, 2e11, 4.0), (86e6, 1.7e9, 4), (759e6, 2e11, 2)] {
            let s = QATAllocationLaw.tokensPerParameterByte(tokens: d, parameters: n, bits: bits)
            let written = exp(log(s) - 6.7297 / log(s)) / s
            #expect(abs(law.optimalFraction(tokens: d, parameters: n, bits: bits) - written) < 1e-12)
        }
        // 1B parameters, 200B tokens, 4 bits: S = 400, f* = 0.325.
        #expect(abs(law.optimalFraction(tokens: 2e11, parameters: 1e9, bits: 4) - 0.3252) < 1e-3)
    }

    @Test func fractionGrowsWithTokensAndShrinksWithSizeAndBits() {
        // The abstract's findings: more compute (tokens) → more QAT; the statistic divides by
        // N and bits, so larger models and wider targets need less.
        let law = QATAllocationLaw.dremov2025
        #expect(law.optimalFraction(tokens: 4e11, parameters: 1e9, bits: 4) > law.optimalFraction(tokens: 1e11, parameters: 1e9, bits: 4))
        #expect(law.optimalFraction(tokens: 1e11, parameters: 2e9, bits: 4) < law.optimalFraction(tokens: 1e11, parameters: 1e9, bits: 4))
        #expect(law.optimalFraction(tokens: 1e11, parameters: 1e9, bits: 8) < law.optimalFraction(tokens: 1e11, parameters: 1e9, bits: 2))
        #expect(law.optimalFraction(tokens: 1e8, parameters: 1e9, bits: 8) == 0)   // S < 1
        #expect(QATAdvice.advise(parameters: 1e9, tokens: 2e11, bits: 4).rows[0].verification == .secondarySources)
    }

    @Test func sweepFitRecoversTheConstant() throws {
        // Sweeps whose losses are parabolas in the fraction centred on a known law's f*.
        let truth = QATAllocationLaw(a: 5.5)
        var runs: [QATFractionFit.Run] = []
        for (n, d, bits) in [(1e8, 1e10, 2.0), (3e8, 6e10, 4), (1e9, 2e11, 4), (1e9, 1e12, 2)] {
            let f = truth.optimalFraction(tokens: d, parameters: n, bits: bits)
            for k in 0..<5 {
                let x = max(0.02, f + 0.08 * Double(k - 2))
                runs.append(.init(parameters: n, totalTokens: d, bits: bits, qatFraction: x, loss: 3 + (x - f) * (x - f)))
            }
        }
        let fit = try QATFractionFit.fit(runs)
        #expect(fit.sweeps.count == 4)
        #expect(abs(fit.law.a - 5.5) < 0.01)
        #expect(throws: FitError.self) { try QATFractionFit.fit(Array(runs.prefix(1))) }
    }
}
