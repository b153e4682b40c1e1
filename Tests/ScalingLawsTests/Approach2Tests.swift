import Foundation
import Testing
import TestSupport
@testable import ScalingLaws

@Suite struct Approach2Tests {
    /// Porian et al.'s "tuned optimizer, no decay" RefinedWeb sweep: a = 0.497 (0.491, 0.505).
    static func porianTuned() throws -> [IsoFLOPAnalysis.Point] {
        let text = try String(contentsOf: SharedData.file("porian-isoflop/porian_isoflop_runs.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        func col(_ name: String) -> Int { header.firstIndex(of: name)! }
        let want = ["dataset": "rw", "hparams": "tuned", "warmup": "short", "decay": "const",
                    "param_count": "standard", "loss_split": "val"]
        return lines.filter { row in want.allSatisfy { row[col($0.key)] == $0.value } }.map {
            IsoFLOPAnalysis.Point(flops: Double($0[col("flops")])!, parameters: Double($0[col("params")])!,
                                  loss: Double($0[col("loss")])!)
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func porianTunedExponent() throws {
        let points = try Self.porianTuned()
        #expect(points.count == 121)
        let fit = try IsoFLOPAnalysis.fit(points)
        #expect(fit.profiles.count == 12)
        #expect(fit.profiles.allSatisfy { $0.pointCount == 5 }, "the default fits 5 sizes per budget")
        #expect(fit.vertexWeights != nil)
        #expect(abs(fit.a - 0.497) < 0.01, "a = \(fit.a)")
        #expect(abs(fit.a + fit.b - 1) < 1e-9, "with D = C/(6N) exactly, a + b = 1")
        let all = try IsoFLOPAnalysis.fit(points, pointsAroundMinimum: nil)
        #expect(abs(all.a - 0.497) < 0.03, "all sizes: a = \(all.a)")
        let boot = IsoFLOPAnalysis.bootstrap(points, bootstrap: Bootstrap(samples: 100, seed: 3))
        let ci = try #require(boot.estimates["a"]).interval
        #expect(ci.contains(fit.a))
        print("porian a", fit.a, "all sizes", all.a, "CI", ci, "regression CI", fit.optimalParameters.exponentInterval as Any)
    }

    /// Issue #13: the default rule (5 sizes nearest each budget's minimum, vertices weighted
    /// by 1/σ²) gives every one of Porian et al.'s 15 configurations within 0.03 of the
    /// exponent they published (porian_fits.csv); fitting all sizes misses 4 or more.
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func allFifteenPorianConfigurations() throws {
        func table(_ name: String) throws -> (header: [String], rows: [[String]]) {
            let text = try String(contentsOf: SharedData.file("porian-isoflop/" + name), encoding: .utf8)
            var rows = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return (rows.removeFirst(), rows)
        }
        let runs = try table("porian_isoflop_runs.csv"), fits = try table("porian_fits.csv")
        let keys = ["source_file", "dataset", "hparams", "warmup", "decay", "param_count", "loss_split"]
        func key(_ row: [String], _ header: [String]) -> [String] { keys.map { row[header.firstIndex(of: $0)!] } }
        func col(_ name: String) -> Int { runs.header.firstIndex(of: name)! }
        #expect(fits.rows.count == 15)
        var missesWithAllSizes = 0
        for row in fits.rows {
            let config = key(row, fits.header)
            let published = Double(row[fits.header.firstIndex(of: "a_n_exponent")!])!
            let points = runs.rows.filter { key($0, runs.header) == config }.map {
                IsoFLOPAnalysis.Point(flops: Double($0[col("flops")])!, parameters: Double($0[col("params")])!,
                                      loss: Double($0[col("loss")])!)
            }
            let a = try IsoFLOPAnalysis.fit(points).a
            #expect(abs(a - published) < 0.03, "\(config.dropFirst().joined(separator: "/")): a = \(a), published \(published)")
            if abs(try IsoFLOPAnalysis.fit(points, pointsAroundMinimum: nil).a - published) > 0.03 { missesWithAllSizes += 1 }
        }
        #expect(missesWithAllSizes >= 4, "all sizes miss several: \(missesWithAllSizes)")
    }

    /// methods.md §10 row 10: the parabola's bias on the rounded Chinchilla surface,
    /// 15 points symmetric in log N around the true optimum.
    @Test(arguments: [(2.0, 1.0033), (4.0, 1.0132), (8.0, 1.0299), (16.0, 1.0537)])
    func parabolaBias(halfWidth: Double, expected: Double) throws {
        let law = ParametricLaw.chinchillaRounded
        for c in [1e18, 1e20, 1e22] {
            // The true optimum on the surface (closed form).
            let nTrue = law.allocation.optimalParameters(flops: c)
            let sizes = (0..<15).map { nTrue * exp(log(halfWidth) * (Double($0) / 7 - 1)) }
            let profile = try IsoFLOPProfile.fit(flops: c, parameters: sizes,
                                                 loss: sizes.map { law.loss(parameters: $0, tokens: c / (6 * $0)) })
            #expect(abs(profile.optimalParameters / nTrue - expected) < 2e-4, "C = \(c): \(profile.optimalParameters / nTrue)")
            #expect(profile.vertexInsideSampledSizes)
            #expect(profile.curvature > 0)
        }
    }

    @Test func vertexOutsideSampledSizesIsWarnedAndLeftOut() throws {
        let law = ParametricLaw.chinchillaRounded
        var points: [IsoFLOPAnalysis.Point] = []
        for c in [1e19, 1e20, 1e21, 1e22] {
            let nOpt = law.allocation.optimalParameters(flops: c)
            // At the largest budget sample only sizes well below the optimum.
            let centre = c == 1e22 ? nOpt / 20 : nOpt
            for k in -3...3 {
                let n = centre * pow(2, Double(k) / 2)
                points.append(.init(flops: c, parameters: n, loss: law.loss(parameters: n, tokens: c / (6 * n))))
            }
        }
        let fit = try IsoFLOPAnalysis.fit(points)
        #expect(fit.usedBudgets.count == 3)
        #expect(fit.warnings.contains { $0.contains("outside the sampled sizes") })
        #expect(abs(fit.a - law.allocation.a) < 0.01)
    }

    @Test func tooFewSizesPerBudgetIsAnError() {
        let points = [1e8, 2e8, 1e8, 2e8, 4e8, 8e8].enumerated().map { i, n in
            IsoFLOPAnalysis.Point(flops: i < 2 ? 1e19 : 1e20, parameters: n, loss: 3 + 0.1 * Double(i))
        }
        #expect(throws: FitError.tooFewSizesInBudget(flops: 1e19, have: 2, need: 3)) {
            try IsoFLOPAnalysis.fit(points)
        }
    }
}
