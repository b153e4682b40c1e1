import Testing
import TestSupport
@testable import ScalingLaws

@Suite struct Approach3Tests {
    /// methods.md §10 row 4 and the acceptance: Epoch's 240 points.
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func epochReplication() throws {
        let points = try EpochData.cleaned()
        #expect(points.count == 240)
        var settings = ParametricLawFit.Settings()
        settings.grid = .subset
        let fit = try ParametricLawFit.fit(points, settings: settings)
        let law = fit.law
        #expect(abs(law.E - 1.8172) < 1e-3, "E = \(law.E)")
        #expect(abs(law.alpha - 0.3473) < 2e-3, "alpha = \(law.alpha)")
        #expect(abs(law.beta - 0.3672) < 3e-3, "beta = \(law.beta)")
        #expect(abs(law.A - 478) < 5, "A = \(law.A)")
        #expect(abs(law.B - 2143) < 30, "B = \(law.B)")
        #expect(abs(law.allocation.a - 0.514) < 5e-3, "a = \(law.allocation.a)")
        #expect(abs(fit.objective - 1.01827e-3) < 1e-3 * 1.01827e-3, "objective = \(fit.objective)")
        // methods.md §9.6: raw Jacobian condition about 2.0e3, centred about 62.
        #expect(fit.rawConditionNumber > 1e3 && fit.rawConditionNumber < 4e3, "raw cond \(fit.rawConditionNumber)")
        #expect(fit.diagnostics.conditionNumber > 30 && fit.diagnostics.conditionNumber < 120, "centred cond \(fit.diagnostics.conditionNumber)")
        print("epoch fit", law, fit.objective, fit.rawConditionNumber, fit.diagnostics.conditionNumber, fit.startsAtBest, fit.status)
    }
}

extension Approach3Tests {
    /// Bootstrap standard errors on Epoch's points, near Epoch's (α 0.015, β 0.021, E 0.026).
    /// 1000 replicates, as in the acceptance criteria (about 4 s in a debug build).
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func epochBootstrapStandardErrors() throws {
        let points = try EpochData.cleaned()
        var settings = ParametricLawFit.Settings()
        settings.grid = .subset
        let fit = try ParametricLawFit.fit(points, settings: settings)
        let summary = ParametricLawFit.bootstrap(points, fit: fit, bootstrap: Bootstrap(samples: 1000, seed: 7))
        #expect(summary.failed == 0)
        let se = { (name: String) in summary.estimates[name]!.standardError }
        print("bootstrap SE", ParametricLawFit.bootstrapNames.map { "\($0)=\(se($0))" })
        #expect(se("alpha") > 0.010 && se("alpha") < 0.022)
        #expect(se("beta") > 0.013 && se("beta") < 0.030)
        #expect(se("E") > 0.017 && se("E") < 0.037)
        let again = ParametricLawFit.bootstrap(points, fit: fit, bootstrap: Bootstrap(samples: 20, seed: 7))
        #expect(again.replicates["alpha"]! == Array(summary.replicates["alpha"]!.prefix(20)), "same seed, same replicates")
    }
}
