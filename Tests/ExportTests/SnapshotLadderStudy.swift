import Export
import Charts
import Foundation
import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The synthetic ladder of ChartsTests/PanelSnapshotTests, built the same way (same runs,
/// same fits, same seed), so a panel's text export can be compared with the snapshot file
/// the dashboard's own tests keep: four sizes × three lengths, 24 checkpoints each, loss
/// L = 1.8 + 400/N^0.34 + 2000/D^0.37.
enum SnapshotLadderStudy {
    static let study: StudyView = {
        var runs: [Run] = []
        for size in [1e8, 2e8, 4e8, 8e8] {
            for perParameter in [10.0, 20, 40] {
                let planned = perParameter * size
                let tokensPerStep = 2e5
                let steps = Int(planned / tokensPerStep)
                var run = Run(id: "ladder/\(NumberFormat.short(size))-\(Int(perParameter))tpp/metrics.jsonl",
                              name: "ladder/\(NumberFormat.short(size))-\(Int(perParameter))tpp",
                              metadata: RunMetadata(parameters: size, tokensPerStep: tokensPerStep, plannedTokens: planned))
                for k in 1...24 {
                    let step = max(1, Int(Double(steps) * pow(Double(k) / 24, 2)))
                    let d = Double(step) * tokensPerStep
                    run.append(MetricPoint(step: step, loss: 1.8 + 400 / pow(size, 0.34) + 2000 / pow(d, 0.37)))
                }
                runs.append(run)
            }
        }
        let summaries = runs.map { RunSummary(run: $0, now: 0) }
        let fits = StudyFits.compute(summaries, bootstrapSamples: 40, seed: 7)
        return StudyView(title: "ladder", runs: runs, summaries: summaries.map { var s = $0; s.flopsCurve = []; return s },
                         issues: [], followMode: "following (inotify)", fits: fits, fitStatus: "fits: 12 finished runs",
                         ingestLagSeconds: 0.012)
    }()

    /// The dashboard on the study as the snapshot tests draw it (dark theme, braille).
    static func figures(_ state: DashboardState = DashboardState(), study: StudyView = study) -> DashboardFigures {
        let view = DashboardView(study: study, state: state, theme: .dark, glyphs: .braille, keyHelp: [("q", "quit")])
        return DashboardFigures(view: view, provenance: FigureProvenance(studyFolder: "runs/ladder", bootstrapSamples: 40))
    }

    /// A snapshot of ChartsTests as the lines it stores (each ends in `|`, to show trailing blanks).
    static func chartsSnapshot(_ name: String) throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ChartsTests/__Snapshots__/\(name).txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { String($0.dropLast()) }
    }
}
