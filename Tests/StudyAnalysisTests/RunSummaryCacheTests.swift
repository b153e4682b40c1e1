import RunIngest
import Testing
@testable import StudyAnalysis

/// The cache keeps summaries by place in the runs' order and updates them in place
/// (issue 16); whatever happens to the runs, what it hands back equals summaries made afresh.
@Suite struct RunSummaryCacheTests {
    /// Every fifth run reaches its planned tokens (finished: the clock cannot make it stale).
    static func run(_ i: Int) -> Run {
        var run = Run(id: String(format: "r%03d", i), name: "run \(i)",
                      metadata: RunMetadata(parameters: 1e8 * Double(i + 1), tokensPerStep: 1000, plannedTokens: i % 5 == 0 ? 2000 : 1e7))
        run.append(MetricPoint(step: 1, loss: 4))
        run.append(MetricPoint(step: 2, loss: 3.9 - 0.01 * Double(i)))
        run.lastModified = 900
        return run
    }

    @Test func theKeptSummariesEqualFreshOnesThroughEveryKindOfChange() {
        let store = RunStore()
        for i in stride(from: 0, to: 60, by: 2) { store.insert(Self.run(i)) }
        var cache = RunSummaryCache()
        func check(_ issues: [String: Int], now: Double, recomputed: Int, _ what: String) {
            let kept = cache.summaries(of: store.runs, issueCounts: issues, now: now)
            let fresh = store.runs.map { RunSummary(run: $0, now: now, issueCount: issues[$0.id] ?? 0, includeCurve: false) }
            #expect(kept == fresh, "\(what)")
            #expect(cache.recomputed == recomputed, "\(what)")
        }
        check([:], now: 1000, recomputed: 30, "first look")
        check([:], now: 1000, recomputed: 0, "nothing changed")
        store.update(id: "r010") { $0.append(MetricPoint(step: 3, loss: 3.5)); return true }
        check([:], now: 1000, recomputed: 1, "one run appended to")
        check(["r004": 2], now: 1000, recomputed: 1, "one run's problem count")
        store.remove(id: "r020")
        check(["r004": 2], now: 1000, recomputed: 0, "a run removed: the ones after it move up and are kept")
        store.insert(Self.run(7))
        store.insert(Self.run(99))
        check(["r004": 2], now: 1000, recomputed: 2, "runs added in the middle and at the end")
        check(["r004": 2], now: 1e6, recomputed: 0, "the clock alone turns every run stale")
        let late = cache.summaries(of: store.runs, issueCounts: ["r004": 2], now: 1e6)
        #expect(late.filter { $0.status == .finished }.count == 5 && late.filter { $0.status == .stale }.count == 26)
        check([:], now: 1e6, recomputed: 1, "the problem count back to none")
        check([:], now: 1e6, recomputed: 0, "nothing changed")
        let reversed = Array(store.runs.reversed())
        let kept = cache.summaries(of: reversed, issueCounts: [:], now: 1e6)
        #expect(kept == reversed.map { RunSummary(run: $0, now: 1e6, includeCurve: false) }, "the same runs in another order")
        #expect(cache.recomputed == 0)
        #expect(cache.summaries(of: [], issueCounts: [:], now: 1e6).isEmpty)
    }
}
