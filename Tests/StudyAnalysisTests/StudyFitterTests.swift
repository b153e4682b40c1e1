import RunIngest
import ScalingLaws
import Testing
@testable import StudyAnalysis

/// The dashboard's refits redo only the fits whose inputs changed, and give what fitting
/// afresh gives.
@Suite struct StudyFitterTests {
    /// The ladder, finished, plus three live runs part way.
    static func study(liveLoss: Double = 3.3) -> [RunSummary] {
        var runs = StudyFitsTests.ladder()
        for (k, n) in [4e8, 9e8, 2e9].enumerated() {
            let d = 10 * n
            runs.append(RunSummary(id: "live-\(k)", name: "live-\(k)", parameters: n, tokens: d, plannedTokens: 40 * n,
                                   flops: 6 * n * d, lastLoss: liveLoss, finalLoss: liveLoss, pointCount: 5, status: .live))
        }
        return runs
    }

    @Test func theFirstFitDoesEverythingAndAnUnchangedStudyNothing() {
        var fitter = StudyFitter(bootstrapSamples: 20)
        _ = fitter.fit(Self.study())
        #expect(fitter.refitted == ["isoFLOP", "frontier", "parametric"])
        _ = fitter.fit(Self.study())
        #expect(fitter.refitted.isEmpty)
    }

    @Test func aLiveRunsNewPointKeepsApproach3AndMatchesAFreshFit() throws {
        var fitter = StudyFitter(bootstrapSamples: 20)
        _ = fitter.fit(Self.study())
        let changed = Self.study(liveLoss: 2.2)
        let kept = fitter.fit(changed)
        // The frontier and the IsoFLOP slices read running runs' curves too; Approach 3 does not.
        #expect(fitter.refitted == ["frontier", "isoFLOP"])
        let fresh = StudyFits.compute(changed, bootstrapSamples: 20)
        let keptLaw = try #require(kept.parametric.value?.law), freshLaw = try #require(fresh.parametric.value?.law)
        #expect(keptLaw == freshLaw)
        #expect(kept.parametric.value?.replicates == fresh.parametric.value?.replicates)
        #expect(kept.isoFLOP.value?.analysis.a == fresh.isoFLOP.value?.analysis.a)
        #expect(kept.frontier.law.value == fresh.frontier.law.value)
        #expect(kept.frontier.nonDominated == fresh.frontier.nonDominated)
        #expect(kept.finishedRunCount == fresh.finishedRunCount)
    }

    @Test func aRunFinishingRefitsTheLawsOfFinalLoss() {
        var fitter = StudyFitter(bootstrapSamples: 20)
        _ = fitter.fit(Self.study())
        var finished = Self.study()
        finished[finished.count - 1].status = .finished
        let fits = fitter.fit(finished)
        #expect(fitter.refitted.contains("parametric"))
        #expect(fits.finishedRunCount == StudyFitsTests.ladder().count + 1)
    }

    @Test func aStatusChangeAloneKeepsTheFrontierLawButShowsTheNewStatus() {
        var fitter = StudyFitter(bootstrapSamples: 20)
        _ = fitter.fit(Self.study())
        var stale = Self.study()
        stale[stale.count - 1].status = .stale     // planned, so still not a final loss
        let fits = fitter.fit(stale)
        #expect(!fitter.refitted.contains("frontier"))
        #expect(fits.frontier.points.last?.status == .stale)
    }
}
