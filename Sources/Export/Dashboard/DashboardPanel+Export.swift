import Charts

extension DashboardPanel {
    /// The panels with a figure, in screen order: what `--panel all` and `S` export.
    public static let charts: [DashboardPanel] = [.curves, .isoFLOP, .frontier, .whatIf]

    /// The name `--panel` takes and exported files are called by (`frontier.svg`).
    public var exportName: String {
        switch self {
        case .curves: return "curves"
        case .runs: return "runs"
        case .isoFLOP: return "isoflop"
        case .frontier: return "frontier"
        case .whatIf: return "whatif"
        }
    }

    public init?(exportName: String) {
        guard let panel = DashboardPanel.allCases.first(where: { $0.exportName == exportName.lowercased() }) else { return nil }
        self = panel
    }
}
