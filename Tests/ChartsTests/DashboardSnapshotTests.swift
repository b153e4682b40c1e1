import DashboardTestSupport
import Glibc
import Testing
import TestSupport
@testable import Charts
@testable import RunIngest

/// The whole screen rendered into fixed-size grids and compared as text and styles with
/// stored snapshots (`__Snapshots__/`, re-recorded only with SCALETOP_RECORD_SNAPSHOTS=1).
@Suite struct DashboardSnapshotTests {
    /// Three model sizes with loss L = 1.8 + 400/N^0.34 + 2000/D^0.37 (Chinchilla-like),
    /// checkpoints every 2^k steps, 1M tokens per step: deterministic and recognisable.
    static func ladder() -> [Run] {
        [(1e8, "100M"), (4e8, "400M"), (1.6e9, "1.6B")].map { size, label in
            var run = Run(id: "\(label)/metrics.jsonl", name: label,
                          metadata: RunMetadata(parameters: size, tokensPerStep: 1e6, plannedTokens: 20 * size))
            var step = 16
            while Double(step) * 1e6 <= 20 * size {
                let d = Double(step) * 1e6
                run.append(MetricPoint(step: step, loss: 1.8 + 400 / pow(size, 0.34) + 2000 / pow(d, 0.37)))
                step *= 2
            }
            return run
        }
    }

    func render(_ runs: [Run], issues: [FileIssues] = [], state: DashboardState = DashboardState(),
                glyphs: GlyphSet = .braille, width: Int, height: Int) -> CellGrid {
        DashboardView(study: StudyView(title: "study", runs: runs, issues: issues, followMode: "following (inotify)"),
                      state: state, theme: .dark, glyphs: glyphs,
                      keyHelp: [("q", "quit"), ("x", "cycle x axis"), ("?", "help")]).render(width: width, height: height)
    }

    @Test func ladderAt100x30() {
        expectSnapshot(render(Self.ladder(), width: 100, height: 30), named: "ladder-100x30")
    }

    @Test func ladderAtTheSmallestSupportedSize() {
        let grid = render(Self.ladder(), width: 40, height: 12)
        expectSnapshot(grid, named: "ladder-40x12")
        #expect(grid.lines.allSatisfy { $0.count == 40 })
    }

    @Test func tinyAndZeroSizesNeverCrash() {
        expectSnapshot(render(Self.ladder(), width: 12, height: 3), named: "ladder-12x3")
        #expect(render(Self.ladder(), width: 0, height: 0).lines.isEmpty)
        #expect(render(Self.ladder(), width: 1, height: 1).lines.count == 1)
    }

    @Test func stepAxisLinearScalesAndHelpOverlay() {
        var state = DashboardState()
        state.cycleXAxis(runs: Self.ladder())      // tokens → flops
        state.toggleLogScale()
        state.showHelp = true
        expectSnapshot(render(Self.ladder(), state: state, width: 80, height: 24), named: "ladder-flops-linear-help-80x24")
    }

    @Test func asciiFallbackWithoutUTF8() {
        let grid = render(Self.ladder(), glyphs: .ascii, width: 80, height: 20)
        expectSnapshot(grid, named: "ladder-ascii-80x20")
        #expect(grid.cells.allSatisfy { $0.scalar.isASCII })
    }

    @Test func parseErrorsAndHostileRunNamesInTheStatusLine() {
        var runs = Self.ladder()
        runs.append(Run(id: "x", name: "\u{1B}[31mevil\u{1B}]0;title\u{07}", points: [MetricPoint(step: 5, loss: 4)]))
        let issues = [FileIssues(ParseIssue(file: "100M/metrics.jsonl", line: 3, message: "not a JSON object: expected '{'"))]
        let grid = render(runs, issues: issues, width: 100, height: 20)
        expectSnapshot(grid, named: "ladder-errors-100x20")
        #expect(grid.lines.last!.contains("1 parse error (e): 100M/metrics.jsonl:3: not a JSON object"))
        #expect(grid.cells.allSatisfy { $0.scalar.value != 0x1B && $0.scalar.value != 0x07 })
    }

    /// A fit status too long for the line keeps its head ("fits: N finished runs, X s")
    /// and gives up its tail; only when even that does not fit does it go.
    @Test func aLongFitStatusGivesUpItsTailBeforeItGoes() {
        let status = "fits: 3 finished runs, 0.093 s · forecasts for 200 of 900 running runs (select one to forecast it)"
        func lastLine(width: Int) -> String {
            let study = StudyView(title: "study", runs: Self.ladder(), issues: [], followMode: "following (inotify)", fitStatus: status)
            return DashboardView(study: study, state: DashboardState(), theme: .dark, glyphs: .braille,
                                 keyHelp: [("q", "quit")]).render(width: width, height: 20).lines.last!
        }
        #expect(lastLine(width: 180).contains(status + " · following (inotify)"))
        let shortened = lastLine(width: 110)
        #expect(shortened.contains("fits: 3 finished runs, 0.093 s · following (inotify)"), "\(shortened)")
        #expect(!shortened.contains("forecasts for"))
        let narrow = lastLine(width: 60)
        #expect(!narrow.contains("fits:") && narrow.contains("0 parse errors"), "\(narrow)")
    }

    @Test func theStatusColumnFitsItsWidestWord() {
        let waiting = Run(id: "3.2B/metrics.jsonl", name: "3.2B", metadata: RunMetadata(parameters: 3.2e9, tokensPerStep: 1e6))
        let lines = render(Self.ladder() + [waiting], width: 160, height: 45).lines
        #expect(lines.contains { $0.contains(" waiting ") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func emptyStudySaysWhatItIsWaitingFor() {
        let grid = render([], width: 60, height: 14)
        expectSnapshot(grid, named: "empty-60x14")
        #expect(grid.lines.joined().contains("waiting for runs"))
    }
}
