import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// Tao et al. 2024 (arXiv 2407.13623) against the paper's own tables.
@Suite struct VocabularyLawTests {
    func relative(_ x: Double, _ y: Double) -> Double { abs(x / y - 1) }

    /// Table 1: N_nv, width, V_opt by Approaches 1–3 (in K), FLOPs budget. The table prints
    /// the 130B width as 12888; Table 5 (and the V values) say 12288.
    static let table1: [(nnv: Double, d: Double, v1: Double, v2: Double, v3: Double, flops: Double)] = [
        (3e9, 3200, 39, 43, 37, 1.3e21), (7e9, 4096, 62, 67, 60, 7.1e21), (13e9, 5120, 83, 91, 81, 2.4e22),
        (30e9, 6048, 142, 154, 142, 1.3e23), (70e9, 8192, 212, 231, 218, 7.1e23), (130e9, 12288, 237, 258, 248, 2.4e24),
        (300e9, 16384, 356, 389, 383, 1.3e25),
    ]

    @Test(arguments: table1)
    func table1OptimalVocabularyByAllThreeApproaches(row: (nnv: Double, d: Double, v1: Double, v2: Double, v3: Double, flops: Double)) {
        // Table 1 of arXiv 2407.13623: each V to the table's 1K rounding (ours, e.g. for 3B:
        // 39.4K, 42.5K, 36.6K; for 300B: 355.9K, 389.3K, 383.7K), and the budget to its 2 digits.
        #expect(VocabularyWidth.width(nonVocabularyParameters: row.nnv) == row.d)
        let c = VocabularyLaw.computeOptimalFlops(nonVocabularyParameters: row.nnv)
        #expect(abs(c / row.flops - 1) < 0.05, "budget \(c)")
        let v1 = VocabularyLaw.approach1VocabularyParameters(flops: c) / row.d
        let v2 = VocabularyLaw.approach2VocabularyParameters(nonVocabularyParameters: row.nnv) / row.d
        let v3 = VocabularyLaw.approach3Vocabulary(nonVocabularyParameters: row.nnv, width: row.d, flops: c)
        #expect(abs(v1 / 1000 - row.v1) < 1, "App. 1: \(v1)")
        #expect(abs(v2 / 1000 - row.v2) < 1, "App. 2: \(v2)")
        #expect(abs(v3 / 1000 - row.v3) < 1, "App. 3: \(v3)")
    }

    @Test func tables2And3ApproachThreeForTheThreeBillionModel() {
        // N_nv = 2.87B, d = 3200 (Table 4). Table 3 undertraining: V_opt = 24K at 2.8e20 (ours
        // 23.9K); Table 2 compute-optimal: 35K at 1.2e21 (ours 35.4K); Table 3 overtraining and
        // the abstract: 43K at 2.3e21 — ours is 42.2K, 1.8% lower, with the same constants and
        // Eq. 10 (the paper does not say how its 43K was rounded).
        let v = { (c: Double) in VocabularyLaw.approach3Vocabulary(nonVocabularyParameters: 2.87e9, width: 3200, flops: c) }
        #expect(abs(v(2.8e20) / 1000 - 24) < 0.5)
        #expect(abs(v(1.2e21) / 1000 - 35) < 0.5)
        #expect(relative(v(2.3e21), 43_000) < 0.02)
        // Each is a minimum of L_u at its budget, and the planned 32K costs loss there.
        let excess = VocabularyAdvice.advise(nonVocabularyParameters: 2.87e9, flops: 2.3e21, width: 3200, plannedVocabulary: 32000).plannedLossExcess!
        #expect(excess > 0)
    }

    @Test func approachTwoExponentFromTheDerivative() {
        // §4.2 / Appendix A.7.4: solve ∂C/∂V = 0 (Eq. 7) for the seven model families of Table 4
        // at their Table 5 widths, fit N_v ∝ N_nv^γ with Huber δ = 1e-3: γ = 0.83 in the paper
        // (0.8354 in the authors' code; ours 0.8354).
        let n = VocabularyLaw.approach2FamilySizes
        let v = n.map { VocabularyLaw.derivativeOptimalVocabulary(nonVocabularyParameters: $0, width: VocabularyWidth.width(nonVocabularyParameters: $0))!
            * VocabularyWidth.width(nonVocabularyParameters: $0) }
        let gamma = VocabularyLaw.proportionalExponent(nonVocabularyParameters: n, vocabularyParameters: v)!
        #expect(abs(gamma - 0.83) < 0.01)
        #expect(abs(gamma - VocabularyLaw.approach2Exponent) < 1e-3)
        // Approach 1's γ = 0.42/0.50 = 0.84 (§4.1); the two agree, as the paper says.
        #expect(abs(VocabularyLaw.approach1VocabularyExponent / VocabularyLaw.approach1NonVocabularyExponent - 0.833) < 0.001)
        // N_v⁰ is the 33M family's best point: V = 6144 at d = 512.
        #expect(VocabularyLaw.approach2ReferenceVocabularyParameters == 6144 * 512)
    }

    @Test func approachOneCoefficientsRoundToThePrintedOnes() {
        // §4.1: N_nv = 0.08·C^0.50, N_v = 0.20·C^0.42.
        #expect(abs(VocabularyLaw.approach1NonVocabularyCoefficient - 0.08) < 0.005)
        #expect(abs(VocabularyLaw.approach1VocabularyCoefficient - 0.20) < 0.005)
        #expect(abs(VocabularyLaw.approach1VocabularyExponent - 0.42) < 0.005)
        // Eq. 3 printed as a = 0.0064, b = −0.1581, c = 1.2047.
        let (a, b, c) = (TokenizerCompression.a, TokenizerCompression.b, TokenizerCompression.c)
        #expect(abs(a - 0.0064) < 5e-5)
        #expect(abs(b + 0.1581) < 5e-5)
        #expect(abs(c - 1.2047) < 5e-5)
    }

    @Test func llama2SeventyBillionIsConsistentWithTheAbstractsTwoHundredSixteenK() {
        // Abstract: Llama2-70B "should have been at least 216K". The paper does not say how
        // 216K is derived; the mean of the three approaches at Llama-2-70B's N_nv
        // (68,976,648,192 − 2·32000·8192) and d = 8192 is 216.1K, their minimum 208.0K. This
        // test records that consistency; it is not counted as a reproduction.
        let nnv = 68_976_648_192.0 - 2 * 32000 * 8192
        let c = VocabularyLaw.computeOptimalFlops(nonVocabularyParameters: nnv)
        let v = [VocabularyLaw.approach1VocabularyParameters(flops: c) / 8192,
                 VocabularyLaw.approach2VocabularyParameters(nonVocabularyParameters: nnv) / 8192,
                 VocabularyLaw.approach3Vocabulary(nonVocabularyParameters: nnv, width: 8192, flops: c)]
        let meanK: Double = v.reduce(0, +) / 3 / 1000
        #expect(abs(meanK - 216) < 0.5)
    }

    @Test func isoFLOPFitRecoversTheOptimumOfAKnownSurface() throws {
        // Runs drawn from Approach 3's L_u (already vocabulary-insensitive) at 5 budgets, one
        // N_nv per budget as in the paper's groups, 7 vocabularies each: the fitted N_v*(C)
        // must land on the surface's own optimum at each budget.
        var observations: [VocabularyIsoFLOPFit.Observation] = []
        let budgets = [1e18, 4e18, 1.6e19, 6.4e19, 2.56e20]
        for c in budgets {
            let nnv = VocabularyLaw.computeOptimalNonVocabularyParameters(flops: c)
            let d = VocabularyWidth.width(nonVocabularyParameters: nnv)
            let centre = VocabularyLaw.approach3Vocabulary(nonVocabularyParameters: nnv, width: d, flops: c)
            for k in -3...3 {
                let v = centre * pow(2, Double(k) / 2)
                // Shift L_u positive (a per-character loss is positive); the shift does not move minima.
                let loss = 10 + VocabularyLaw.normalizedLoss(nonVocabularyParameters: nnv, vocabularySize: v, width: d, flops: c)
                observations.append(.init(nonVocabularyParameters: nnv, vocabularySize: v, width: d, flops: c, loss: loss, perCharacterLoss: true))
            }
        }
        let fit = try VocabularyIsoFLOPFit.fit(observations)
        #expect(fit.budgets.count == 5)
        for b in fit.budgets {
            let truth = VocabularyLaw.approach3Vocabulary(nonVocabularyParameters: b.nonVocabularyParameters, width: b.width, flops: b.flops) * b.width
            // A parabola in log N_v fitted to L_u's asymmetric valley lands 3.7–4% off its
            // minimum on this grid (the same bias as Chinchilla's Approach 2, methods.md §10 row 10).
            #expect(relative(b.vocabularyParameters, truth) < 0.05)
        }
        #expect(fit.proportionalExponent != nil)
        #expect(!fit.warnings.contains { $0.contains("per character as") })
    }

    @Test func isoFLOPFitSaysWhyItCannotFit() {
        let one = (0..<6).map { k in
            VocabularyIsoFLOPFit.Observation(nonVocabularyParameters: 1e8, vocabularySize: 8192 * Double(k + 1), width: 768, flops: 1e19, loss: 3)
        }
        #expect(throws: FitError.self) { try VocabularyIsoFLOPFit.fit(one) }
        #expect(throws: FitError.self) { try VocabularyIsoFLOPFit.fit(Array(one.prefix(3))) }
    }
}
