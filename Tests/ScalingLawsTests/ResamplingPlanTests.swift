import Testing
@testable import ScalingLaws

/// Draws of one-point runs take a shortcut; they must be the draws of the general rule
/// (each stratum: as many clusters as it holds, drawn with replacement, their points in
/// order) from the same random stream, so seeded bootstraps do not change.
@Suite struct ResamplingPlanTests {
    static func generalDraw(_ plan: ResamplingPlan, _ rng: inout SplitMix64) -> [Int] {
        var out: [Int] = []
        for stratum in plan.strata {
            for _ in stratum.indices { out += plan.clusters[stratum[rng.index(below: stratum.count)]] }
        }
        return out
    }

    @Test(arguments: [1, 2, 7, 1000])
    func onePointRunsDrawAsTheGeneralRule(count: Int) {
        let plans = [ResamplingPlan.independentPoints(count),
                     ResamplingPlan.runs(Array(0..<count), strataOfRun: (0..<count).map { $0 % 3 })]
        for plan in plans {
            for seed in [UInt64(1), 99] {
                var a = SplitMix64(seed: seed), b = SplitMix64(seed: seed)
                #expect(plan.draw(&a) == Self.generalDraw(plan, &b))
                #expect(a.next() == b.next(), "the stream is left at the same place")
            }
        }
    }

    @Test func runsOfSeveralPointsStayWhole() {
        let plan = ResamplingPlan.runs([0, 0, 1, 1, 1, 2])
        var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
        #expect(plan.draw(&a) == Self.generalDraw(plan, &b))
    }
}
