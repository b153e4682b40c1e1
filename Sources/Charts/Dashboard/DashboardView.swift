import RunIngest
import ScalingLaws
import StudyAnalysis

/// The whole screen as a cell grid: a header, the panels `DashboardLayout` places for the
/// terminal's size, the status line, and the help or error overlay when asked for. Pure
/// apart from `CurveCache` (a memo of drawn coordinates that changes no output): the same
/// inputs give the same cells, which is what the snapshot tests compare.
public struct DashboardView {
    public var study: StudyView
    public var state: DashboardState
    public var theme: Theme
    public var glyphs: GlyphSet
    /// Key and what it does, shown by `?` (owned by the terminal's key bindings).
    public var keyHelp: [(key: String, action: String)]
    public var curveCache: CurveCache
    public var inksMemo: RunInksMemo

    public init(study: StudyView, state: DashboardState, theme: Theme, glyphs: GlyphSet,
                keyHelp: [(key: String, action: String)], curveCache: CurveCache = CurveCache(),
                inksMemo: RunInksMemo = RunInksMemo()) {
        self.study = study
        self.state = state
        self.theme = theme
        self.glyphs = glyphs
        self.keyHelp = keyHelp
        self.curveCache = curveCache
        self.inksMemo = inksMemo
    }

    /// The runs that pass the filter, in table order. `previous`: the order last worked out
    /// (places), kept when it is still the order (see `RunOrdering.order`).
    public static func visibleRuns(_ study: StudyView, state: DashboardState, previous: [Int]? = nil) -> VisibleRuns {
        let filter = state.runFilter
        // Runs and summaries pair up by place (a study made with fewer summaries shows fewer rows).
        let count = min(study.runs.count, study.summaries.count)
        let rows = filter.isEmpty ? Array(0..<count) : (0..<count).filter { filter.matches(study.summaries[$0]) }
        return VisibleRuns(runs: study.runs, summaries: study.summaries,
                           order: RunOrdering.order(rows, summaries: study.summaries, state: state, previous: previous))
    }

    public func render(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height, fill: Cell(" ", style: CellStyle(background: theme.background)))
        guard width >= 20, height >= 6 else {
            grid.put("scaletop: enlarge the window (\(width)×\(height))", x: 0, y: 0,
                     style: CellStyle(foreground: theme.foreground), maxWidth: width)
            return glyphs == .ascii ? grid.asciiFolded() : grid
        }
        let context = panelContext()
        drawHeader(into: &grid)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        for (panel, rect) in DashboardLayout.panels(in: body, focus: state.focus, zoomed: state.zoomed) {
            switch panel {
            case .curves: CurvesPanel.draw(into: &grid, rect: rect, context: context)
            case .runs: RunsTablePanel.draw(into: &grid, rect: rect, context: context)
            case .isoFLOP: IsoFLOPPanel.draw(into: &grid, rect: rect, context: context)
            case .frontier: FrontierPanel.draw(into: &grid, rect: rect, context: context)
            case .whatIf: WhatIfPanel.draw(into: &grid, rect: rect, context: context)
            }
        }
        StatusLine.draw(into: &grid, y: height - 1, context: context)
        if state.showErrors { Overlays.errors(into: &grid, context: context) }
        if state.showHelp { Overlays.help(into: &grid, keyHelp: keyHelp, context: context) }
        return glyphs == .ascii ? grid.asciiFolded() : grid
    }

    /// What every panel draws from; exports build the panels' charts from it too.
    public func panelContext() -> PanelContext {
        PanelContext(study: study, state: state, theme: theme, glyphs: glyphs, inks: inksMemo.inks(runs: study.runs, theme: theme),
                     visible: study.visibleRows ?? DashboardView.visibleRuns(study, state: state), curveCache: curveCache)
    }

    /// The title, the panel tabs (the focused one highlighted) and a hint.
    func drawHeader(into grid: inout CellGrid) {
        let style = CellStyle(foreground: theme.title, bold: true)
        var x = grid.put(" scaletop ", x: 0, y: 0, style: style)
        if grid.width >= 70 {
            for panel in DashboardPanel.allCases {
                let focused = panel == state.focus
                let label = " \(panel.rawValue + 1) \(panel.title) "
                x += grid.put(label, x: x, y: 0, style: CellStyle(foreground: focused ? theme.highlight : theme.inactive,
                                                                  bold: focused, reverse: focused && theme.highlight == .terminalDefault))
            }
            x += 1
        }
        let hint = "\(theme.name) · ? help  q quit"
        let room = grid.width - x - hint.count - 2
        if room > 6 {
            grid.put(study.title, x: x, y: 0, style: CellStyle(foreground: theme.inactive), maxWidth: room)
            grid.put(hint, x: grid.width - hint.count - 1, y: 0, style: CellStyle(foreground: theme.inactive))
        } else if grid.width - x > 4 {
            grid.put(study.title, x: x, y: 0, style: CellStyle(foreground: theme.inactive), maxWidth: grid.width - x)
        }
    }
}
