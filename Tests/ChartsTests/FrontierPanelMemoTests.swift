import Foundation
import StudyAnalysis
import Testing
@testable import Charts
@testable import RunIngest

/// `FrontierPanelMemo`: with more runs than get faint curves, the frontier panel is drawn from
/// its kept cells between refits, and the dashboard is the same as one drawn afresh.
@Suite struct FrontierPanelMemoTests {
    static func runs(count: Int, extra: Int = 0) -> [Run] {
        (0..<count).map { r in
            let n = 1e7 * pow(10, Double(r % 8) / 4)
            var run = Run(id: String(format: "r%03d", r), name: "run \(r)",
                          metadata: RunMetadata(parameters: n, tokensPerStep: 4096, plannedSteps: Double(60 + r % 5 * 10)))
            for s in 1...(30 + r % 7 * 5 + (r == 3 ? extra : 0)) {
                run.append(MetricPoint(step: s, loss: 1.8 + 300 / pow(n, 0.3) + 20 / pow(Double(s * 4096), 0.25)))
            }
            return run
        }
    }

    func frame(_ runs: [Run], fits: StudyFits, state: DashboardState, cache: CurveCache) -> CellGrid {
        let summaries = runs.map { RunSummary(run: $0, now: 0) }
        let view = StudyView(title: "t", runs: runs, summaries: summaries, issues: [], followMode: "following", fits: fits)
        return DashboardView(study: view, state: state, theme: .dark, glyphs: .braille, keyHelp: [], curveCache: cache)
            .render(width: 160, height: 48)
    }

    @Test func keptCellsAreTheFreshPanel() {
        let kept = CurveCache()
        var state = DashboardState()
        var runs = Self.runs(count: 80)
        let fits = StudyFits.compute(runs.map { RunSummary(run: $0, now: 0) }, bootstrapSamples: 10, seed: 3)
        #expect(!fits.frontier.points.isEmpty)
        func check(_ what: String, _ fits: StudyFits) {
            // Compared outside the expectation: a failure would print two 160×48 grids.
            let same = frame(runs, fits: fits, state: state, cache: kept) == frame(runs, fits: fits, state: state, cache: CurveCache())
            #expect(same, "\(what): the dashboard drawn with kept cells differs from one drawn afresh")
        }
        check("first", fits)
        check("again", fits)
        #expect(kept.frontierPanel.reused == 1)
        runs = Self.runs(count: 80, extra: 5)
        check("a run appended to, no refit", fits)
        let refit = StudyFits.compute(runs.map { RunSummary(run: $0, now: 0) }, bootstrapSamples: 10, seed: 3)
        check("refitted", refit)
        state.logX = false
        check("linear x", refit)
        state.filter = "run 1"
        check("filtered (fewer runs: curves drawn, nothing kept)", refit)
        state.filter = ""
        check("unfiltered again", refit)
        #expect(kept.frontierPanel.reused >= 2)
    }
}
