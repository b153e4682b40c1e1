import Charts
import Export
import Foundation
import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis
import Testing

/// The panel → figure mapping on the synthetic ladder the dashboard's snapshots use.
@Suite struct DashboardFiguresTests {
    let fits = SnapshotLadderStudy.study.fits

    func annotations(_ figure: Figure) -> [String] {
        figure.layers.compactMap { if case .annotation(let a) = $0 { return a.text } else { return nil } }
    }

    @Test func isoFLOPHasLabelledLogAxesTheOptimalSizeInsetAndTheExponentWithItsInterval() throws {
        let spec = try SnapshotLadderStudy.figures().spec(for: .isoFLOP)
        let figure = spec.figure
        let iso = try #require(fits.isoFLOP.value)
        #expect(figure.xAxis.scale == .log10 && figure.yAxis.scale == .log10)
        #expect(figure.xAxis.title == "model size N (parameters)")
        #expect(figure.yAxis.title == "final loss (nats/token)")
        let inset = try #require(figure.insets.first)
        #expect(inset.figure.xAxis.title == "C (FLOPs)" && inset.figure.xAxis.scale == .log10)
        // The synthetic ladder's slices give 2 budgets with interior vertices: the trend
        // through them is unidentified (issue #13), so it carries no interval.
        #expect(!iso.design.isIdentified && iso.exponentInterval == nil)
        let expected = "N_opt ∝ C^\(NumberFormat.fixed(iso.analysis.a, decimals: 2))"
        #expect(inset.figure.title == expected && annotations(inset.figure).isEmpty, "the fitted law is the inset's title")
        let a = try #require(spec.parameters.first { $0.name == "a (N_opt ∝ C^a)" })
        #expect(a.value == iso.analysis.a && a.lower == nil && a.upper == nil && a.confidence == nil)
        #expect(figure.caption.hasPrefix("12 runs from runs/ladder; Chinchilla Approach 2"))
        #expect(figure.caption.contains("the trend is unidentified: only 2 budgets"))
        // Budgets in a colour bar, the legend saying what the marks are.
        #expect(figure.layers.contains { $0.legendLabel == "vertex" })
        #expect(figure.colorBar?.marks == iso.analysis.profiles.map(\.flops))
        #expect(!figure.layers.contains { $0.legendLabel?.hasPrefix("C=") == true })
    }

    @Test func frontierAnnotatesTheLawAndGammaWithItsIntervalAndListsTheParameters() throws {
        let spec = try SnapshotLadderStudy.figures().spec(for: .frontier)
        let law = try #require(fits.frontier.law.value)
        let ci = try #require(fits.frontier.exponentInterval)
        #expect(spec.figure.xAxis.title == "training compute (FLOPs)" && spec.figure.xAxis.scale == .log10)
        #expect(spec.figure.yAxis.title == "loss (nats/token)")
        // One box of two lines, so the layout keeps them together where they cover no data.
        #expect(annotations(spec.figure) == ["L(C) = E + (C₀/C)^{γ}\nγ = \(NumberFormat.fixed(law.exponent, decimals: 3)) "
            + "[\(NumberFormat.fixed(ci.lowerBound, decimals: 3))–\(NumberFormat.fixed(ci.upperBound, decimals: 3))] (80%)"])
        #expect(spec.parameters.map(\.name) == ["γ", "E", "C₀"])
        #expect(spec.parameters[0].value == law.exponent && spec.parameters[2].value == law.scale)
        #expect(spec.figure.layers.contains { $0.legendLabel?.hasPrefix("L(C) fit: E = ") == true })
        #expect(spec.figure.caption.contains("\(fits.frontier.nonDominated.count) runs on the frontier"))
    }

    @Test func curvesFollowTheChosenAxisAndNameTheFilter() throws {
        var state = DashboardState()
        state.filter = "N>1.5e8"
        let spec = try SnapshotLadderStudy.figures(state).spec(for: .curves)
        #expect(spec.figure.xAxis.title == "training data (tokens)" && spec.figure.xAxis.scale == .log10)
        #expect(spec.figure.yAxis.title == "loss (nats/token)")
        #expect(spec.figure.caption == "9 of 12 runs from runs/ladder (filter 'N>1.5e8').")
        let frontier = try SnapshotLadderStudy.figures(state).spec(for: .frontier).figure
        #expect(frontier.caption.hasPrefix("9 of 12 runs from runs/ladder (filter 'N>1.5e8'); fits use all 12 runs; "),
                "the filter hides runs, the fits still use them all")
        state.xAxis = .flops
        state.xAxisChosen = true
        state.logX = false
        let flops = try SnapshotLadderStudy.figures(state).spec(for: .curves).figure
        #expect(flops.xAxis.title == "training compute (FLOPs)" && flops.xAxis.scale == .linear)
    }

    /// Up to eight sizes the curves' legend names each; a ladder of ten gets a colour bar of N
    /// (a tick per size) instead of a legend cut short, coloured as the curves are.
    @Test func curvesOfManySizesGetAColourBarOfN() throws {
        let sizes = (0..<10).map { 2e7 * pow(10, Double($0) / 3) }
        let runs = sizes.map { size -> Run in
            var run = Run(id: "ladder/\(size)/metrics.jsonl", name: "n\(Int(size))",
                          metadata: RunMetadata(parameters: size, tokensPerStep: 1e5, plannedTokens: 20 * size))
            for k in 1...10 { run.append(MetricPoint(step: k * 100, loss: 2 + 300 / pow(size, 0.3) + 50 / Double(k))) }
            return run
        }
        let study = StudyView(title: "many", runs: runs, issues: [], followMode: "")
        let figure = try SnapshotLadderStudy.figures(study: study).spec(for: .curves).figure
        let bar = try #require(figure.colorBar)
        #expect(bar.axis.title == "model size N (parameters)" && bar.marks == sizes)
        #expect(!figure.layers.contains { $0.legendLabel?.hasPrefix("N=") == true }, "the sizes are on the bar, not in the legend")
        let lineColors = Set(figure.layers.compactMap { layer -> FigureColor? in if case .line(let l) = layer { return l.color } else { return nil } })
        for size in sizes { #expect(lineColors.contains(bar.color(atFraction: bar.fraction(size)!))) }
        // Four sizes keep their legend.
        #expect(try SnapshotLadderStudy.figures().spec(for: .curves).figure.colorBar == nil)
    }

    @Test func whatIfMarksTheBudgetAndCarriesTheTable() throws {
        var state = DashboardState()
        state.whatIf.flops = 1e20
        let spec = try SnapshotLadderStudy.figures(state).spec(for: .whatIf)
        #expect(spec.figure.title == "Compute-optimal model size at C = 1e20 FLOPs")
        #expect(spec.figure.yAxis.title == "compute-optimal size N_opt (parameters)")
        let budgetLine = spec.figure.layers.contains {
            if case .line(let l) = $0 { return l.points.count == 2 && l.points.allSatisfy { $0.x == 1e20 } } else { return false }
        }
        #expect(budgetLine)
        let chinchilla = try #require(spec.parameters.first { $0.name == "Chinchilla 2022: N_opt at C = 1e20" })
        let n = ParametricLaw.chinchillaUnrounded.allocation.optimalParameters(flops: 1e20)
        #expect(abs(chinchilla.value / n - 1) < 0.02, "\(chinchilla.value) vs \(n)")
        // Approach 2's trend is unidentified on this ladder (2 budgets): no row, no interval.
        #expect(!spec.parameters.contains { $0.name.hasPrefix("IsoFLOP (A2)") })
        #expect(spec.parameters.contains { $0.name == "L(N,D) (A3): D_opt at C = 1e20" })
    }

    @Test func theRunsTableAndAnUnfittedStudyAreRefusedWithTheReason() {
        #expect(throws: DashboardFigureError.notAChart(.runs)) { try SnapshotLadderStudy.figures().spec(for: .runs) }
        let empty = StudyView(title: "empty", runs: [], issues: [], followMode: "")
        #expect(throws: DashboardFigureError.nothingToDraw(.isoFLOP, reason: "no finished runs yet")) {
            try SnapshotLadderStudy.figures(study: empty).spec(for: .isoFLOP)
        }
    }

    /// The text export of a zoomed panel is the dashboard's own rendering: the same lines
    /// ChartsTests keeps as that panel's snapshot.
    @Test(arguments: [(DashboardPanel.isoFLOP, "isoflop-zoomed-120x32", 120, 32), (.frontier, "frontier-zoomed-120x32", 120, 32),
                      (.whatIf, "whatif-80x20", 80, 20)])
    func textExportEqualsThePanelsSnapshot(panel: DashboardPanel, snapshot: String, width: Int, height: Int) throws {
        var state = DashboardState()
        state.whatIf.flops = 1e20
        let grid = SnapshotLadderStudy.figures(state).screen(for: panel, width: width, height: height)
        let lines = CellGridText.plain(grid).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines == (try SnapshotLadderStudy.chartsSnapshot(snapshot)))
    }
}

@Suite struct FigureProvenanceTests {
    /// Captions name the study, not the path it was typed as (which may hold a home folder).
    @Test func theCaptionNamesTheStudysFolderHoweverItWasTyped() {
        #expect(FigureProvenance.folderName("sample-runs/olmo-ladder/") == "olmo-ladder")
        #expect(FigureProvenance.folderName("/home/someone/data/runs") == "runs")
        #expect(FigureProvenance.folderName("/data/runs/sweep/..") == "runs")
        #expect(FigureProvenance.folderName("/data/runs/.") == "runs")
        #expect(FigureProvenance.folderName(".") == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).lastPathComponent)
    }
}
