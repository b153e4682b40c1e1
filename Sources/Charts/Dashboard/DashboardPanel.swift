/// The dashboard's panels, in Tab order; the number keys 1–5 pick them directly.
public enum DashboardPanel: Int, Sendable, CaseIterable {
    case curves, runs, isoFLOP, frontier, whatIf

    public var title: String {
        switch self {
        case .curves: return "Loss curves"
        case .runs: return "Runs"
        case .isoFLOP: return "IsoFLOP"
        case .frontier: return "Pareto frontier"
        case .whatIf: return "What-if"
        }
    }
}

/// How the runs table is ordered.
public enum RunSortKey: String, Sendable, CaseIterable {
    case name, size = "N", tokens, loss, status
}

/// How the runs table groups its rows.
public enum RunGrouping: String, Sendable, CaseIterable {
    case none, size = "model size", budget = "compute budget"
}
