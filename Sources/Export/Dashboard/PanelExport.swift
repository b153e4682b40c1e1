import Charts

/// One panel ready to be written: its figure spec and, when a screen format is asked for,
/// its cells. Preparing reads the dashboard's state and its curve cache, so it happens where
/// the view lives (the UI thread, where it takes milliseconds); writing renders and encodes
/// (cairo's PDF and PNG take longer) and may happen on any thread.
public struct PanelExport: Sendable {
    public var panel: DashboardPanel
    public var spec: FigureSpec
    public var screen: CellGrid?

    /// The chart panels among `panels` with their specs, and the others with why they were
    /// left out (the runs table, a fit not ready yet).
    public static func prepare(_ panels: [DashboardPanel], figures: DashboardFigures, formats: [ExportFormat],
                               screenWidth: Int, screenHeight: Int) -> (ready: [PanelExport], skipped: [String]) {
        var ready: [PanelExport] = []
        var skipped: [String] = []
        let needsScreen = formats.contains(where: \.isScreen)
        for panel in panels {
            do {
                let spec = try figures.spec(for: panel)
                let screen = needsScreen ? figures.screen(for: panel, width: screenWidth, height: screenHeight) : nil
                ready.append(PanelExport(panel: panel, spec: spec, screen: screen))
            } catch {
                skipped.append("\(error)")
            }
        }
        return (ready, skipped)
    }

    /// Writes `<panel>.<ext>` for each format; returns the paths written.
    public func write(_ formats: [ExportFormat], with exporter: FigureExporter) throws -> [String] {
        try exporter.export(spec, grid: screen, formats: formats, stem: panel.exportName)
    }
}
