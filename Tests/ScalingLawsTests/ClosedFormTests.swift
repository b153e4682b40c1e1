import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

/// methods.md §10 rows 1–3: the closed forms of Eq. 4 and the frontier.
@Suite struct ClosedFormTests {
    /// N_opt(C) by brute-force minimisation of L(N, C/(6N)) along the IsoFLOP line (golden
    /// section in log N): an independent check of G and a to 1e-6 relative.
    func numericalOptimum(_ law: ParametricLaw, flops: Double) -> Double {
        var lo = log(1e6), hi = log(1e15)
        let r = (5.0.squareRoot() - 1) / 2
        func f(_ x: Double) -> Double { law.loss(parameters: exp(x), tokens: flops / (6 * exp(x))) }
        for _ in 0..<200 {
            let a = hi - r * (hi - lo), b = lo + r * (hi - lo)
            if f(a) < f(b) { hi = b } else { lo = a }
        }
        return exp((lo + hi) / 2)
    }

    func relative(_ x: Double, _ y: Double) -> Double { abs(x / y - 1) }

    @Test func row1ChinchillaRounded() {
        let law = ParametricLaw.chinchillaRounded
        let alloc = law.allocation
        #expect(relative(alloc.G, 1.3447) < 5e-5)
        #expect(relative(alloc.a, 0.45161) < 1e-5)
        let c = 5.76e23
        #expect(relative(alloc.optimalParameters(flops: c), numericalOptimum(law, flops: c)) < 1e-6)
        #expect(relative(alloc.optimalParameters(flops: c), 3.219e10) < 2e-4)
        #expect(relative(alloc.optimalTokens(flops: c), 2.982e12) < 2e-4)
        #expect(relative(law.optimalLoss(flops: c), 1.9307) < 5e-5)
        // The frontier loss equals the loss at the closed-form optimum.
        #expect(relative(law.optimalLoss(flops: c), law.loss(parameters: alloc.optimalParameters(flops: c), tokens: alloc.optimalTokens(flops: c))) < 1e-12)
        // 6·N_opt·D_opt = C exactly.
        #expect(relative(6 * alloc.optimalParameters(flops: c) * alloc.optimalTokens(flops: c), c) < 1e-12)
    }

    @Test func row2ChinchillaUnrounded() {
        let law = ParametricLaw.chinchillaUnrounded
        let alloc = law.allocation
        #expect(relative(alloc.G, 1.3000) < 5e-5)
        #expect(relative(alloc.a, 0.45653) < 1e-5)
        let c = 5.76e23
        #expect(relative(alloc.optimalParameters(flops: c), numericalOptimum(law, flops: c)) < 1e-6)
        #expect(relative(alloc.optimalParameters(flops: c), 4.036e10) < 2e-4)
        let c67 = alloc.flops(optimalParameters: 67e9)
        #expect(relative(c67, 1.75e24) < 3e-3)
        #expect(relative(alloc.optimalTokens(flops: c67), 4.35e12) < 3e-3)
    }

    @Test func row3Epoch() {
        let law = ParametricLaw.epoch2024
        let alloc = law.allocation
        #expect(relative(alloc.G, 0.1196) < 5e-4)
        #expect(relative(alloc.a, 0.5126) < 1e-4)
        #expect(abs(alloc.tokensPerParameter(flops: 1e21) - 21.6) < 0.05)
        #expect(abs(alloc.tokensPerParameter(flops: 5.76e23) - 18.4) < 0.05)
        let c = 1e22
        #expect(relative(alloc.optimalParameters(flops: c), numericalOptimum(law, flops: c)) < 1e-6)
    }

    @Test func inverseFormsRoundTrip() throws {
        let law = ParametricLaw.chinchillaRounded
        let c = 3e22
        let l = law.optimalLoss(flops: c)
        #expect(relative(try #require(law.flops(forLoss: l)), c) < 1e-10)
        #expect(law.flops(forLoss: law.E) == nil)
        let n = 1e9
        let d = try #require(law.tokens(toReachLoss: 2.5, parameters: n))
        #expect(abs(law.loss(parameters: n, tokens: d) - 2.5) < 1e-12)
        #expect(abs(law.lossPenalty(sizeRatio: 1, flops: c)) < 1e-15)
        #expect(law.lossPenalty(sizeRatio: 2, flops: c) > 0 && law.lossPenalty(sizeRatio: 0.5, flops: c) > 0)
        // Frontier exponent: Chinchilla rounded 0.154, Epoch 0.178 (methods.md §8.2).
        #expect(abs(law.frontierExponent - 0.154) < 5e-4)
        #expect(abs(ParametricLaw.epoch2024.frontierExponent - 0.178) < 5e-4)
    }

    /// methods.md §10 row 8 uses Kaplan's Table 6; here the joint law's own limits:
    /// D → ∞ gives (N_c/N)^α_N.
    @Test func kaplanJointLawLimits() {
        let law = KaplanJointLaw.kaplan2020
        let n = 1e9
        #expect(relative(law.loss(parameters: n, tokens: 1e300), pow(6.4e13 / n, 0.076)) < 1e-9)
    }
}
