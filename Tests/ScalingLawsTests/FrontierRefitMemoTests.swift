import Foundation
import Testing
@testable import ScalingLaws

/// A frontier bootstrap that reuses the last refit's fits must give exactly what a bootstrap
/// from scratch gives on the new data, and reuse most fits when a dominated point moved.
@Suite struct FrontierRefitMemoTests {
    static let bootstrap = Bootstrap(samples: 120, seed: 9, level: 0.8, threads: 2)

    static func fresh(_ flops: [Double], _ loss: [Double]) throws -> BootstrapSummary {
        FrontierFit.bootstrap(flops: flops, loss: loss, estimate: try FrontierFit.fit(flops: flops, loss: loss),
                              bootstrap: bootstrap)
    }

    static func memoised(_ flops: [Double], _ loss: [Double], _ memo: FrontierRefitMemo) throws -> BootstrapSummary {
        FrontierFit.bootstrap(flops: flops, loss: loss, estimate: try FrontierFit.fit(flops: flops, loss: loss),
                              memo: memo, bootstrap: bootstrap)
    }

    /// The index of the point with the highest loss at its compute (dominated by all the others there).
    static func worstPoint(_ flops: [Double], _ loss: [Double]) -> Int {
        loss.indices.max { loss[$0] < loss[$1] }!
    }

    @Test func aMovedDominatedPointReusesFitsAndChangesNothing() throws {
        var (flops, loss) = FrontierBootstrapTests.study(seed: 11, noise: 0.05)
        let memo = FrontierRefitMemo()
        let first = try Self.memoised(flops, loss, memo)
        #expect(first.replicates == (try Self.fresh(flops, loss)).replicates)
        #expect(memo.reusedReplicates < 10)        // nothing to reuse yet but repeats within the run

        // A running run's next line: its loss falls a little, still far above the frontier.
        let moved = Self.worstPoint(flops, loss)
        loss[moved] -= 0.001
        flops[moved] *= 1.001
        let again = try Self.memoised(flops, loss, memo)
        #expect(again.replicates == (try Self.fresh(flops, loss)).replicates)
        #expect(again.failed == (try Self.fresh(flops, loss)).failed)
        #expect(memo.reusedReplicates >= 110, "reused \(memo.reusedReplicates) of 120")
    }

    @Test func aMovedFrontierPointGivesWhatRefittingGives() throws {
        var (flops, loss) = FrontierBootstrapTests.study(seed: 3, noise: 0.05)
        let memo = FrontierRefitMemo()
        _ = try Self.memoised(flops, loss, memo)
        // The best point at the largest compute gets better: every frontier containing it changes,
        // and so do the full data's fit and the starts screened from it.
        let best = loss.indices.filter { flops[$0] == flops.max()! }.min { loss[$0] < loss[$1] }!
        loss[best] -= 0.02
        let again = try Self.memoised(flops, loss, memo)
        let expected = try Self.fresh(flops, loss)
        #expect(again.replicates == expected.replicates)
        #expect(again.failed == expected.failed)
    }

    /// With a memo, replicates are read from kept bit sets of the points drawn instead of
    /// drawn again: the same as drawing, for runs of several points too, and never the
    /// kept sets of another seed or plan.
    @Test func keptDrawsGiveWhatDrawingGives() throws {
        let (flops, loss) = FrontierBootstrapTests.study(seed: 5, noise: 0.05)
        let estimate = try FrontierFit.fit(flops: flops, loss: loss)
        let memo = FrontierRefitMemo()
        for (plan, seed) in [(ResamplingPlan.runs(flops.indices.map { $0 / 3 }), 9), (.runs(flops.indices.map { $0 / 3 }), 10),
                             (.independentPoints(flops.count), 10)] as [(ResamplingPlan, UInt64)] {
            var bootstrap = Self.bootstrap
            bootstrap.seed = seed
            let kept = FrontierFit.bootstrap(flops: flops, loss: loss, plan: plan, estimate: estimate, memo: memo, bootstrap: bootstrap)
            let drawn = FrontierFit.bootstrap(flops: flops, loss: loss, plan: plan, estimate: estimate, bootstrap: bootstrap)
            #expect(kept.replicates == drawn.replicates, "seed \(seed), \(plan.clusters.count) runs")
            #expect(kept.failed == drawn.failed)
        }
    }

    @Test func theEstimateIsKeptOnlyForTheSamePoints() {
        let memo = FrontierRefitMemo()
        let (flops, loss) = FrontierBootstrapTests.study(seed: 3, noise: 0.01)
        let fit = try! FrontierFit.fit(flops: flops, loss: loss)
        let x = fit.frontier.map { flops[$0] }, y = fit.frontier.map { loss[$0] }
        memo.keep(estimate: fit, flops: x, loss: y)
        #expect(memo.estimate(flops: x, loss: y)?.law.exponent == fit.law.exponent)
        var y2 = y
        y2[0] += 1e-12
        #expect(memo.estimate(flops: x, loss: y2) == nil)
    }
}
