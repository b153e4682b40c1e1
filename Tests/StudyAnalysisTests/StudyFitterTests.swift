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

    /// A dominated live run's new point, with another run come before the others: the
    /// frontier's fits are reused from the memo (same points) and its law, band, draws and
    /// interval are those of fitting afresh.
    @Test func aDominatedRunsNewPointReusesTheFrontierFitsExactly() throws {
        func study(highLoss: Double, extraFirst: Bool) -> [RunSummary] {
            var runs = Self.study()
            runs.append(RunSummary(id: "live-high", name: "live-high", parameters: 4e8, tokens: 4e9, plannedTokens: 4e10,
                                   flops: 9.6e18, lastLoss: highLoss, finalLoss: highLoss, pointCount: 5, status: .live))
            if extraFirst {
                runs.insert(RunSummary(id: "aa-new", name: "aa-new", parameters: 4e8, tokens: 1e9, plannedTokens: 4e10,
                                       flops: 2.4e18, lastLoss: 9.5, finalLoss: 9.5, pointCount: 1, status: .live), at: 0)
            }
            return runs
        }
        var fitter = StudyFitter(bootstrapSamples: 40)
        let before = fitter.fit(study(highLoss: 9.0, extraFirst: false))
        let changed = study(highLoss: 8.9, extraFirst: true)
        let kept = fitter.fit(changed)
        let fresh = StudyFits.compute(changed, bootstrapSamples: 40)
        try #require(fresh.frontier.law.value != nil)
        #expect(kept.frontier.nonDominated != before.frontier.nonDominated, "the frontier's runs moved to other places")
        #expect(kept.frontier.law.value == fresh.frontier.law.value)
        #expect(kept.frontier.lawDraws == fresh.frontier.lawDraws)
        #expect(kept.frontier.lawCurve == fresh.frontier.lawCurve)
        #expect(kept.frontier.exponentInterval == fresh.frontier.exponentInterval)
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
