import Foundation
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

    /// The compute curve as it was thinned before it skipped logarithms: a logarithm per
    /// point, read from built points.
    static func referenceThinnedCurve(_ run: Run) -> [RunSummary.CurvePoint] {
        guard let first = run.points.first(where: { (run.flops(at: $0) ?? 0) > 0 }),
              let last = run.points.last(where: { run.flops(at: $0) != nil }),
              let c0 = run.flops(at: first), let c1 = run.flops(at: last), c1 > c0 else { return [] }
        let (l0, width) = (log(c0), (log(c1) - log(c0)) / Double(RunSummary.curveSamples))
        var out: [RunSummary.CurvePoint] = []
        var bucket = -1
        for p in run.points where p.loss.isFinite && p.loss > 0 {
            guard let c = run.flops(at: p), c > 0 else { continue }
            let b = min(RunSummary.curveSamples - 1, Int((log(c) - l0) / width))
            let point = RunSummary.CurvePoint(flops: c, loss: p.loss)
            if b == bucket { out[out.count - 1] = point } else { out.append(point); bucket = b }
        }
        return out
    }

    /// Whatever the compute does (rising by steps, logged and uneven, falling back at a
    /// restart, stuck, spanning a sliver or 280 decades), the thinned curve is the one a
    /// logarithm per point gives, point for point.
    @Test(arguments: ["steps", "logged", "restart", "below start", "stuck", "sliver", "decades", "short"])
    func thinningSkipsLogarithmsWithoutChangingTheCurve(shape: String) {
        var state: UInt64 = 21
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = shape == "short" ? 40 : 60_000
        var points: [MetricPoint] = []
        var c = 1e15
        for s in 1...n {
            let loss = s % 97 == 0 ? Double.nan : s % 89 == 0 ? -1 : 2 + 40 / pow(Double(s), 0.3) + 0.01 * random()
            switch shape {
            case "logged": c *= 1 + 0.002 * random(); points.append(MetricPoint(step: s, flops: c, loss: loss))
            case "restart": points.append(MetricPoint(step: s < n / 2 ? s : s - n / 3, loss: loss))
            // Starts at step 100 and restarts at 85: compute below the first point's, in
            // buckets below the first (found by a review: their edges are not the next's).
            case "below start": points.append(MetricPoint(step: s < n / 2 ? 99 + s : 85 + s - n / 2, loss: loss))
            case "stuck": points.append(MetricPoint(step: s, flops: s > n / 2 ? 5e18 : 1e17 * Double(s), loss: loss))
            case "sliver": points.append(MetricPoint(step: 1_000_000_000 + s, loss: loss))   // C spans 0.006%
            case "decades": points.append(MetricPoint(step: s, flops: pow(10, -150 + 280 * Double(s) / Double(n)), loss: loss))
            default: points.append(MetricPoint(step: s, loss: loss))
            }
        }
        let run = Run(id: "r", name: "r", metadata: RunMetadata(parameters: 1.3e8, tokensPerStep: 4096), points: points)
        let want = Self.referenceThinnedCurve(run)
        let got = RunSummary.thinnedFlopsCurve(run)
        #expect(!want.isEmpty)
        #expect(got.map(\.flops) == want.map(\.flops) && got.map(\.loss) == want.map(\.loss), "\(shape)")
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
