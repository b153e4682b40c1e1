import RunIngest
import Testing
@testable import StudyAnalysis

@Suite struct RunSummaryTests {
    @Test func tailMeanAveragesOnlyLongNoisyCurves() {
        let few = (1...10).map { MetricPoint(step: $0, loss: Double($0)) }
        #expect(RunSummary.tailMeanLoss(few) == 10, "a short (evaluation) curve ends at its last point")
        let many = (1...1000).map { MetricPoint(step: $0, loss: $0 % 2 == 0 ? 3.0 : 3.2) }
        #expect(abs(RunSummary.tailMeanLoss(many)! - 3.1) < 1e-12, "the last 20 of 1000 points are averaged")
        #expect(RunSummary.tailMeanLoss([]) == nil)
    }

    /// The log that crashed `watch`: tokens of 1e305 at the last point make 6ND overflow. The
    /// summary is made (no trap), its compute curve holds the points whose compute is a
    /// number, and a planned budget that would overflow is none.
    @Test func anOverflowingComputeLeavesTheRestOfTheCurve() throws {
        var points = (1..<50).map { MetricPoint(step: $0, tokens: Double($0) * 1e4, loss: 3 + 1 / Double($0)) }
        points.append(MetricPoint(step: 50, tokens: 1e305, loss: 2.9))
        let run = Run(id: "r", name: "r", metadata: RunMetadata(parameters: 1e9), points: points)
        let summary = RunSummary(run: run, now: 0)
        let curve = RunSummary.thinnedFlopsCurve(run)
        #expect(!curve.isEmpty && curve.allSatisfy { $0.flops.isFinite })
        #expect(curve.last?.flops == 6 * 1e9 * 49e4)
        #expect(summary.flops == nil, "the last point's compute is not a number")
        let planned = RunSummary(id: "p", name: "p", parameters: 1e9, tokens: 1e-300, plannedTokens: 1e300, flops: 6e9)
        #expect(planned.plannedFlops == nil)
    }

    @Test func statusAndComputeFollowTheMetadata() {
        let metadata = RunMetadata(parameters: 1e8, tokensPerStep: 1000, plannedTokens: 1e6)
        var run = Run(id: "r", name: "r", metadata: metadata)
        #expect(RunSummary(run: run, now: 0).status == .waiting)
        run.append(MetricPoint(step: 500, loss: 4))
        var summary = RunSummary(run: run, now: 0)
        #expect(summary.status == .live)
        #expect(summary.tokens == 5e5)
        #expect(summary.flops == 6 * 1e8 * 5e5)
        #expect(summary.plannedFlops == 6 * 1e8 * 1e6)
        run.append(MetricPoint(step: 1000, loss: 3.5))
        summary = RunSummary(run: run, now: 0)
        #expect(summary.status == .finished)
        #expect(summary.missing.isEmpty)
    }

    /// The planning metadata a summary keeps follows its hyperparameters and planned tokens.
    @Test func planningMetadataFollowsTheHyperparameters() {
        var summary = RunSummary(id: "a", name: "a", plannedTokens: 1e9, hyperparameters: ["vocab_size": "32000"])
        #expect(summary.planning.vocabularySize == 32000 && summary.planning.width == nil)
        summary.hyperparameters["model.d_model"] = "1024"
        summary.hyperparameters["qat_tokens"] = "1e8"
        #expect(summary.planning == PlanningMetadata(RunMetadata(plannedTokens: 1e9, hyperparameters: summary.hyperparameters)))
        #expect(summary.planning.width == 1024 && summary.planning.qatFraction == 0.1)
        summary.plannedTokens = 2e9
        #expect(summary.planning.qatFraction == 0.05)
    }
}
