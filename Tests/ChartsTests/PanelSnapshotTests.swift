import Foundation
import DashboardTestSupport
import Glibc
import ScalingLaws
import StudyAnalysis
import Testing
import TestSupport
@testable import Charts
@testable import RunIngest

/// Every panel rendered from a finished synthetic ladder with its fits, compared as text
/// and styles with stored snapshots (re-recorded only with SCALETOP_RECORD_SNAPSHOTS=1).
@Suite struct PanelSnapshotTests {
    static let study = SyntheticLadderStudy.study

    func render(_ state: DashboardState = DashboardState(), glyphs: GlyphSet = .braille, width: Int, height: Int,
                study: StudyView = PanelSnapshotTests.study) -> CellGrid {
        DashboardView(study: study, state: state, theme: .dark, glyphs: glyphs,
                      keyHelp: [("q", "quit")]).render(width: width, height: height)
    }

    @Test func everyPanelAt160x45() {
        let grid = render(width: 160, height: 45)
        expectSnapshot(grid, named: "panels-160x45")
        let text = grid.lines.joined(separator: "\n")
        for title in ["1·Loss curves", "2·Runs (12)", "3·IsoFLOP", "4·Pareto frontier", "5·What-if"] {
            #expect(text.contains(title), "\(title) is shown at 160×45")
        }
    }

    @Test func panelsDropOutAsTheScreenShrinks() {
        let medium = render(width: 100, height: 30).lines.joined(separator: "\n")
        #expect(medium.contains("2·Runs") && !medium.contains("5·What-if"))
        let small = render(width: 80, height: 22).lines.joined(separator: "\n")
        #expect(small.contains("3·IsoFLOP") && !small.contains("2·Runs"))
        let tiny = render(width: 40, height: 12)
        expectSnapshot(tiny, named: "panels-40x12")
        #expect(tiny.lines.joined().contains("1·Loss curves"))
        // A focused panel that has dropped out is shown alone.
        var state = DashboardState()
        state.focus = .whatIf
        #expect(render(state, width: 40, height: 12).lines.joined().contains("5·What-if"))
    }

    @Test func zoomedIsoFLOPWithParabolasAndOptimalSize() {
        var state = DashboardState()
        state.focus = .isoFLOP
        state.zoomed = true
        let grid = render(state, width: 120, height: 32)
        expectSnapshot(grid, named: "isoflop-zoomed-120x32")
        #expect(grid.lines[1].contains("N_opt ∝ C^"))
        #expect(grid.lines.joined().contains("*"), "vertices are marked")
    }

    @Test func zoomedFrontierWithFitAndBand() {
        var state = DashboardState()
        state.focus = .frontier
        state.zoomed = true
        let grid = render(state, width: 120, height: 32)
        expectSnapshot(grid, named: "frontier-zoomed-120x32")
        #expect(grid.lines[1].contains("L = "))
        #expect(grid.lines.joined().contains("@"), "non-dominated runs are marked")
    }

    @Test func runsTableSortedGroupedAndSelected() {
        var state = DashboardState()
        state.focus = .runs
        state.zoomed = true
        state.grouping = .budget
        state.sortKey = .loss
        state.selectedRunID = PanelSnapshotTests.study.runs[4].id
        let grid = render(state, width: 90, height: 24)
        expectSnapshot(grid, named: "runs-budget-groups-90x24")
        #expect(grid.lines.joined().contains("C ≈ "))
        let selectedRow = grid.lines.first { $0.contains("200M-20tpp") }
        #expect(selectedRow != nil)
        #expect(!grid.lines.joined().contains("ladder/"), "the shared folder is not repeated on every row")
    }

    /// Names as the writers leave them (an MLflow store's run folders, a W&B offline run)
    /// get the room most names need, and the longer ones keep their start and end.
    @Test func longNamesGetRoomAndAreShortenedInTheMiddle() {
        let names = ["mlruns/433083175981743154/abae656144eb4269a600dc2779e49e8a",
                     "wandb/offline-run-20261201_223612-7dfof13t", "tb/run-a"]
        let runs = names.enumerated().map { i, name in
            Run(id: name, name: name, metadata: RunMetadata(parameters: 1e7 * Double(i + 1)),
                points: [MetricPoint(step: 1, loss: 3 - Double(i) / 10)])
        }
        var state = DashboardState()
        state.focus = .runs
        state.zoomed = true
        let study = StudyView(title: "study", runs: runs, issues: [], followMode: "following (inotify)")
        let grid = render(state, width: 80, height: 20, study: study)
        let rows = grid.lines.filter { $0.contains(" live") }
        #expect(rows.count == 3, "\(grid.lines.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("mlruns/") && $0.contains("…") && $0.contains("e49e8a") }, "\(rows)")
        #expect(rows.contains { $0.contains("tb/run-a") })
        // At least 18 cells for the name whatever the columns: "wandb/offline-run-" is 18.
        #expect(rows.contains { $0.contains("wandb/") && $0.contains("7dfof13t") }, "\(rows)")
    }

    @Test func whatIfComparesApproachesAtTheBudget() {
        var state = DashboardState()
        state.focus = .whatIf
        state.zoomed = true
        state.whatIf.flops = 1e20
        let grid = render(state, width: 80, height: 20)
        expectSnapshot(grid, named: "whatif-80x20")
        let text = grid.lines.joined(separator: "\n")
        for row in ["IsoFLOP (A2)", "L(N,D) (A3)", "frontier L(C)", "Chinchilla 2022", "Epoch 2024", "Kaplan 2020"] {
            #expect(text.contains(row))
        }
        // Chinchilla's published law at 1e20 FLOPs (closed form from its unrounded constants).
        let n = ParametricLaw.chinchillaUnrounded.allocation.optimalParameters(flops: 1e20)
        #expect(text.contains(NumberFormat.short(n)))
    }

    @Test func whatIfWithConstraintsHardwareAndTheAllocationCurve() throws {
        var state = DashboardState()
        state.focus = .whatIf
        state.zoomed = true
        state.whatIf = try state.whatIf.applying("gpu-hours=2e5 hw=A100 mfu=0.5 gpus=512 price=2 N=3e8 U=5e9 target=2.6")
        let grid = render(state, width: 130, height: 48)
        expectSnapshot(grid, named: "whatif-constraints-130x48")
        let text = grid.lines.joined(separator: "\n")
        // 2e5 A100-hours at 50% MFU: 2e5 × 3600 × 312e12 × 0.5 FLOPs.
        #expect(text.contains("C = " + NumberFormat.short(2e5 * 3600 * 312e12 * 0.5) + " FLOPs"))
        for section in ["fixed N = 300M", "unique data U = 5B", "least compute to reach loss 2.600", "DeepSeek", "N_opt", "study runs"] {
            #expect(text.contains(section), "the zoomed panel shows \(section)")
        }
        #expect(text.contains("$400k") || text.contains("$400K"), "2e5 GPU-hours at $2/h")
    }

    @Test func whatIfPlansVocabularyBatchAndQAT() throws {
        // Issue #18: the zoomed panel's vocabulary, batch and QAT rows, each saying how its
        // constants were checked. N = 2.87e9 at 2.3e21 FLOPs is Tao et al.'s Table 3 model.
        var state = DashboardState()
        state.focus = .whatIf
        state.zoomed = true
        state.whatIf = try state.whatIf.applying("C=2.3e21 N=2.87e9 vocab=32K batch=4M qat=4")
        let grid = render(state, width: 130, height: 48)
        expectSnapshot(grid, named: "whatif-planning-130x48")
        let text = grid.lines.joined(separator: "\n")
        for row in ["vocabulary for N_nv 2.87B", "Tao 2024 App. 3", "V 42.2k", "batch 4M tokens", "Kaplan 2020: B_crit",
                    "QAT to 4 bits", "secondary source, not verified", "Power Scheduler 2024"] {
            #expect(text.contains(row), "the zoomed panel shows \(row)")
        }
    }

    @Test func filterCursorAndSmoothing() {
        var state = DashboardState()
        state.filter = "N>=4e8 40tpp"
        state.cursorFraction = 0.5
        state.smoothing = 0.8
        state.selectedRunID = PanelSnapshotTests.study.runs[11].id
        let grid = render(state, width: 120, height: 34)
        expectSnapshot(grid, named: "curves-filter-cursor-120x34")
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("2·Runs (2 of 12)"))
        #expect(text.contains("800M-40tpp: tokens"), "the cursor reads the selected run")
        #expect(text.contains("smoothing 0.8"))
        state.filterDraft = "lr<"
        state.filterError = "filter term 'lr<': '' is not a number"
        #expect(render(state, width: 120, height: 34).lines.last!.contains("is not a number"))
    }

    @Test func aRunningRunShowsItsForecastInTheTableAndAsADashedExtension() throws {
        // The largest, longest run stopped at 60% of its points: it is live, and its curve
        // is forecast to its planned end.
        var runs = PanelSnapshotTests.study.runs
        let i = runs.count - 1
        var partial = Run(id: runs[i].id, name: runs[i].name, metadata: runs[i].metadata)
        for p in runs[i].points.prefix(Int(Double(runs[i].points.count) * 0.6)) { partial.append(p) }
        runs[i] = partial
        let summaries = runs.map { RunSummary(run: $0, now: 0) }
        let fits = StudyFits.compute(summaries, bootstrapSamples: 40, seed: 7)
        let forecasts = RunForecaster().forecasts(for: runs, fits: fits)
        let forecast = try #require(forecasts[partial.id]?.forecast, "\(forecasts[partial.id]?.reason ?? "no forecast")")
        let truth = PanelSnapshotTests.study.runs[i].points.last!.loss
        #expect(forecast.interval.lowerBound - 0.05 < truth && truth < forecast.interval.upperBound + 0.05,
                "forecast \(forecast.finalLoss) \(forecast.interval) vs the law's \(truth)")
        let study = StudyView(title: "ladder", runs: runs, summaries: summaries, issues: [], followMode: "following (inotify)",
                              fits: fits, fitStatus: "fits", forecasts: forecasts)
        var state = DashboardState()
        state.selectedRunID = partial.id
        let grid = render(state, width: 160, height: 45, study: study)
        expectSnapshot(grid, named: "forecast-160x45")
        let row = try #require(grid.lines.first { $0.contains("800M-40tpp") && $0.contains("B/32B") })
        #expect(row.contains("live") && row.contains(NumberFormat.fixed(forecast.finalLoss, decimals: 3) + "±"))
        // Alone on the curves panel, the run's curve goes on past its last point (dashed)
        // only when there is a forecast.
        state.filter = "800M-40tpp"
        state.focus = .curves
        state.zoomed = true
        var without = study
        without.forecasts = [:]
        let plotted = { (g: CellGrid) in g.lines.joined().unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count }
        #expect(plotted(render(state, width: 100, height: 30, study: study)) > plotted(render(state, width: 100, height: 30, study: without)) + 5)
    }

    @Test func asciiFallbackFoldsEveryPanelToReadableASCII() {
        for panel in DashboardPanel.allCases {
            var state = DashboardState()
            state.focus = panel
            state.zoomed = true
            state.cursorFraction = 0.5
            let grid = render(state, glyphs: .ascii, width: 120, height: 40)
            #expect(grid.cells.allSatisfy { $0.scalar.isASCII }, "\(panel)")
            let text = grid.lines.joined().replacingOccurrences(of: "? help", with: "")
            #expect(!text.contains("?"), "\(panel): a character without an ASCII look-alike became ?")
        }
    }

    @Test func everySizeFrom0x0To200x60RendersWithoutCrashing() {
        for (w, h) in [(0, 0), (1, 1), (12, 3), (20, 6), (39, 11), (40, 12), (69, 19), (70, 20), (89, 23), (90, 24),
                       (119, 29), (120, 30), (200, 60)] {
            let grid = render(width: w, height: h)
            #expect(grid.lines.count == h)
            #expect(grid.lines.allSatisfy { $0.unicodeScalars.count <= w })
        }
    }
}
