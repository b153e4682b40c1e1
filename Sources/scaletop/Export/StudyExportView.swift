import Charts
import Foundation
import Glibc
import RunIngest
import StudyAnalysis
import Terminal

/// The dashboard as `scaletop export` sees a study: loaded once, fitted once, drawn with the
/// dashboard's defaults (the x axis it would choose, every run unless filtered), so a
/// headless export shows what `watch` would show.
enum StudyExportView {
    static func make(store: RunStore, title: String, theme: Theme, filter: String?, budget: Double?,
                     bootstrapSamples: Int, withForecasts: Bool) throws -> DashboardView {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let seconds = Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
        let summaries = store.runs.map { RunSummary(run: $0, now: seconds) }
        let fits = StudyFits.compute(summaries, bootstrapSamples: bootstrapSamples,
                                     threads: max(1, ProcessInfo.processInfo.activeProcessorCount))
        // The curves panel draws forecasts of running runs only: a finished study needs none,
        // and the forecaster's refits are the slowest part of an export.
        let running = store.runs.contains { !$0.isFinished }
        let forecasts = withForecasts && running ? RunForecaster().forecasts(for: store.runs, fits: fits) : [:]
        var state = DashboardState()
        state.settleDefaultAxis(runs: store.runs)
        if let filter { state.filter = filter }
        if let budget { state.whatIf.flops = budget }
        // The status line of a text export: no timings, so the same study gives the same file.
        let study = StudyView(title: title, runs: store.runs, summaries: summaries.map { var s = $0; s.flopsCurve = []; return s },
                              issues: store.issues, followMode: "exported", fits: fits,
                              fitStatus: "fits: \(fits.finishedRunCount) finished runs", forecasts: forecasts)
        return DashboardView(study: study, state: state, theme: theme, glyphs: .braille, keyHelp: KeyBindings.help)
    }
}
