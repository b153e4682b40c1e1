#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import ScalingLaws

/// The lane-pair exp and log of the Approach 3 objective against the C library.
@Suite struct ElementaryFunctionsTests {
    /// A fixed SplitMix64 stream mapped to [lo, hi].
    func uniform(_ count: Int, _ lo: Double, _ hi: Double, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in lo + (hi - lo) * Double(g.next() >> 11) * 0x1p-53 }
    }

    func maxRelativeError(_ xs: [Double], _ ours: (SIMD2<Double>) -> SIMD2<Double>, _ reference: (Double) -> Double) -> (Double, Double) {
        var worst = 0.0, at = 0.0
        var i = 0
        while i + 1 < xs.count {
            let y = ours(SIMD2(xs[i], xs[i + 1]))
            for lane in 0..<2 {
                let x = xs[i + lane], want = reference(x)
                let error = want == 0 ? abs(y[lane]) : abs(y[lane] - want) / abs(want)
                if !(error <= worst) { worst = error; at = x }
            }
            i += 2
        }
        return (worst, at)
    }

    @Test func expMatchesTheCLibraryOverItsWholeDomain() {
        let ln2 = M_LN2
        var xs = uniform(200_000, -700, 700, seed: 1) + uniform(100_000, -2, 2, seed: 2)
        // Reduction boundaries (r = ±ln 2 / 2), exact multiples of ln 2, the ends, zero, tiny.
        for k in -1009...1009 {
            let center = Double(k) * ln2
            xs += [center, center + ln2 / 2, center - ln2 / 2, center.nextUp, center.nextDown]
        }
        xs = xs.filter { ElementaryFunctions.expDomain.contains($0) }
        xs += [-700, 700, 0, 1e-300, -1e-300, 5e-324, 1e-17, -1e-17]
        if xs.count % 2 == 1 { xs.append(1) }
        let (worst, at) = maxRelativeError(xs, ElementaryFunctions.exp, Glibc.exp)
        #expect(worst <= 1e-15, "max relative error \(worst) at x = \(at)")
        #expect(ElementaryFunctions.exp(SIMD2(0, 1)) == SIMD2(1, M_E) || abs(ElementaryFunctions.exp(SIMD2(0, 1))[1] - M_E) <= 4e-16 * M_E)
    }

    @Test func logMatchesTheCLibraryFromTinyToHuge() {
        // Log-uniform over the normal range, then closely around 1 where log x → 0 and only a
        // careful formula keeps the relative error small.
        var xs = uniform(200_000, -707, 707, seed: 3).map { Glibc.exp($0) }
        xs += uniform(100_000, -1e-3, 1e-3, seed: 4).map { 1 + $0 }
        xs += uniform(50_000, 0.5, 4, seed: 5)
        xs += [1, 1.0.nextUp, 1.0.nextDown, 2, 0.5, M_SQRT2, M_SQRT1_2, M_SQRT1_2.nextDown,
               Double.leastNormalMagnitude, Double.greatestFiniteMagnitude]
        if xs.count % 2 == 1 { xs.append(3) }
        let (worst, at) = maxRelativeError(xs, ElementaryFunctions.log, Glibc.log)
        #expect(worst <= 1e-15, "max relative error \(worst) at x = \(at)")
        #expect(ElementaryFunctions.log(SIMD2(1, 1)) == SIMD2(0, 0))
    }

    /// The lane-pair objective against a plain per-point reference written from the formula
    /// with the C library's exp and log, with and without bootstrap weights, and out where
    /// exp would overflow (the shifted fallback).
    @Test(arguments: [[6.2, 6.1, 0.5, 0.36, 0.3], [5, 10, -1, 0.5, 1], [25, 0, 1, 0, 2], [900, 7, 0.5, 0.3, 0.3], [6, 7, -800, 0.3, 0.2]])
    func objectiveMatchesThePlainFormula(theta: [Double]) {
        let law = ParametricLaw.chinchillaRounded
        var g = SplitMix64(seed: 11)
        let obs = (0..<37).map { i -> LossObservation in
            let n = 1e7 * Glibc.pow(10, 3.5 * Double(g.next() >> 11) * 0x1p-53)
            let d = 1e9 * Glibc.pow(10, 3 * Double(g.next() >> 11) * 0x1p-53)
            return LossObservation(parameters: n, tokens: d, loss: law.loss(parameters: n, tokens: d) * (1 + 0.01 * (Double(g.next() >> 11) * 0x1p-53 - 0.5)))
        }
        var f = ParametricLawObjective(observations: obs)
        for weights in [[Double](repeating: 1, count: obs.count), (0..<obs.count).map { Double($0 % 3) }] {
            f.weights = weights
            var grad = [Double](repeating: 0, count: 5)
            let value = f.value(at: theta, gradient: &grad)
            // Reference: Σ wᵢ Huber(rᵢ)/δ with the stable LSE, one point at a time.
            var want = 0.0, wantGrad = [Double](repeating: 0, count: 5)
            for i in obs.indices where weights[i] != 0 {
                let x = [theta[0] - theta[3] * f.logParameters[i], theta[1] - theta[4] * f.logTokens[i], theta[2]]
                let m = x.max()!
                let t = x.map { Glibc.exp($0 - m) }, s = t.reduce(0, +)
                let r = m + Glibc.log(s) - f.logLoss[i]
                want += weights[i] * (abs(r) <= f.delta ? 0.5 * r * r : f.delta * (abs(r) - 0.5 * f.delta)) / f.delta
                let psi = weights[i] * min(max(r, -f.delta), f.delta) / f.delta
                let partials = [t[0] / s, t[1] / s, t[2] / s, -t[0] / s * f.logParameters[i], -t[1] / s * f.logTokens[i]]
                for k in 0..<5 { wantGrad[k] += psi * partials[k] }
            }
            #expect(abs(value - want) <= 1e-13 * abs(want), "value \(value) vs \(want)")
            let scale = wantGrad.map(abs).max()!
            for k in 0..<5 {
                #expect(abs(grad[k] - wantGrad[k]) <= 1e-12 * scale, "component \(k): \(grad[k]) vs \(wantGrad[k])")
            }
        }
    }
}
