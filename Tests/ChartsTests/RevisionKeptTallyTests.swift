import Testing
@testable import Charts
@testable import RunIngest

/// What is kept per run by its store revision (the default axis' tally of runs drawable by
/// tokens, the runs' inks) always equals asking every run afresh, through the changes a
/// study goes through: appends, a first point, metadata arriving, a rename, runs arriving,
/// and runs no store tracks (revision 0).
@Suite struct RevisionKeptTallyTests {
    static func store() -> RunStore {
        let store = RunStore()
        for r in 0..<12 {
            // Every third run has no tokens per step (drawable by tokens only if it logs them);
            // run 5 has no point yet.
            var run = Run(id: "r\(r)", name: "run \(r)", metadata: RunMetadata(parameters: 1e7 * Double(r % 4 + 1),
                                                                                tokensPerStep: r % 3 == 0 ? nil : 512))
            if r != 5 { for s in 1...5 { run.append(MetricPoint(step: s, tokens: r == 6 ? Double(s) * 100 : nil, loss: 3)) } }
            store.insert(run)
        }
        return store
    }

    static func plainCount(_ runs: [Run]) -> Int { runs.filter { $0.supports(.tokens) }.count }

    @Test func theTallyIsThePlainCount() {
        let store = Self.store()
        var tally = AxisSupportTally()
        func check(_ what: String) { #expect(tally.withTokens(store.runs) == Self.plainCount(store.runs), "\(what)") }
        check("first")
        check("unchanged")
        store.update(id: "r1") { $0.append(MetricPoint(step: 6, loss: 2.9)); return true }
        check("an append")
        store.update(id: "r5") { $0.append(MetricPoint(step: 1, loss: 3)); return true }
        check("a first point")
        store.update(id: "r3") { $0.metadata.tokensPerStep = 1024; return true }
        check("tokens per step arriving")
        store.update(id: "r4") { $0.metadata.tokensPerStep = nil; return true }
        check("tokens per step gone")
        var arriving = Run(id: "r05", name: "early", metadata: RunMetadata())
        arriving.append(MetricPoint(step: 1, loss: 3))
        store.insert(arriving)
        check("a run arriving in the middle (places shift)")
        var untracked = store.runs
        untracked[2] = Run(id: untracked[2].id, name: "hand made", metadata: RunMetadata(),
                           points: [MetricPoint(step: 1, loss: 3)])
        #expect(tally.withTokens(untracked) == Self.plainCount(untracked), "a run with revision 0 is asked every time")
    }

    @Test func keptInksAreFreshInks() {
        let store = Self.store()
        let memo = RunInksMemo()
        func check(_ what: String) {
            let got = memo.inks(runs: store.runs, theme: .dark), want = RunInks(runs: store.runs, theme: .dark)
            #expect(got.inkByRun == want.inkByRun && got.inkByPlace == want.inkByPlace, "\(what)")
            #expect(got.legend.map(\.label) == want.legend.map(\.label), "\(what)")
        }
        check("first")
        store.update(id: "r1") { $0.append(MetricPoint(step: 6, loss: 2.9)); return true }
        check("an append")
        store.update(id: "r2") { $0.metadata.parameters = 9e9; return true }
        check("a size changed")
        store.update(id: "r7") { $0.name = "renamed"; return true }
        check("a rename")
        var arriving = Run(id: "r00", name: "first", metadata: RunMetadata(parameters: 5e7))
        arriving.append(MetricPoint(step: 1, loss: 3))
        store.insert(arriving)
        check("a run arriving")
    }
}
