import Charts
import Export
import Foundation
import RunIngest
import StudyAnalysis
import TestSupport

/// The bundled OLMo ladder (sample-runs/olmo-ladder) as `scaletop export` draws it: read by
/// the ingest module, fitted (40 bootstrap resamples, for speed), in the repository's light
/// theme. The panels' figures from real data are what the geometry tests check.
enum OLMoLadderStudy {
    static let folder = SharedData.packageRoot.appendingPathComponent("sample-runs/olmo-ladder").path

    static let study: (study: StudyView, state: DashboardState)? = {
        guard let store = try? StudyFollower.load(root: folder), !store.runs.isEmpty else { return nil }
        let summaries = store.runs.map { RunSummary(run: $0, now: 2e9) }
        let fits = StudyFits.compute(summaries, bootstrapSamples: 40, threads: 2)
        var state = DashboardState()
        state.settleDefaultAxis(runs: store.runs)
        return (StudyView(title: "olmo-ladder", runs: store.runs, summaries: summaries, issues: store.issues,
                          followMode: "exported", fits: fits), state)
    }()

    /// The dashboard on the study (a new one each time: a view keeps a curve cache).
    static var view: DashboardView? {
        study.map { DashboardView(study: $0.study, state: $0.state, theme: lightTheme, glyphs: .braille, keyHelp: [("q", "quit")]) }
    }

    /// themes/light.theme as the repository has it.
    static var lightTheme: Theme {
        let url = SharedData.packageRoot.appendingPathComponent("themes/light.theme")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return ThemeFile.parse(text, name: "light").theme
    }

    static func figures(page: PageSetup = PageSetup()) -> DashboardFigures? {
        view.map { DashboardFigures(view: $0, provenance: FigureProvenance(studyFolder: "olmo-ladder", bootstrapSamples: 40), page: page) }
    }
}
