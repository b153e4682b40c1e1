import Testing
@testable import Charts
@testable import RunIngest
@testable import StudyAnalysis
@testable import Terminal

/// The dashboard's behaviour as a function of events and time: no terminal, no threads, no
/// waiting.
@Suite struct DashboardModelTests {
    /// A store with `count` runs of 1e8 parameters, each with a few points and a plan.
    static func store(runs count: Int, modified: Double = 1000) -> RunStore {
        let store = RunStore()
        for i in 0..<count {
            let id = "run\(i)"
            store.insert(Run(id: id, name: id, metadata: RunMetadata(parameters: 1e8 * Double(i + 1), tokensPerStep: 1000,
                                                                     plannedTokens: 1e7)))
            store.update(id: id) { run in
                for step in 1...5 { run.append(MetricPoint(step: step, loss: 4 - 0.1 * Double(step))) }
                run.lastModified = modified
                return true
            }
        }
        return store
    }

    static func snapshot(_ store: RunStore) -> StudySnapshot {
        StudySnapshot(runs: store.runs, issues: store.issues, generation: store.generation, followLabel: "following (test)")
    }

    static func at(_ t: Double, wall: Double = 1000) -> DashboardTime { DashboardTime(monotonic: t, wall: wall + t) }

    static func draws(_ effects: [DashboardEffect]) -> Int {
        effects.filter { if case .draw = $0 { return true } else { return false } }.count
    }

    static func fitRequests(_ effects: [DashboardEffect]) -> [FitRequest] {
        effects.compactMap { if case .requestFits(let r) = $0 { return r } else { return nil } }
    }

    @Test func whileRunsLoadItDrawsButFitsWaitForTheWholeStudy() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 3)
        var loading = Self.snapshot(store)
        loading.loading = LoadingProgress(read: 1, found: 3)
        let first = model.handle(.studyChanged(loading), at: Self.at(0))
        #expect(Self.draws(first) == 1)
        #expect(Self.fitRequests(first).isEmpty)
        #expect(model.study.loading == LoadingProgress(read: 1, found: 3))
        #expect(Self.fitRequests(model.handle(.tick, at: Self.at(5))).isEmpty)
        let loaded = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(6))
        #expect(Self.fitRequests(loaded).count == 1, "fits start as soon as the last run is read")
        #expect(model.study.loading == nil)
        #expect(model.ingestLag == nil, "a first load is not a live append's lag")
    }

    @Test func theFirstStudyDrawsAndAsksForFitsOnce() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 3)
        var effects = model.handle(.resized(width: 120, height: 40), at: Self.at(0))
        #expect(Self.draws(effects) == 1)
        effects = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0.1))
        #expect(Self.fitRequests(effects).map(\.generation) == [store.generation])
        #expect(Self.draws(effects) == 1)
        #expect(model.fitStatus == "fitting…")
        #expect(model.summaries.map(\.id) == ["run0", "run1", "run2"])
        #expect(model.study.pointCount == 15)

        // While the fit runs, changes wait; its result is drawn and the fit owed follows
        // after the debounce.
        store.update(id: "run0") { $0.append(MetricPoint(step: 6, loss: 3.4)); return true }
        effects = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0.2))
        #expect(Self.fitRequests(effects).isEmpty)
        #expect(model.study.pointCount == 16, "the status line's count follows an appended point")
        effects = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: [:], generation: 0)), at: Self.at(0.3))
        #expect(Self.draws(effects) == 1)
        #expect(Self.fitRequests(effects).isEmpty, "the debounce holds it")
        #expect(model.fitStatus.hasPrefix("fits: 0 finished runs"))
        #expect(model.nextDeadline() == 1.1)
        effects = model.handle(.tick, at: Self.at(1.1))
        #expect(Self.fitRequests(effects).map(\.generation) == [store.generation])
    }

    @Test func aSlowFitSpacesTheNextOneSoTheFitThreadIsNotAlwaysBusy() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 2)
        #expect(Self.fitRequests(model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0))).count == 1)
        _ = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: [:], generation: store.generation)), at: Self.at(3))
        store.update(id: "run0") { run in
            run.append(MetricPoint(step: 6, loss: 3.4))
            return true
        }
        #expect(Self.fitRequests(model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(4))).isEmpty)
        #expect(model.nextDeadline() == 12, "four times the 3 s the last fit took, from its start")
        #expect(Self.fitRequests(model.handle(.tick, at: Self.at(12))).count == 1)
    }

    @Test func aLongFitSaysHowFarItHasGotAndAShortOneDoesNot() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 2)
        _ = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0))
        #expect(model.fitStartedAt == 0)
        _ = model.handle(.fitProgress("bootstrap 3/200"), at: Self.at(0.5))
        #expect(model.fitStatus == "fitting…", "under a second: no count yet")
        let effects = model.handle(.fitProgress("bootstrap 120/200"), at: Self.at(1.5))
        #expect(model.fitStatus == "fitting… bootstrap 120/200")
        #expect(Self.draws(effects) == 1)
        _ = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: [:], generation: store.generation)), at: Self.at(2))
        #expect(model.fitStartedAt == nil)
        _ = model.handle(.fitProgress("bootstrap 200/200"), at: Self.at(2.5))
        #expect(model.fitStatus.hasPrefix("fits: "), "a late report does not undo the result")
    }

    /// Fits published before their forecasts are drawn at once; the forecasts kept so far
    /// stay until the new ones come, the fit counts as running until then (a change waits),
    /// and the status line says how far the forecasts have got.
    @Test func fitsArriveBeforeTheirForecasts() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 2)
        _ = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0))
        let old = ["run0": RunForecast(runID: "run0", axis: .step, outcome: .none("old"), madeAtStep: 5)]
        _ = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: old, generation: store.generation)), at: Self.at(0.5))
        store.update(id: "run0") { $0.append(MetricPoint(step: 6, loss: 3.4)); return true }
        #expect(Self.fitRequests(model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(2))).count == 1)
        var effects = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: [:], generation: store.generation,
                                                           forecastsToCome: true)), at: Self.at(3))
        #expect(Self.draws(effects) == 1)
        #expect(model.fitStatus == "fits: 0 finished runs, 0 s · forecasts…")
        #expect(model.forecasts.keys.sorted() == ["run0"] && model.forecasts["run0"]?.reason == "old")
        #expect(model.fitStartedAt == 2, "still running: its forecasts are to come")
        effects = model.handle(.fitProgress("forecasts 3/9"), at: Self.at(4))
        #expect(model.fitStatus == "fits: 0 finished runs, 0 s · forecasts 3/9")
        store.update(id: "run1") { $0.append(MetricPoint(step: 6, loss: 3.4)); return true }
        #expect(Self.fitRequests(model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(5))).isEmpty)
        let new = ["run1": RunForecast(runID: "run1", axis: .step, outcome: .none("new"), madeAtStep: 6)]
        effects = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: new, generation: store.generation - 1,
                                                       unforecastRuns: 3)), at: Self.at(6))
        #expect(model.forecasts.keys.sorted() == ["run1"])
        #expect(model.fitStartedAt == nil)
        #expect(model.fitStatus == "fits: 0 finished runs, 0 s · forecasts for 1 of 4 running runs (select one to forecast it)")
        _ = model.handle(.fitProgress("forecasts 9/9"), at: Self.at(7.5))
        #expect(model.fitStatus.hasPrefix("fits: 0 finished runs, 0 s · forecasts for 1"), "a late report does not undo the result")
        // The change that waited is fitted next, and says "fitting…" again while it runs.
        #expect(Self.fitRequests(model.handle(.tick, at: Self.at(30))).count == 1)
        _ = model.handle(.fitProgress("bootstrap 5/200"), at: Self.at(31.5))
        #expect(model.fitStatus == "fitting… bootstrap 5/200")
    }

    @Test func framesArePacedAndAnIdleModelAsksForNothing() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 1)
        _ = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0))
        _ = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: [:], generation: store.generation)), at: Self.at(0.05))
        // Two keys within one frame interval: one frame now, the other when it is due.
        var effects = model.handle(.key(.character("x")), at: Self.at(1.0))
        #expect(Self.draws(effects) == 1)
        effects = model.handle(.key(.character("a")), at: Self.at(1.01))
        #expect(Self.draws(effects) == 0)
        #expect(abs((model.nextDeadline() ?? 0) - (1.0 + 1.0 / 30)) < 1e-9)
        effects = model.handle(.tick, at: Self.at(1.04))
        #expect(Self.draws(effects) == 1)
        // Nothing owed now but the next look at staleness, a minute after the first.
        #expect(model.nextDeadline() == 60)
        #expect(model.handle(.tick, at: Self.at(5)).isEmpty)
    }

    @Test func aRunTurningStaleRedrawsAndRefits() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 1, modified: 1000)
        _ = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0))
        _ = model.handle(.fitsFinished(FitResult(fits: .empty, forecasts: [:], generation: store.generation)), at: Self.at(1))
        #expect(model.summaries.first?.status == .live)
        // Ten minutes without a write: stale at the next look, which asks for a fit.
        let effects = model.handle(.tick, at: Self.at(700))
        #expect(model.summaries.first?.status == .stale)
        #expect(Self.draws(effects) == 1)
        #expect(Self.fitRequests(effects).count == 1)
    }

    @Test func exportsAreAskedForOnceAtATime() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        _ = model.handle(.key(.character("s")), at: Self.at(0))
        #expect(model.state.notice == StatusNotice("exports are off in this dashboard", isError: true))

        model.exportsEnabled = true
        model.state.focus = .frontier
        var effects = model.handle(.key(.character("s")), at: Self.at(1))
        #expect(effects.contains { if case .export(let p) = $0 { return p == [.frontier] } else { return false } })
        _ = model.handle(.exportStarted(folder: "/out", panels: ["Pareto frontier"]), at: Self.at(1))
        #expect(model.state.notice?.text == "writing Pareto frontier to /out…")
        effects = model.handle(.key(.character("S")), at: Self.at(2))
        #expect(!effects.contains { if case .export = $0 { return true } else { return false } })
        #expect(model.state.notice?.isError == true)
        _ = model.handle(.exportFinished(StatusNotice("wrote 1 file")), at: Self.at(3))
        effects = model.handle(.key(.character("S")), at: Self.at(4))
        #expect(effects.contains { if case .export(let p) = $0 { return p == [.curves, .isoFLOP, .frontier, .whatIf] } else { return false } })
    }

    @Test func qQuitsAndEveryOtherKeyGoesThroughTheBindings() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        _ = model.handle(.key(.character("2")), at: Self.at(0))
        #expect(model.state.focus == .runs)
        let effects = model.handle(.key(.character("q")), at: Self.at(0.5))
        #expect(effects.count == 1)
        if case .quit = effects.first {} else { Issue.record("q should quit, got \(effects)") }
    }

    @Test func theMouseFocusesSelectsAndMovesTheCursor() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 8)
        _ = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0))
        _ = model.handle(.pointer(.tab(.frontier), .press), at: Self.at(1))
        #expect(model.state.focus == .frontier)
        _ = model.handle(.pointer(.runRow(runID: "run3"), .press), at: Self.at(2))
        #expect(model.state.focus == .runs && model.state.selectedRunID == "run3")
        _ = model.handle(.pointer(.runRow(runID: "run3"), .wheelDown), at: Self.at(3))
        #expect(model.state.selectedRunID == model.visibleRunIDs[model.visibleRunIDs.firstIndex(of: "run3")! + 3])
        _ = model.handle(.pointer(.curve(fraction: 0.25, runID: "run1"), .press), at: Self.at(4))
        #expect(model.state.focus == .curves && model.state.cursorFraction == 0.25 && model.state.selectedRunID == "run1")
        // A drag: released elsewhere on the plot, the cursor follows; the selection stays.
        _ = model.handle(.pointer(.curve(fraction: 0.75, runID: "run5"), .release), at: Self.at(5))
        #expect(model.state.cursorFraction == 0.75 && model.state.selectedRunID == "run1")
        _ = model.handle(.pointer(.curve(fraction: 0.5, runID: nil), .wheelUp), at: Self.at(6))
        #expect(abs((model.state.cursorFraction ?? 0) - 0.77) < 1e-9)
        // With a prompt open the mouse does nothing.
        _ = model.handle(.key(.character("/")), at: Self.at(7))
        _ = model.handle(.pointer(.tab(.whatIf), .press), at: Self.at(8))
        #expect(model.state.focus == .curves)
    }

    @Test func summariesAreRecomputedOnlyForRunsThatChanged() {
        var model = DashboardModel(title: "t", exportsEnabled: false)
        let store = Self.store(runs: 50)
        _ = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(0))
        store.update(id: "run7") { $0.append(MetricPoint(step: 6, loss: 3.3)); return true }
        var cache = RunSummaryCache()
        _ = cache.summaries(of: store.runs, issueCounts: [:], now: 1000)
        #expect(cache.recomputed == 50)
        store.update(id: "run9") { $0.append(MetricPoint(step: 6, loss: 3.3)); return true }
        let summaries = cache.summaries(of: store.runs, issueCounts: [:], now: 1000)
        #expect(cache.recomputed == 1)
        #expect(summaries.first { $0.id == "run9" }?.lastStep == 6)
        _ = model.handle(.studyChanged(Self.snapshot(store)), at: Self.at(1))
        #expect(model.summaries.first { $0.id == "run9" }?.lastStep == 6)
    }
}
