import RunIngest

extension DashboardView {
    /// What is drawn at cell (x, y) of a `width`×`height` screen: the same layout `render`
    /// uses, so a click lands where the person sees things.
    public func target(atX x: Int, y: Int, width: Int, height: Int) -> DashboardTarget {
        guard width >= 20, height >= 6, x >= 0, y >= 0, x < width, y < height else { return .nothing }
        if state.showHelp || state.showErrors { return .nothing }
        if y == 0 { return headerTab(atX: x, width: width).map(DashboardTarget.tab) ?? .nothing }
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        for (panel, rect) in DashboardLayout.panels(in: body, focus: state.focus, zoomed: state.zoomed)
            where rect.contains(x: x, y: y) {
            let context = panelContext()
            switch panel {
            case .runs:
                return RunsTablePanel.runID(atY: y, rect: rect, context: context).map { .runRow(runID: $0) } ?? .panel(.runs)
            case .curves:
                return CurvesPanel.target(atX: x, y: y, rect: rect, context: context) ?? .panel(.curves)
            default:
                return .panel(panel)
            }
        }
        return .nothing
    }

    /// The panel whose tab is at column `x` of the header (drawn from 70 columns up).
    func headerTab(atX x: Int, width: Int) -> DashboardPanel? {
        guard width >= 70 else { return nil }
        var start = " scaletop ".count
        for panel in DashboardPanel.allCases {
            let label = " \(panel.rawValue + 1) \(panel.title) "
            if x >= start && x < start + label.count { return panel }
            start += label.count
        }
        return nil
    }
}

extension CurvesPanel {
    /// A click on the plot of the curves panel drawn in `rect`: the cursor position there,
    /// and the visible run whose curve passes nearest (within two rows) at that x.
    static func target(atX x: Int, y: Int, rect: Rect, context c: PanelContext) -> DashboardTarget? {
        let inner = rect.inset(by: 1)
        guard inner.width >= 8, inner.height >= 4 else { return nil }
        let chartRect = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height)
        guard let geometry = chart(context: c, rect: chartRect).geometry(in: chartRect),
              geometry.plot.contains(x: x, y: y) else { return nil }
        let fraction = Double(x - geometry.plot.x) / Double(max(1, geometry.plot.width - 1))
        let dataX = geometry.x(atFraction: fraction)
        var nearest: (id: String, distance: Double)?
        for (run, _) in c.visible where run.supports(c.state.xAxis) {
            guard let reading = read(run, at: dataX, quantity: c.state.xAxis),
                  let f = geometry.yScale.fraction(reading.loss), f >= 0, f <= 1 else { continue }
            let row = Double(geometry.plot.maxY - 1) - f * Double(geometry.plot.height - 1)
            let distance = abs(row - Double(y))
            if distance <= 2, distance < (nearest?.distance ?? .infinity) { nearest = (run.id, distance) }
        }
        return .curve(fraction: min(1, max(0, fraction)), runID: nearest?.id)
    }
}

extension Rect {
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }
}
