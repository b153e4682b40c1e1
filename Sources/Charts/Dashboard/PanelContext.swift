import RunIngest
import StudyAnalysis

/// Everything a panel draws from, prepared once per frame by `DashboardView`.
public struct PanelContext {
    public var study: StudyView
    public var state: DashboardState
    public var theme: Theme
    public var glyphs: GlyphSet
    public var inks: RunInks
    /// The runs that pass the filter, in the runs table's order (with their summaries).
    public var visible: VisibleRuns
    public var curveCache: CurveCache

    var chartStyle: ChartStyle { ChartStyle(theme: theme) }
    var dot: String { glyphs == .braille ? " · " : " | " }

    /// The selected run if it is visible, else none.
    var selected: (run: Run, summary: RunSummary)? {
        guard let id = state.selectedRunID else { return nil }
        return visible.indices.first { visible.runID(at: $0) == id }.map { visible[$0] }
    }

    func frame(_ grid: inout CellGrid, _ rect: Rect, panel: DashboardPanel, title: String) -> Rect {
        let focused = state.focus == panel
        let number = glyphs == .braille ? "\(panel.rawValue + 1)·" : "\(panel.rawValue + 1) "
        return PanelFrame.draw(in: &grid, rect: rect, title: number + title,
                               frameStyle: CellStyle(foreground: focused ? theme.highlight : theme.frame),
                               titleStyle: CellStyle(foreground: focused ? theme.highlight : theme.title, bold: true),
                               glyphs: glyphs)
    }

    /// A message in the middle of a panel (waiting for data, why a fit is missing).
    func message(_ grid: inout CellGrid, _ rect: Rect, _ text: String) {
        let lines = wrap(text, width: max(1, rect.width - 2))
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            grid.put(line, x: rect.x + max(0, (rect.width - line.count) / 2), y: top + i,
                     style: CellStyle(foreground: theme.inactive), maxWidth: rect.width)
        }
    }

    func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in SafeText.sanitize(text).split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
