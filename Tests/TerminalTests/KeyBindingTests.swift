import Charts
import RunIngest
import Testing
@testable import Terminal

@Suite struct KeyBindingTests {
    let runs = [Run(id: "a", name: "a"), Run(id: "b", name: "b"), Run(id: "c", name: "c")]

    @Test func panelsFocusByTabAndNumberAndZoom() {
        var state = DashboardState()
        #expect(state.focus == .curves)
        _ = KeyBindings.handle(.tab, state: &state, runs: runs)
        #expect(state.focus == .runs)
        _ = KeyBindings.handle(.backTab, state: &state, runs: runs)
        _ = KeyBindings.handle(.backTab, state: &state, runs: runs)
        #expect(state.focus == .whatIf, "Shift-Tab wraps around")
        _ = KeyBindings.handle(.character("3"), state: &state, runs: runs)
        #expect(state.focus == .isoFLOP)
        _ = KeyBindings.handle(.character("z"), state: &state, runs: runs)
        #expect(state.zoomed)
        _ = KeyBindings.handle(.escape, state: &state, runs: runs)
        #expect(!state.zoomed, "Esc leaves zoom")
    }

    @Test func filterLineEditsAppliesAndRejects() {
        var state = DashboardState()
        _ = KeyBindings.handle(.character("/"), state: &state, runs: runs)
        #expect(state.filterDraft == "")
        for c in "N>1x" { _ = KeyBindings.handle(.character(c.unicodeScalars.first!), state: &state, runs: runs) }
        #expect(state.filterError?.contains("not a number") == true, "errors show while typing")
        _ = KeyBindings.handle(.enter, state: &state, runs: runs)
        #expect(state.filterDraft == "N>1x", "Enter keeps a bad filter open")
        _ = KeyBindings.handle(.special(263), state: &state, runs: runs)     // KEY_BACKSPACE
        _ = KeyBindings.handle(.character("B"), state: &state, runs: runs)
        #expect(state.filterError == nil)
        _ = KeyBindings.handle(.enter, state: &state, runs: runs)
        #expect(state.filter == "N>1B" && state.filterDraft == nil)
        // q types a q into the filter rather than quitting.
        _ = KeyBindings.handle(.character("/"), state: &state, runs: runs)
        #expect(KeyBindings.handle(.character("q"), state: &state, runs: runs) == .redraw)
        _ = KeyBindings.handle(.escape, state: &state, runs: runs)
        #expect(state.filter == "N>1B", "Esc cancels the edit and keeps the applied filter")
        _ = KeyBindings.handle(.escape, state: &state, runs: runs)
        #expect(state.filter.isEmpty, "a second Esc clears it")
    }

    @Test func whatIfPromptAppliesValidTermsOnly() {
        var state = DashboardState()
        _ = KeyBindings.handle(.character("b"), state: &state, runs: runs)
        #expect(state.whatIfDraft == "" && state.focus == .whatIf)
        for c in "C=3e22 hw=Z80" { _ = KeyBindings.handle(.character(c.unicodeScalars.first!), state: &state, runs: runs) }
        _ = KeyBindings.handle(.enter, state: &state, runs: runs)
        #expect(state.whatIfError?.contains("unknown hardware 'Z80'") == true)
        #expect(state.whatIf.flops == 1e21, "nothing changes until every term is valid")
        for _ in 0..<3 { _ = KeyBindings.handle(.special(263), state: &state, runs: runs) }
        for c in "MI300X" { _ = KeyBindings.handle(.character(c.unicodeScalars.first!), state: &state, runs: runs) }
        _ = KeyBindings.handle(.enter, state: &state, runs: runs)
        #expect(state.whatIfDraft == nil && state.whatIf.flops == 3e22 && state.whatIf.hardware == "MI300X")
        _ = KeyBindings.handle(.character("w"), state: &state, runs: runs)
        #expect(state.whatIf.hardware != "MI300X")
    }

    @Test func selectionCursorSmoothingSortAndBudget() {
        var state = DashboardState()
        let ids = ["c", "a", "b"]
        _ = KeyBindings.handle(.character("j"), state: &state, runs: runs, visibleRunIDs: ids)
        #expect(state.selectedRunID == "c")
        _ = KeyBindings.handle(.down, state: &state, runs: runs, visibleRunIDs: ids)
        _ = KeyBindings.handle(.down, state: &state, runs: runs, visibleRunIDs: ids)
        _ = KeyBindings.handle(.down, state: &state, runs: runs, visibleRunIDs: ids)
        #expect(state.selectedRunID == "b", "selection stops at the last run")
        _ = KeyBindings.handle(.character("l"), state: &state, runs: runs)
        #expect(state.cursorFraction == 0.5, "the first move shows the cursor mid-plot")
        _ = KeyBindings.handle(.character("L"), state: &state, runs: runs)
        #expect(abs(state.cursorFraction! - 0.6) < 1e-12)
        _ = KeyBindings.handle(.character("c"), state: &state, runs: runs)
        #expect(state.cursorFraction == nil)
        _ = KeyBindings.handle(.character("m"), state: &state, runs: runs)
        #expect(state.smoothing == 0.6)
        for _ in 0..<5 { _ = KeyBindings.handle(.character("m"), state: &state, runs: runs) }
        #expect(state.smoothing == 0, "smoothing cycles back to off")
        _ = KeyBindings.handle(.character("o"), state: &state, runs: runs)
        #expect(state.sortKey == .tokens)
        _ = KeyBindings.handle(.character("g"), state: &state, runs: runs)
        #expect(state.grouping == .size)
        _ = KeyBindings.handle(.character("]"), state: &state, runs: runs)
        _ = KeyBindings.handle(.character("+"), state: &state, runs: runs)
        #expect(state.whatIf.flops == 2e22)
        for _ in 0..<40 { _ = KeyBindings.handle(.character("["), state: &state, runs: runs) }
        #expect(state.whatIf.flops == 1e12, "the budget stays in a sane range")
    }
}
