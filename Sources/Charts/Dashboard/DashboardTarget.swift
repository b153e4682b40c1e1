/// What is under a point of the dashboard, for the mouse: a panel's tab in the header, a
/// run's row in the runs table, a place on the loss-curves plot, or some other part of a
/// panel.
public enum DashboardTarget: Sendable, Equatable {
    case tab(DashboardPanel)
    case panel(DashboardPanel)
    case runRow(runID: String)
    /// A point on the curves plot: the cursor's fraction of the plot width there, and the run
    /// whose curve passes within a cell or two of it.
    case curve(fraction: Double, runID: String?)
    case nothing
}
