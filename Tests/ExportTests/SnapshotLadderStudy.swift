import Export
import Charts
import Foundation
import DashboardTestSupport
import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The synthetic ladder the ChartsTests snapshots are drawn from (`SyntheticLadderStudy`),
/// so a panel's text export can be compared with the snapshot file the dashboard's own
/// tests keep.
enum SnapshotLadderStudy {
    static let study = SyntheticLadderStudy.study

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
