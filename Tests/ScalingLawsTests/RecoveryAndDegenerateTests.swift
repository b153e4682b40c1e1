import Testing
@testable import ScalingLaws
#if canImport(Glibc)
import Glibc
#endif

@Suite struct RecoveryAndDegenerateTests {
    /// Truth recovery: noisy points from a known L(N, D); the bootstrap 95% interval of
    /// every parameter and of a contains the truth.
    @Test func approach3RecoversKnownParameters() throws {
        let truth = ParametricLaw(E: 1.8, A: 480, B: 2100, alpha: 0.35, beta: 0.37)
        let points = SyntheticStudy.grid(truth, sizes: 12, seed: 11)
        var settings = ParametricLawFit.Settings()
        settings.grid = .subset
        let fit = try ParametricLawFit.fit(points, settings: settings)
        let boot = ParametricLawFit.bootstrap(points, fit: fit, bootstrap: Bootstrap(samples: 200, seed: 5))
        let truthValues = ParametricLawFit.summaryValues(truth)
        for name in ParametricLawFit.bootstrapNames {
            let ci = try #require(boot.estimates[name]).interval
            #expect(ci.contains(truthValues[name]!), "\(name): truth \(truthValues[name]!) outside \(ci)")
        }
    }

    @Test func kaplanLawRecoversTable2() throws {
        let truth = KaplanJointLaw.kaplan2020
        var points: [LossObservation] = []
        for i in 0..<8 { for j in 0..<8 {
            let n = 1e6 * pow(10, Double(i) / 7 * 3), d = 1e8 * pow(10, Double(j) / 7 * 3)
            points.append(LossObservation(parameters: n, tokens: d, loss: truth.loss(parameters: n, tokens: d)))
        }}
        let fit = try KaplanJointLawFit.fit(points)
        #expect(abs(fit.law.alphaN - 0.076) < 1e-4)
        #expect(abs(fit.law.alphaD - 0.103) < 1e-4)
        #expect(abs(log(fit.law.criticalParameters / 6.4e13)) < 1e-2)
        #expect(abs(log(fit.law.criticalTokens / 1.8e13)) < 1e-2)
    }

    static let good: [LossObservation] = (0..<10).map { (k: Int) -> LossObservation in
        let n: Double = 1e8 * Double(k + 1)
        let d: Double = 2e9 * Double(10 - k)
        return LossObservation(parameters: n, tokens: d, loss: 3 + 0.01 * Double(k))
    }

    @Test func nanInputIsAClearError() {
        var points = Self.good
        points[3].loss = .nan
        #expect(throws: FitError.nonFiniteInput(quantity: "loss", index: 3)) { try ParametricLawFit.fit(points) }
        points[3].loss = .infinity
        #expect(throws: FitError.nonFiniteInput(quantity: "loss", index: 3)) { try KaplanJointLawFit.fit(points) }
    }

    @Test func fewerPointsThanParametersIsAClearError() {
        #expect(throws: FitError.tooFewPoints(model: "L(N, D) = E + A/N^α + B/D^β", have: 4, need: 5)) {
            try ParametricLawFit.fit(Array(Self.good.prefix(4)))
        }
    }

    @Test func oneSizeOnlyIsAClearError() {
        let points = Self.good.map { LossObservation(parameters: 1e9, tokens: $0.tokens, loss: $0.loss) }
        #expect(throws: FitError.singleModelSize(model: "L(N, D) = E + A/N^α + B/D^β", parameters: 1e9)) {
            try ParametricLawFit.fit(points)
        }
    }

    @Test func negativeLossIsAClearError() {
        var points = Self.good
        points[0].loss = -1
        #expect(throws: FitError.nonPositiveInput(quantity: "loss", index: 0, value: -1)) { try ParametricLawFit.fit(points) }
    }

    @Test func errorMessagesSayWhatToDo() {
        let message = FitError.tooFewSizesInBudget(flops: 1e19, have: 2, need: 3).description
        #expect(message.contains("1.000e+19") && message.contains("2 distinct"))
        #expect(!FitError.nonFiniteInput(quantity: "loss", index: 0).description.contains("nan"))
    }

    @Test func numberFormat() {
        #expect(NumberFormat.general(1.8172180990521456) == "1.817")
        #expect(NumberFormat.general(5.76e23) == "5.760e+23")
        #expect(NumberFormat.general(-0.000123) == "-1.230e-04")
        #expect(NumberFormat.fixed(0.5126, decimals: 3) == "0.513")
        #expect(NumberFormat.general(.nan) == "nan")
    }
}
