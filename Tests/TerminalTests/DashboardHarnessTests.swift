import Foundation
import Testing
import TestSupport
@testable import Charts
@testable import Terminal

/// The dashboard as a person uses it, on a screen in memory: the checks that needed tmux
/// and a debug build's 200-replicate bootstraps, now without either.
@Suite struct DashboardHarnessTests {
    /// The rows of a panel: from its title row down to the row before the next frame's top.
    static func panel(_ screen: String, from title: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = rows.firstIndex(where: { $0.contains(title) }) else { return "" }
        return rows[start...].prefix(while: { !$0.hasPrefix(" ") || $0.contains(title) }).joined(separator: "\n")
    }

    @Test func fitsAppearAndMoveWhenARunFinishesThenFilterZoomFocusAndWhatIf() throws {
        let study = try LadderStudyFiles.temporary { $0 == "800M-40tpp" ? 50 : 100 }
        let dash = DashboardHarness(folder: study)
        let before = dash.text
        #expect(before.contains("4·Pareto frontier · L = ") && before.contains("3·IsoFLOP · N_opt ∝ C^"), "\(before)")
        #expect(before.contains("11 done") && before.contains("2·Runs (12)"))
        #expect(before.contains("800M-40tpp") && before.contains(" live "))

        // The last run finishes: the fits are redone with twelve runs and the frontier moves.
        let size = LadderStudyFiles.sizes[3]
        try LadderStudyFiles.append(LadderStudyFiles.lines(parameters: size.parameters, tokensPerStep: 40 * size.parameters / 100, steps: 51...100),
                        to: "\(study)/800M-40tpp/metrics.jsonl")
        dash.sync()
        let after = dash.text
        #expect(after.contains("12 done") && after.contains("fits: 12 finished runs"), "\(after)")
        let frontierBefore = Self.panel(before, from: "4·Pareto frontier")
        #expect(!frontierBefore.isEmpty && frontierBefore != Self.panel(after, from: "4·Pareto frontier"))

        // Filter to the 800M runs.
        dash.press(.character("/"))
        #expect(dash.text.contains(" filter: "))
        dash.type("N>5e8")
        dash.press(.enter)
        #expect(dash.text.contains("2·Runs (3 of 12)") && dash.text.contains("filter 'N>5e8': 3 shown"))

        // Focus the frontier and zoom it: it alone fills the screen; Esc undoes zoom, then filter.
        dash.press(.character("4"), .character("z"))
        #expect(!dash.text.contains("2·Runs (") && dash.text.contains("4·Pareto frontier") && !dash.text.contains("1·Loss curves"))
        dash.press(.escape)
        #expect(dash.text.contains("2·Runs ("))
        dash.press(.escape)
        #expect(dash.text.contains("2·Runs (12)"))

        // The Gopher budget at the what-if prompt: Chinchilla's law gives the paper's ~40B
        // parameters (Hoffmann et al. 2022; methods.md §2.3).
        dash.press(.character("b"))
        #expect(dash.text.contains(" what-if: "))
        dash.type("C=5.76e23 N=1e9")
        dash.press(.enter, .character("z"))
        let whatIf = dash.text
        #expect(whatIf.contains("5·What-if · C = 5.76e23 FLOPs") && whatIf.contains("fixed N = 1B"))
        let chinchillaRow = whatIf.split(separator: "\n").first { $0.contains("Chinchilla 2022") && !$0.contains(":") }
        #expect(chinchillaRow?.contains(" 40.4B ") == true, "Chinchilla's N_opt at 5.76e23: \(chinchillaRow ?? "")")
        dash.press(.escape)

        // A run selected with j and read by the cursor.
        dash.press(.character("1"), .character("j"), .character("l"))
        #expect(dash.text.contains(": tokens ") && dash.text.contains("→ loss "))
        #expect(dash.press(.character("q")) == .quitKey)
    }

    @Test func malformedLinesHelpAxesErrorListAndThemes() throws {
        let study = try LadderStudyFiles.temporary { _ in 10 }
        var second = Theme.dark
        second.name = "second"
        let dash = DashboardHarness(folder: study, themes: [.dark, second])
        #expect(dash.text.contains("12 runs (12 live) · 120 points · 0 parse errors"))
        try LadderStudyFiles.append("{\"step\": 11, \"loss\": oops}\n", to: "\(study)/100M-10tpp/metrics.jsonl")
        dash.sync()
        #expect(dash.text.contains("1 parse error (e): 100M-10tpp/metrics.jsonl:11: not a JSON object"), "\(dash.text)")
        // The run with the bad line counts it in the table's error column.
        dash.press(.character("?"))
        #expect(dash.text.contains("Keys") && dash.text.contains("cycle x axis"))
        dash.press(.character("x"))
        #expect(!dash.text.contains("cycle x axis"), "any key closes the help")
        dash.press(.character("x"))
        #expect(dash.text.contains("x: FLOPs"))
        dash.press(.character("e"))
        #expect(dash.text.contains("Parse errors (1 in 1 files)") && dash.text.contains("1×"))
        dash.press(.escape)
        #expect(!dash.text.contains("Parse errors ("))
        dash.press(.character("t"))
        #expect(dash.text.contains("second · ? help"))
    }

    @Test func theMouseFocusesSelectsAndPlacesTheCursor() throws {
        let study = try LadderStudyFiles.temporary { _ in 100 }
        let dash = DashboardHarness(folder: study)
        // A tab in the header.
        let tab = try #require(dash.position(of: "4 Pareto frontier"))
        dash.click(x: tab.x + 2, y: tab.y)
        #expect(dash.app.model.state.focus == .frontier)
        // A run's row in the table.
        let row = try #require(dash.position(of: "400M-20tpp"))
        dash.click(x: row.x, y: row.y)
        #expect(dash.app.model.state.focus == .runs && dash.app.model.state.selectedRunID == "400M-20tpp/metrics.jsonl")
        // The wheel over the table moves the selection.
        dash.click(x: row.x, y: row.y, .wheelDown)
        #expect(dash.app.model.state.selectedRunID != "400M-20tpp/metrics.jsonl")
        // A click on the curves' plot puts the cursor there and reads a run.
        let title = try #require(dash.position(of: "1·Loss curves"))
        dash.click(x: title.x + 40, y: title.y + 10)
        #expect(dash.app.model.state.focus == .curves)
        #expect(dash.app.model.state.cursorFraction != nil)
        #expect(dash.text.contains("→ loss "))
    }

    @Test func aTinyScreenAndResizesNeverLoseTheState() throws {
        let study = try LadderStudyFiles.temporary { _ in 20 }
        let dash = DashboardHarness(folder: study)
        dash.press(.character("3"))
        dash.screen.size = (40, 12)
        dash.step(.resized(width: 40, height: 12))
        #expect(dash.screen.lastFrame?.width == 40)
        #expect(dash.text.contains("IsoFLOP"), "the focused panel alone at 40×12")
        dash.screen.size = (160, 45)
        dash.step(.resized(width: 160, height: 45))
        #expect(dash.text.contains("2·Runs (12)"))
        #expect(dash.screen.repaints >= 2, "a resize repaints the whole screen")
    }
}
