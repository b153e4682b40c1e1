import RunIngest
import Foundation
import ScalingLaws
import Testing
import TestSupport
@testable import StudyAnalysis

@Suite struct StudyFitsTests {
    /// A ladder like OLMo's: eight sizes 1.5× apart, each trained to 0.5, 1, 2, 5 and 10 × 20 tokens
    /// per parameter, with losses from Chinchilla's rounded law (no noise).
    static func ladder(law: ParametricLaw = .chinchillaRounded) -> [RunSummary] {
        var runs: [RunSummary] = []
        for n in [1.5e8, 2.2e8, 3.3e8, 5e8, 7.5e8, 1.1e9, 1.7e9, 2.5e9] {
            for multiple in [0.5, 1, 2, 5, 10] {
                let d = 20 * n * multiple
                let loss = law.loss(parameters: n, tokens: d)
                runs.append(RunSummary(id: "\(n)-\(multiple)", name: "\(n)-\(multiple)", parameters: n, tokens: d,
                                       plannedTokens: d, flops: 6 * n * d, lastLoss: loss, finalLoss: loss,
                                       pointCount: 10, status: .finished))
            }
        }
        return runs
    }

    @Test func ladderIsoFLOPSlicesRecoverTheAllocationExponent() throws {
        let fits = StudyFits.compute(Self.ladder(), bootstrapSamples: 40)
        let iso = try #require(fits.isoFLOP.value, "\(fits.isoFLOP.message ?? "")")
        #expect(iso.slices.method == .sizeEnvelopes)
        // The law's own exponent is β/(α+β) = 0.28/0.62 = 0.452; interpolating between run
        // lengths and fitting parabolas costs a little accuracy.
        #expect(abs(iso.analysis.a - 0.4516) < 0.04, "a = \(iso.analysis.a)")
        #expect(iso.optimalParametersCurve.count == 48)
        #expect(iso.optimalParametersCurve.allSatisfy { $0.lower <= $0.center * 1.0001 && $0.upper >= $0.center * 0.9999 })
    }

    @Test func ladderApproach3AndFrontier() throws {
        let fits = StudyFits.compute(Self.ladder(), bootstrapSamples: 20)
        let p = try #require(fits.parametric.value, "\(fits.parametric.message ?? "")")
        #expect(abs(p.law.alpha - 0.34) < 0.01 && abs(p.law.beta - 0.28) < 0.01, "\(p.law)")
        #expect(abs(p.law.E - 1.69) < 0.02)
        #expect(p.replicates.count >= 15)
        // The frontier's non-dominated set is by increasing compute and decreasing loss.
        let f = fits.frontier
        #expect(f.points.count == 40)
        let front = f.nonDominated.map { f.points[$0] }
        #expect(front.count >= 3)
        #expect(zip(front, front.dropFirst()).allSatisfy { $0.flops < $1.flops && $0.loss > $1.loss })
        let law = try #require(f.law.value, "\(f.law.message ?? "")")
        for point in front { #expect(abs(law(point.flops) - point.loss) / point.loss < 0.02) }
    }

    @Test func tooFewRunsSayWhatIsMissing() {
        let fits = StudyFits.compute(Array(Self.ladder().prefix(4)), bootstrapSamples: 10)
        #expect(fits.isoFLOP.message?.contains("needs 2 budgets reached by 3 sizes") == true)
        #expect(fits.parametric.message?.contains("needs 6 finished runs") == true)
        // Live runs are drawn on the frontier but not used by the laws of final loss.
        var live = Self.ladder()
        for i in live.indices { live[i].status = .live }
        let liveFits = StudyFits.compute(live, bootstrapSamples: 10)
        #expect(liveFits.finishedRunCount == 0)
        #expect(liveFits.frontier.points.count == 40)
    }

    /// Porian et al.'s tuned RefinedWeb sweep shares budgets exactly: the slices keep all
    /// 12 budgets and Approach 2 gives their a = 0.497 within 0.03 (methods.md §1.5).
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func porianSharedBudgets() throws {
        let text = try String(contentsOf: SharedData.file("porian-isoflop/porian_isoflop_runs.csv"), encoding: .utf8)
        var rows = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows.removeFirst()
        func col(_ name: String) -> Int { header.firstIndex(of: name)! }
        let want = ["dataset": "rw", "hparams": "tuned", "warmup": "short", "decay": "const",
                    "param_count": "standard", "loss_split": "val"]
        let inputs = rows.filter { row in want.allSatisfy { row[col($0.key)] == $0.value } }.map {
            IsoFLOPSlices.Input(parameters: Double($0[col("params")])!, flops: Double($0[col("flops")])!,
                                loss: Double($0[col("loss")])!)
        }
        let slices = try #require(IsoFLOPSlices.make(from: inputs))
        #expect(slices.method == .sharedBudgets)
        #expect(Set(slices.points.map(\.flops)).count == 12)
        let analysis = try IsoFLOPAnalysis.fit(slices.points)
        #expect(abs(analysis.a - 0.497) < 0.03, "a = \(analysis.a)")
    }
}

@Suite struct RunForecasterTests {
    /// A run heading for a loss well above what the frontier reaches at its compute is
    /// flagged; one heading for the frontier is not; a run without a planned end says so.
    @Test func offFrontierFlagAndMissingPlannedEnd() throws {
        let law = ParametricLaw(E: 1.8, A: 400, B: 2000, alpha: 0.34, beta: 0.37)
        func run(_ id: String, n: Double, tpp: Double, steps: Int, penalty: Double = 0, planned: Bool = true) -> Run {
            let total = tpp * n
            var r = Run(id: id, name: id, metadata: RunMetadata(parameters: n, tokensPerStep: total / 100,
                                                                plannedTokens: planned ? total : nil))
            for s in 1...steps {
                r.append(MetricPoint(step: s, loss: law.loss(parameters: n, tokens: Double(s) * total / 100) + penalty))
            }
            return r
        }
        var runs: [Run] = []
        for n in [1e8, 2e8, 4e8, 8e8] { for tpp in [10.0, 20, 40] { runs.append(run("\(n)-\(tpp)", n: n, tpp: tpp, steps: 100)) } }
        runs.append(run("bad", n: 2e8, tpp: 20, steps: 60, penalty: 0.3))
        runs.append(run("good", n: 4e8, tpp: 20, steps: 60))
        runs.append(run("unplanned", n: 4e8, tpp: 20, steps: 60, planned: false))
        let fits = StudyFits.compute(runs.map { RunSummary(run: $0, now: 0) }, bootstrapSamples: 40)
        let forecasts = RunForecaster().forecasts(for: runs, fits: fits)
        #expect(forecasts["bad"]?.offFrontier == true, "\(String(describing: forecasts["bad"]?.forecast?.interval))")
        #expect(forecasts["good"]?.offFrontier == false)
        #expect(forecasts["unplanned"]?.reason?.contains("no planned end") == true)
        #expect(forecasts["1e+08-10.0"] == nil, "finished runs are not forecast")
    }
}
