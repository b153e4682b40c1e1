import DashboardTestSupport
import ScalingLaws
import StudyAnalysis
import Testing
@testable import Charts
@testable import RunIngest

/// Issue #13: the curves panel scales its axes to what it draws, says where a forecast was
/// made, and hides one the run has left behind.
@Suite struct CurvesForecastTests {
    /// The synthetic ladder with its largest run cut to `fraction` of its checkpoints, and
    /// that run's forecast made when it had `madeAt` of them.
    func study(fraction: Double, madeAt: Double) -> (StudyView, runID: String) {
        var runs = SyntheticLadderStudy.study.runs
        let i = runs.count - 1
        let full = SyntheticLadderStudy.study.runs[i]
        func cut(_ f: Double) -> Run {
            var r = Run(id: full.id, name: full.name, metadata: full.metadata)
            for p in full.points.prefix(Int(Double(full.points.count) * f)) { r.append(p) }
            return r
        }
        runs[i] = cut(madeAt)
        let summaries = runs.map { RunSummary(run: $0, now: 0) }
        let fits = StudyFits.compute(summaries, bootstrapSamples: 20, seed: 7)
        let forecasts = RunForecaster().forecasts(for: runs, fits: fits)
        runs[i] = cut(fraction)
        let view = StudyView(title: "ladder", runs: runs, summaries: runs.map { RunSummary(run: $0, now: 0) }, issues: [],
                             followMode: "following", fits: fits, fitStatus: "fits", forecasts: forecasts)
        return (view, runs[i].id)
    }

    func context(_ view: StudyView, selected: String?, filter: String = "") -> PanelContext {
        var state = DashboardState()
        state.selectedRunID = selected
        state.filter = filter
        return DashboardView(study: view, state: state, theme: .dark, glyphs: .braille, keyHelp: []).panelContext()
    }

    let rect = Rect(x: 0, y: 0, width: 100, height: 30)

    @Test func aBandItDoesNotDrawNeverMovesTheAxis() throws {
        let (view, id) = study(fraction: 0.5, madeAt: 0.5)
        let forecast = try #require(view.forecasts[id]?.forecast)
        // Another run selected among many: the forecast is drawn dashed, without its band.
        let other = view.runs.first { $0.id != id }!.id
        let chart = CurvesPanel.chart(context: context(view, selected: other), rect: rect)
        #expect(chart.bands.isEmpty && chart.series.contains { $0.kind == .dashed })
        let y = try #require(chart.extentOverride).y
        #expect(y.lowerBound <= forecast.curve.map(\.loss).min()!, "the dashed line it draws is inside the axis")
        var without = view
        without.forecasts = [:]
        let bare = try #require(CurvesPanel.chart(context: context(without, selected: other), rect: rect).extentOverride).y
        #expect(y.lowerBound >= min(bare.lowerBound, forecast.curve.map(\.loss).min()!) - 1e-12,
                "nothing but the drawn line may widen the axis")
        // Selected, its band is drawn, and then the axis holds it.
        let selectedChart = CurvesPanel.chart(context: context(view, selected: id), rect: rect)
        #expect(!selectedChart.bands.isEmpty)
        let lowest = forecast.curve.map(\.lower).filter { $0 > 0 }.min()!
        #expect(try #require(selectedChart.extentOverride).y.lowerBound <= lowest)
    }

    @Test func theTitleSaysWhereTheForecastWasMadeAndAStaleOneIsHidden() throws {
        let (fresh, id) = study(fraction: 0.75, madeAt: 0.75)
        let note = try #require(CurvesPanel.forecastNote(context: context(fresh, selected: id)))
        #expect(note.contains("forecast from step") && !note.contains("hidden"))
        let dashed = { (c: PanelContext) in CurvesPanel.chart(context: c, rect: self.rect).series.filter { $0.kind == .dashed }.count }
        #expect(dashed(context(fresh, selected: id)) == 1)
        // The fits fell behind: a forecast from 25% of the run (half its checkpoints, which
        // are spaced as k²) while it is at 56%.
        let (stale, _) = study(fraction: 0.75, madeAt: 0.5)
        let forecast = try #require(stale.forecasts[id])
        let run = stale.runs.first { $0.id == id }!
        #expect(CurvesPanel.isStale(forecast, run: run))
        #expect(dashed(context(stale, selected: id)) == 0)
        #expect(CurvesPanel.forecastNote(context: context(stale, selected: id))?.contains("hidden, older than the curve") == true)
    }
}
