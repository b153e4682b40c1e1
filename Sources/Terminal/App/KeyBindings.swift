import Charts
import RunIngest

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
    }

    public static let help: [(key: String, action: String)] = [
        ("q", "quit (also Ctrl-C)"),
        ("x", "cycle x axis: step, tokens, FLOPs, wall time"),
        ("l", "toggle log / linear axes"),
        ("t", "next theme"),
        ("?", "show or hide this help"),
        ("Ctrl-L", "redraw the whole screen"),
    ]

    public static func handle(_ key: Key, state: inout DashboardState, runs: [Run]) -> Outcome {
        if key == .resize { return .repaint }
        if key == .controlL { return .repaint }
        if state.showHelp {
            // Any key closes the help; q still quits.
            if key == .character("q") || key == .character("Q") { return .quit }
            state.showHelp = false
            return .redraw
        }
        switch key {
        case .character("q"), .character("Q"):
            return .quit
        case .character("?"), .character("h"):
            state.showHelp = true
            return .redraw
        case .character("x"):
            state.cycleXAxis(runs: runs)
            return .redraw
        case .character("l"):
            state.toggleLogScale()
            return .redraw
        case .character("t"):
            state.themeIndex += 1
            return .redraw
        default:
            return .ignored
        }
    }
}
