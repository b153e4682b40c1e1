import RunIngest
import Testing
import TestSupport
@testable import StudyAnalysis

/// The bundled OLMo ladder (sample-runs/olmo-ladder: 5 sizes × 5 lengths, C4 validation
/// loss) through the whole pipeline: files → runs → summaries → fits.
@Suite struct SampleRunsFitTests {
    @Test func olmoLadderGivesIsoFLOPAndFrontier() throws {
        let root = SharedData.packageRoot.appendingPathComponent("sample-runs/olmo-ladder").path
        let store = try StudyFollower.load(root: root)
        let summaries = store.runs.map { RunSummary(run: $0, now: 0) }
        #expect(summaries.count == 25)
        #expect(summaries.allSatisfy { $0.status == .finished })
        let fits = StudyFits.compute(summaries, bootstrapSamples: 50)
        let iso = try #require(fits.isoFLOP.value, "\(fits.isoFLOP.message ?? "")")
        #expect(iso.slices.method == .sizeEnvelopes, "a ladder shares no budgets")
        #expect(iso.analysis.profiles.count >= 8)
        let interval = try #require(iso.exponentInterval)
        #expect(interval.contains(iso.analysis.a))
        // Two different approaches on the same runs should agree on how N_opt scales:
        // Approach 2 on the slices (0.35) and Approach 3's β/(α+β) (0.36).
        let p = try #require(fits.parametric.value, "\(fits.parametric.message ?? "")")
        #expect(abs(iso.analysis.a - p.law.allocation.a) < 0.05, "a = \(iso.analysis.a) vs \(p.law.allocation.a)")
        let frontier = try #require(fits.frontier.law.value, "\(fits.frontier.law.message ?? "")")
        #expect(fits.frontier.nonDominated.count >= 5)
        for i in fits.frontier.nonDominated {
            let point = fits.frontier.points[i]
            #expect(abs(frontier(point.flops) - point.loss) / point.loss < 0.03)
        }
    }
}
