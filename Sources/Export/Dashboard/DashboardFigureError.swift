import Charts

/// Why a panel has no figure to export, worded for the status line and the CLI.
public enum DashboardFigureError: Error, Equatable, CustomStringConvertible {
    /// The runs table is text; it has a screen export but no plot.
    case notAChart(DashboardPanel)
    /// The panel's chart has nothing yet (no runs, no fit); the reason is the panel's own.
    case nothingToDraw(DashboardPanel, reason: String)

    public var description: String {
        switch self {
        case .notAChart(let panel):
            return "the \(panel.title) panel is a table, not a chart: export curves, isoflop, frontier or whatif"
        case let .nothingToDraw(panel, reason):
            return "nothing to export from the \(panel.title) panel yet: \(reason)"
        }
    }
}
