import Foundation
import Charts
import RunIngest
import StudyAnalysis

/// What each key does to the dashboard. Pure, so it is tested without a terminal, and the
/// help overlay is generated from the same table that handles the keys.
public enum KeyBindings {
    public enum Outcome: Equatable {
        case quit
        /// The state changed (or a redraw was asked for): draw again.
        case redraw
        /// Curses must repaint the whole screen (Ctrl-L, after a resize).
        case repaint
        case ignored
        /// Write the focused panel (`s`) or every chart panel (`S`) to files.
        case exportFocused
        case exportAll
    }

    public static let help: [(key: String, action: String)] = [
        ("q", "quit (also Ctrl-C)"),
        ("Tab 1-5", "next panel / go to panel: curves, runs, IsoFLOP, frontier, what-if"),
        ("z", "zoom the focused panel to the whole screen (again: back)"),
        ("↑↓ j k", "select the previous / next run (its curve on top)"),
        ("←→ h l", "move the curve cursor (H L: faster); c hides it"),
        ("/", "filter runs: N>1e8 lr<3e-4 status=live or a name regex"),
        ("x", "cycle x axis: step, tokens, FLOPs, wall time"),
        ("a", "toggle log / linear axes"),
        ("m", "cycle smoothing (debiased EMA in log space, raw drawn faint)"),
        ("o O", "runs table: next sort column / reverse"),
        ("g", "runs table: group by none, model size, compute budget"),
        ("+ - ] [", "what-if budget ×2 ÷2 ×10 ÷10"),
        ("b", "what-if: type a budget or constraints (C=3e21 gpu-hours=5e5 N=7e9 U=1e12 …)"),
        ("w", "what-if: next hardware preset (A100, H100, MI300X, TPU…)"),
        ("s", "write the focused panel: svg, pdf, png, csv, spec, txt (to --export-dir)"),
        ("S", "write every chart panel the same way"),
        ("e", "list parse errors with file:line"),
        ("t", "next theme"),
        ("Esc", "leave zoom, then clear the filter; close a list"),
        ("?", "show or hide this help"),
        ("Ctrl-L", "redraw the whole screen"),
    ]

    /// `visibleRunIDs` are the runs shown, in table order (for j/k): worked out only for the
    /// keys that move the selection (filtering and sorting 10,000 runs on every key, `q`
    /// included, took most of a second).
    public static func handle(_ key: Key, state: inout DashboardState, runs: [Run],
                              visibleRunIDs: @autoclosure () -> [String] = []) -> Outcome {
        if key == .resize { return .repaint }
        // An export's message stays until the person presses something.
        state.notice = nil
        if key == .controlL { return .repaint }
        if state.filterDraft != nil { return editFilter(key, state: &state) }
        if state.whatIfDraft != nil { return editWhatIf(key, state: &state) }
        if state.showHelp {
            // Any key closes the help; q still quits.
            if key == .character("q") || key == .character("Q") { return .quit }
            state.showHelp = false
            return .redraw
        }
        if state.showErrors {
            if key == .character("q") || key == .character("Q") { return .quit }
            if key == .character("e") || key == .escape { state.showErrors = false; return .redraw }
            return .ignored
        }
        switch key {
        case .character("q"), .character("Q"):
            return .quit
        case .character("?"):
            state.showHelp = true
        case .tab:
            state.focusNext(1)
        case .backTab:
            state.focusNext(-1)
        case .character(let c) where ("1"..."5").contains(c):
            state.focus = DashboardPanel(rawValue: Int(c.value) - 0x31) ?? .curves
        case .character("z"):
            state.zoomed.toggle()
        case .escape:
            // Undo the nearest thing first: the zoom, then the filter.
            if state.zoomed { state.zoomed = false } else if !state.filter.isEmpty { state.filter = "" } else { return .ignored }
        case .character("/"):
            state.filterDraft = state.filter
            state.filterError = nil
        case .character("x"):
            state.cycleXAxis(runs: runs)
        case .character("a"):
            state.toggleLogScale()
        case .character("m"):
            state.cycleSmoothing()
        case .character("t"):
            state.themeIndex += 1
        case .character("e"):
            state.showErrors = true
        case .character("o"):
            let all = RunSortKey.allCases
            state.sortKey = all[((all.firstIndex(of: state.sortKey) ?? 0) + 1) % all.count]
        case .character("O"):
            state.sortDescending.toggle()
        case .character("g"):
            let all = RunGrouping.allCases
            state.grouping = all[((all.firstIndex(of: state.grouping) ?? 0) + 1) % all.count]
        case .up, .character("k"):
            selectRun(offset: -1, state: &state, visible: visibleRunIDs())
        case .down, .character("j"):
            selectRun(offset: 1, state: &state, visible: visibleRunIDs())
        case .pageUp:
            selectRun(offset: -10, state: &state, visible: visibleRunIDs())
        case .pageDown:
            selectRun(offset: 10, state: &state, visible: visibleRunIDs())
        case .left, .character("h"):
            moveCursor(-0.01, state: &state)
        case .right, .character("l"):
            moveCursor(0.01, state: &state)
        case .character("H"):
            moveCursor(-0.1, state: &state)
        case .character("L"):
            moveCursor(0.1, state: &state)
        case .character("c"):
            state.cursorFraction = nil
        case .character("+"), .character("="):
            state.whatIf.flops = clampBudget(state.whatIf.flops * 2)
        case .character("-"):
            state.whatIf.flops = clampBudget(state.whatIf.flops / 2)
        case .character("]"):
            state.whatIf.flops = clampBudget(state.whatIf.flops * 10)
        case .character("["):
            state.whatIf.flops = clampBudget(state.whatIf.flops / 10)
        case .character("b"):
            state.whatIfDraft = ""
            state.whatIfError = nil
            if !state.zoomed && state.focus != .whatIf { state.focus = .whatIf }
        case .character("w"):
            state.whatIf.cycleHardware()
        case .character("s"):
            return .exportFocused
        case .character("S"):
            return .exportAll
        default:
            return .ignored
        }
        return .redraw
    }

    /// Budgets from a toy model to far beyond any run ever trained.
    static func clampBudget(_ flops: Double) -> Double { min(1e30, max(1e12, flops)) }

    static func selectRun(offset: Int, state: inout DashboardState, visible: [String]) {
        guard !visible.isEmpty else { return }
        guard let current = state.selectedRunID, let i = visible.firstIndex(of: current) else {
            state.selectedRunID = offset >= 0 ? visible.first : visible.last
            return
        }
        state.selectedRunID = visible[min(visible.count - 1, max(0, i + offset))]
    }

    static func moveCursor(_ delta: Double, state: inout DashboardState) {
        guard let f = state.cursorFraction else { state.cursorFraction = 0.5; return }
        state.cursorFraction = min(1, max(0, f + delta))
    }

    /// A one-line prompt: typing edits the draft, Enter hands it to `commit` (which says
    /// why it is refused, or applies it), Esc cancels.
    enum PromptStep {
        case editing(String)
        case committed
        case cancelled
        case ignored
    }

    static func prompt(_ key: Key, draft: String) -> PromptStep {
        if key == .escape { return .cancelled }
        if key.isEnter { return .committed }
        var text = draft
        if key.isBackspace {
            if !text.isEmpty { text.removeLast() }
        } else if case .character(let c) = key, c.value >= 0x20, c.value != 0x7F, text.count < 200 {
            text.unicodeScalars.append(c)
        } else {
            return .ignored
        }
        return .editing(text)
    }

    /// The filter line; errors show as the filter is typed.
    static func editFilter(_ key: Key, state: inout DashboardState) -> Outcome {
        guard let draft = state.filterDraft else { return .ignored }
        switch prompt(key, draft: draft) {
        case .cancelled:
            state.filterDraft = nil
            state.filterError = nil
        case .committed:
            do {
                state.runFilter = try RunFilter(draft.trimmingCharacters(in: .whitespaces))
                state.filterDraft = nil
                state.filterError = nil
            } catch {
                state.filterError = error.description
            }
        case .editing(let text):
            state.filterDraft = text
            do { _ = try RunFilter(text); state.filterError = nil } catch { state.filterError = error.description }
        case .ignored:
            return .ignored
        }
        return .redraw
    }

    /// The what-if line: `key=value` terms applied on Enter if every one is valid.
    static func editWhatIf(_ key: Key, state: inout DashboardState) -> Outcome {
        guard let draft = state.whatIfDraft else { return .ignored }
        switch prompt(key, draft: draft) {
        case .cancelled:
            state.whatIfDraft = nil
            state.whatIfError = nil
        case .committed:
            do {
                state.whatIf = try state.whatIf.applying(draft)
                state.whatIfDraft = nil
                state.whatIfError = nil
            } catch {
                state.whatIfError = error.description
            }
        case .editing(let text):
            state.whatIfDraft = text
            state.whatIfError = nil
        case .ignored:
            return .ignored
        }
        return .redraw
    }
}
