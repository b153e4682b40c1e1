import Foundation
import DashboardTestSupport
import ScalingLaws
import StudyAnalysis
import Testing
@testable import Charts
@testable import RunIngest

/// `CurvesPanelMemo`: the curves panel drawn from runs and series kept between frames is the
/// panel drawn afresh, through appends, rewinds, runs arriving, a first point, axes,
/// smoothing, selection, filter and runs moving in the table, and the kept path is really
/// taken (patched and reordered frames).
@Suite struct CurvesPanelMemoTests {
    let rect = Rect(x: 0, y: 0, width: 90, height: 26)

    /// 30 runs: sizes across a decade, most with tokens per step (drawable on tokens), a few
    /// without (hidden there), one without points yet.
    static func store() -> RunStore {
        let store = RunStore()
        for r in 0..<30 {
            let n = 1e7 * pow(10, Double(r % 6) / 5)
            var run = Run(id: "r\(r)", name: "run \(r)",
                          metadata: RunMetadata(parameters: n, tokensPerStep: r % 7 == 3 ? nil : 4096))
            if r != 11 {
                for s in 1...(40 + 7 * r) { run.append(MetricPoint(step: s, loss: 2 + 30 / pow(n, 0.1) / pow(Double(s), 0.3))) }
            }
            _ = store.insert(run)
        }
        return store
    }

    /// The chart from the kept path and from a fresh cache, rendered: the same cells, and
    /// the same series (inks, kinds, raster ids, points).
    func check(_ what: String, _ store: RunStore, _ state: DashboardState, kept: (CurveCache, RunInksMemo),
               forecasts: [String: RunForecast] = [:]) {
        let view = StudyView(title: "t", runs: store.runs, issues: [], followMode: "following", forecasts: forecasts)
        func chart(_ cache: CurveCache, _ inks: RunInksMemo) -> (LineChart, CellGrid) {
            let context = DashboardView(study: view, state: state, theme: .dark, glyphs: .braille, keyHelp: [],
                                        curveCache: cache, inksMemo: inks).panelContext()
            let chart = CurvesPanel.chart(context: context, rect: rect)
            var grid = CellGrid(width: rect.width, height: rect.height)
            chart.render(into: &grid, rect: rect, style: ChartStyle(theme: .dark), glyphs: .braille, rasters: cache.rasters)
            return (chart, grid)
        }
        let (got, gotGrid) = chart(kept.0, kept.1)
        let (want, wantGrid) = chart(CurveCache(), RunInksMemo())
        let sameGrid = gotGrid == wantGrid   // outside the expectation: it would print both grids
        #expect(sameGrid, "\(what): the drawn panel")
        #expect(got.series.count == want.series.count, "\(what): series")
        for (a, b) in zip(got.series, want.series) {
            #expect(a.ink == b.ink && a.kind == b.kind && a.rasterID == b.rasterID, "\(what): a series' ink or kind")
            #expect(a.points.count == b.points.count && zip(a.points, b.points).allSatisfy { Self.same($0.0, $0.1) },
                    "\(what): a series' points")
        }
        #expect(got.extentOverride?.x == want.extentOverride?.x && got.extentOverride?.y == want.extentOverride?.y, "\(what): extent")
        #expect(got.emptyMessage == want.emptyMessage, "\(what): message")
    }

    /// Drawn points equal up to a 32-bit float's rounding: a run's points settle into floats
    /// once they are not its newest (`SettledColumns`), so a curve kept from before they
    /// settled differs from one drawn afresh after by that rounding (the cells are compared
    /// exactly).
    static func same(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Bool {
        func near(_ u: Double, _ v: Double) -> Bool { abs(u - v) <= 4 * Double(Float.ulpOfOne) * max(1, abs(v)) }
        return near(a.x, b.x) && near(a.y, b.y)
    }

    /// What a frame does to the memo before it asks for series (`CurvesPanel.chart`), alone.
    static func updateOnly(_ store: RunStore, _ state: DashboardState, kept: (CurveCache, RunInksMemo)) {
        let view = StudyView(title: "t", runs: store.runs, issues: [], followMode: "following")
        let c = DashboardView(study: view, state: state, theme: .dark, glyphs: .braille, keyHelp: [],
                              curveCache: kept.0, inksMemo: kept.1).panelContext()
        let selectedID = c.selected?.run.id
        c.visible.runs.withUnsafeBufferPointer { runs in
            kept.0.curvesPanel.update(context: c, runs: runs, selectedID: selectedID,
                                      dimOthers: selectedID != nil && c.visible.count > CurvesPanel.dimAbove)
        }
    }

    /// Forecasts are drawn over the runs' series (the kept array's tail): they come, go and
    /// come back between patched frames.
    @Test func forecastsComeAndGoOverKeptSeries() {
        var runs = SyntheticLadderStudy.study.runs
        let i = runs.count - 1
        var cut = Run(id: runs[i].id, name: runs[i].name, metadata: runs[i].metadata)
        for p in runs[i].points.prefix(runs[i].points.count / 2) { cut.append(p) }
        runs[i] = cut
        let summaries = runs.map { RunSummary(run: $0, now: 0) }
        let fits = StudyFits.compute(summaries, bootstrapSamples: 20, seed: 7)
        let forecasts = RunForecaster().forecasts(for: runs, fits: fits)
        #expect(!forecasts.isEmpty)
        let store = RunStore()
        for run in runs { _ = store.insert(run) }
        let kept = (CurveCache(), RunInksMemo())
        var state = DashboardState()
        check("with forecasts", store, state, kept: kept, forecasts: forecasts)
        check("without", store, state, kept: kept)
        check("with again", store, state, kept: kept, forecasts: forecasts)
        store.update(id: cut.id) { run in
            run.append(MetricPoint(step: run.points.last!.step + 1, tokens: run.points.last!.tokens.map { $0 * 1.01 },
                                   loss: run.points.last!.loss * 0.999))
            return true
        }
        check("appended to, with forecasts", store, state, kept: kept, forecasts: forecasts)
        state.selectedRunID = cut.id
        check("the forecast run selected (its band)", store, state, kept: kept, forecasts: forecasts)
        check("selected, without", store, state, kept: kept)
        #expect(kept.0.curvesPanel.patches >= 3)
    }

    /// With `parallelFeedAbove` 0, every frame whose runs grew feeds them on several threads
    /// (`CurveCache.update`), through all the same changes.
    @Test(arguments: [50_000, 0])
    func keptFramesEqualFreshOnes(parallelFeedAbove: Int) {
        let store = Self.store()
        let kept = (CurveCache(), RunInksMemo())
        kept.0.parallelFeedAbove = parallelFeedAbove
        defer {
            if parallelFeedAbove == 0 { #expect(kept.0.entriesFedInParallel > 0, "the parallel path was taken") }
        }
        var state = DashboardState()
        state.xAxis = .tokens
        func append(_ id: String, loss: Double? = nil) {
            store.update(id: id) { run in
                let s = (run.points.last?.step ?? 0) + 1
                run.append(MetricPoint(step: s, loss: loss ?? (run.points.last?.loss ?? 3) * 0.999))
                return true
            }
        }
        check("first frame", store, state, kept: kept)
        let memo = kept.0.curvesPanel
        check("unchanged", store, state, kept: kept)
        #expect(memo.patches >= 1)
        append("r4")
        check("one run appended to", store, state, kept: kept)
        append("r7"); append("r20")
        check("two runs appended to", store, state, kept: kept)
        append("r0", loss: 0.5)
        check("a new lowest loss (the axis moves)", store, state, kept: kept)
        store.update(id: "r5") { run in run.append(MetricPoint(step: 3, loss: 9)); return true }
        check("a run rewound", store, state, kept: kept)
        append("r3")
        check("a run hidden on tokens appended to", store, state, kept: kept)
        append("r11")
        check("a run's first point", store, state, kept: kept)
        let patchesBefore = memo.patches
        append("r12")
        check("after the first point", store, state, kept: kept)
        #expect(memo.patches > patchesBefore, "an append to a drawn run is patched, not rebuilt")
        state.selectedRunID = "r9"
        check("a run selected (the others dimmed)", store, state, kept: kept)
        append("r9"); append("r10")
        check("the selected run and another appended to", store, state, kept: kept)
        // Runs moving in the table: the kept runs and series are reordered, not rebuilt.
        let reordersBefore = memo.reorders, rebuildsBefore = memo.rebuilds
        for _ in 0..<100 { append("r4") }   // 168 points: past r16 (152)
        check("a run moved after another of its size (more tokens)", store, state, kept: kept)
        state.sortKey = .loss
        check("sorted by loss", store, state, kept: kept)
        append("r15", loss: 0.3); append("r9", loss: 0.2)
        check("by loss, two runs moved first (one selected)", store, state, kept: kept)
        state.sortDescending = true
        check("by loss, descending", store, state, kept: kept)
        // A run changed, then one of the first drawn runs moved to the end before any series
        // were drawn (two updates, one `series`): the changed run's pending series follow it.
        append("r2")
        Self.updateOnly(store, state, kept: kept)
        // The first drawn run that is not the longest, so the plot's x domain stays and the
        // kept series are patched, not all built again.
        let longest = memo.places.map { store.runs[$0].points.count }.max() ?? 0
        let mover = store.runs[memo.places.first { store.runs[$0].points.count < longest }!].id
        append(mover, loss: 0.25)   // inside the y extent too (the labels keep their width)
        check("changed, then shifted before the series were drawn", store, state, kept: kept)
        #expect(memo.reorders >= reordersBefore + 4, "reordered frames")
        #expect(memo.rebuilds == rebuildsBefore, "a new order alone rebuilds nothing")
        state.sortKey = .size
        state.sortDescending = false
        state.smoothing = 0.6
        check("smoothing on", store, state, kept: kept)
        append("r2"); append("r9")
        check("smoothed, appended to", store, state, kept: kept)
        var arriving = Run(id: "r30", name: "run 30", metadata: RunMetadata(parameters: 3e7, tokensPerStep: 4096))
        for s in 1...25 { arriving.append(MetricPoint(step: s, loss: 4 - Double(s) * 0.01)) }
        _ = store.insert(arriving)
        check("a run arrived", store, state, kept: kept)
        state.filter = "run 1"
        check("filtered", store, state, kept: kept)
        append("r13")
        check("filtered, appended to", store, state, kept: kept)
        state.filter = ""
        state.xAxis = .step
        check("by step", store, state, kept: kept)
        append("r3"); append("r29")
        check("by step, appended to", store, state, kept: kept)
        state.logX = false
        check("linear x", store, state, kept: kept)
        #expect(memo.rebuilds < memo.patches + memo.rebuilds, "some frames were patched")
    }
}
