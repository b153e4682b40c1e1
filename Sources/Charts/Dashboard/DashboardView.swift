import RunIngest
import ScalingLaws

/// The whole screen as a cell grid: a header, the loss-curve panel, the status line, and
/// the help overlay when asked for. Pure: the same inputs give the same cells, which is
/// what the snapshot tests compare.
public struct DashboardView: Sendable {
    public var study: StudyView
    public var state: DashboardState
    public var theme: Theme
    public var glyphs: GlyphSet
    /// Key and what it does, shown by `?` (owned by the terminal's key bindings).
    public var keyHelp: [(key: String, action: String)]

    public init(study: StudyView, state: DashboardState, theme: Theme, glyphs: GlyphSet,
                keyHelp: [(key: String, action: String)]) {
        self.study = study
        self.state = state
        self.theme = theme
        self.glyphs = glyphs
        self.keyHelp = keyHelp
    }

    public func render(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height, fill: Cell(" ", style: CellStyle(background: theme.background)))
        guard width >= 20, height >= 6 else {
            grid.put("scaletop: enlarge the window (\(width)×\(height))", x: 0, y: 0,
                     style: CellStyle(foreground: theme.foreground), maxWidth: width)
            return glyphs == .ascii ? grid.asciiFolded() : grid
        }
        drawHeader(into: &grid)
        let panel = Rect(x: 0, y: 1, width: width, height: height - 2)
        drawCurves(into: &grid, rect: panel)
        drawStatus(into: &grid, y: height - 1)
        if state.showHelp { drawHelp(into: &grid) }
        return glyphs == .ascii ? grid.asciiFolded() : grid
    }

    // MARK: - Parts

    func drawHeader(into grid: inout CellGrid) {
        let style = CellStyle(foreground: theme.title, bold: true)
        let hint = "? help  q quit"
        let used = grid.put(" scaletop ", x: 0, y: 0, style: style)
        grid.put(study.title, x: used, y: 0, style: CellStyle(foreground: theme.inactive),
                 maxWidth: max(0, grid.width - used - hint.count - 2))
        if grid.width - used > hint.count + 12 {
            grid.put(hint, x: grid.width - hint.count - 1, y: 0, style: CellStyle(foreground: theme.inactive))
        }
    }

    func drawCurves(into grid: inout CellGrid, rect: Rect) {
        let axes = (state.logX ? "log" : "lin") + "-" + (state.logY ? "log" : "lin")
        let title = "Loss curves (nats/token) · x: \(state.xAxis.rawValue) · \(axes) · \(theme.name)"
        let inner = PanelFrame.draw(in: &grid, rect: rect, title: title, frameStyle: CellStyle(foreground: theme.frame),
                                    titleStyle: CellStyle(foreground: theme.title, bold: true), glyphs: glyphs)
        let inks = RunInks(runs: study.runs, theme: theme)
        var series: [ChartSeries] = []
        var hidden = 0
        for run in study.runs {
            guard let ink = inks.inkByRun[run.id] else { continue }
            if !run.points.isEmpty && !run.supports(state.xAxis) { hidden += 1; continue }
            let points = run.points.compactMap { p in run.x(state.xAxis, at: p).map { (x: $0, y: p.loss) } }
            series.append(ChartSeries(ink: ink, points: points))
        }
        let empty = study.runs.isEmpty ? "waiting for runs (*.jsonl) to appear…"
            : hidden > 0 ? "\(hidden) runs cannot be drawn by \(state.xAxis.rawValue): press x for another axis"
            : "waiting for the first points…"
        let chart = LineChart(series: series, legend: inks.legend, xKind: state.logX ? .log10 : .linear,
                              yKind: state.logY ? .log10 : .linear,
                              xTitle: state.xAxis.rawValue == state.xAxis.unit ? state.xAxis.unit
                                  : state.xAxis.rawValue + " (\(state.xAxis.unit))",
                              yTitle: "loss",
                              emptyMessage: empty)
        chart.render(into: &grid, rect: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height),
                     style: ChartStyle(theme: theme), glyphs: glyphs)
    }

    func drawStatus(into grid: inout CellGrid, y: Int) {
        // Without a status colour (the monochrome theme) the line stands out in reverse video.
        let base = CellStyle(foreground: theme.statusForeground, background: theme.statusBackground,
                             reverse: theme.statusBackground == .terminalDefault)
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), with: Cell(" ", style: base))
        let dot = glyphs == .braille ? " · " : " | "
        var text = " \(study.runs.count) runs" + dot + "\(NumberFormat.grouped(study.pointCount)) points" + dot
        var x = grid.put(text, x: 0, y: y, style: base)
        let errors = study.issueCount
        if errors == 0 {
            text = "0 parse errors"
            x += grid.put(text, x: x, y: y, style: base)
        } else {
            let style = CellStyle(foreground: theme.error, background: theme.statusBackground, bold: true)
            x += grid.put("\(errors) parse error\(errors == 1 ? "" : "s")", x: x, y: y, style: style)
            if let first = study.issues.first {
                let more = study.issues.count > 1 ? " (+\(study.issues.count - 1) files)" : ""
                x += grid.put(": " + first.first.description + more, x: x, y: y,
                              style: CellStyle(foreground: theme.error, background: theme.statusBackground),
                              maxWidth: grid.width - x - study.followMode.count - 2)
            }
        }
        if grid.width - x > study.followMode.count + 3 {
            grid.put(study.followMode, x: grid.width - study.followMode.count - 1, y: y, style: base)
        }
    }

    func drawHelp(into grid: inout CellGrid) {
        let keyWidth = (keyHelp.map(\.key.count).max() ?? 1) + 2
        let width = min(grid.width - 2, max(30, keyWidth + (keyHelp.map(\.action.count).max() ?? 10) + 4))
        let height = min(grid.height - 2, keyHelp.count + 3)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        let panelStyle = CellStyle(foreground: theme.foreground, background: theme.statusBackground)
        grid.fill(rect, with: Cell(" ", style: panelStyle))
        let inner = PanelFrame.draw(in: &grid, rect: rect, title: "Keys",
                                    frameStyle: CellStyle(foreground: theme.highlight, background: theme.statusBackground),
                                    titleStyle: CellStyle(foreground: theme.highlight, background: theme.statusBackground, bold: true),
                                    glyphs: glyphs)
        for (i, entry) in keyHelp.enumerated() where i < inner.height - 1 {
            grid.put(entry.key, x: inner.x + 1, y: inner.y + i,
                     style: CellStyle(foreground: theme.highlight, background: theme.statusBackground, bold: true))
            grid.put(entry.action, x: inner.x + 1 + keyWidth, y: inner.y + i, style: panelStyle,
                     maxWidth: inner.width - keyWidth - 2)
        }
        grid.put("any key closes", x: inner.x + 1, y: inner.maxY - 1,
                 style: CellStyle(foreground: theme.inactive, background: theme.statusBackground), maxWidth: inner.width - 2)
    }
}
