import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

@Suite struct Approach1AndFrontierTests {
    /// Training curves of many sizes on the rounded Chinchilla surface: each run's loss at
    /// D tokens is L(N, D). The envelope's N_opt exponent recovers a = β/(α+β).
    static func curves(sizes: Int = 40) -> [TrainingCurve] {
        let law = ParametricLaw.chinchillaRounded
        return (0..<sizes).map { k in
            let n = 1e7 * pow(10, Double(k) / Double(sizes - 1) * 3)
            let tokens = (0..<60).map { 1e8 * pow(10, Double($0) / 59 * 4.5) }
            return TrainingCurve(name: "run\(k)", parameters: n, flops: tokens.map { 6 * n * $0 },
                                 loss: tokens.map { law.loss(parameters: n, tokens: $0) })
        }
    }

    @Test func envelopeRecoversAllocationExponent() throws {
        let curves = Self.curves()
        let env = try ComputeEnvelope.fit(curves, flopValues: 300)
        let a = ParametricLaw.chinchillaRounded.allocation.a
        // Restrict to the middle of the compute range, where the envelope is not cut by the
        // smallest and largest sizes.
        let mid = env.samples.filter { $0.flops > 1e19 && $0.flops < 1e22 }
        let law = try PowerLaw.fit(x: mid.map(\.flops), y: mid.map(\.parameters))
        #expect(abs(law.exponent - a) < 0.02, "a = \(law.exponent) vs \(a)")
        #expect(!env.switches.isEmpty)
        #expect(abs(env.optimalParameters.exponent + env.optimalTokens.exponent - 1) < 1e-9)
    }

    @Test func envelopeWithOneSizeIsAnError() {
        let c = Self.curves(sizes: 2)
        let one = [c[0], TrainingCurve(name: "twin", parameters: c[0].parameters, flops: c[0].flops, loss: c[0].loss)]
        #expect(throws: FitError.singleModelSize(model: "Approach 1 (envelope of training curves)", parameters: c[0].parameters)) {
            try ComputeEnvelope.fit(one)
        }
    }

    @Test func paretoFrontierIsTheNonDominatedSet() {
        let flops = [1.0, 2, 2, 3, 4, 5, 6]
        let loss = [5.0, 4, 4.5, 4.2, 3, 3.5, 2]
        #expect(ParetoFrontier.nonDominated(flops: flops, loss: loss) == [0, 1, 4, 6])
        #expect(ParetoFrontier.lowerConvexHull(flops: [1, 10, 100, 1000], loss: [5, 4.9, 3, 2.5]) == [0, 2, 3])
    }

    /// Points on E + (C0/C)^γ plus dominated clutter above it: the fit recovers the law.
    @Test func frontierFitRecoversSaturatingLaw() throws {
        let truth = SaturatingPowerLaw(irreducibleLoss: 2.0, scale: 1e8, exponent: 0.106)
        var flops: [Double] = [], loss: [Double] = []
        for k in 0..<30 {
            let c = 1e16 * pow(10, Double(k) / 29 * 4)
            flops.append(c); loss.append(truth(c))
            flops.append(c * 1.1); loss.append(truth(c) + 0.3)  // dominated
        }
        let fit = try FrontierFit.fit(flops: flops, loss: loss)
        #expect(fit.frontier.count == 30)
        #expect(abs(fit.law.irreducibleLoss - 2) < 1e-4)
        #expect(abs(fit.law.exponent - 0.106) < 1e-4)
        #expect(abs(log(fit.law.scale / 1e8)) < 1e-2)
    }

    @Test func frontierOfTwoPointsIsAnError() {
        #expect(throws: FitError.self) { try FrontierFit.fit(flops: [1e18, 1e19], loss: [3, 2.5]) }
    }

    @Test func powerLawIntervalsCoverTheTruth() throws {
        let x = (1...20).map { 1e18 * pow(2, Double($0)) }
        let y = x.enumerated().map { i, c in 0.1 * pow(c, 0.5) * exp(0.01 * sin(Double(i) * 1.7)) }
        let law = try PowerLaw.fit(x: x, y: y)
        let ci = try #require(law.exponentInterval)
        #expect(ci.contains(0.5))
        #expect(ci.upperBound - ci.lowerBound < 0.01)
    }
}
