import RunIngest
import StudyAnalysis

/// The frontier panel's drawn cells kept from the last frame, with what they were drawn from.
/// Why: between two refits an appended line changes nothing this panel draws when it draws no
/// run's curve, yet redrawing it (10,000 markers, their logs, and the walk that matches the
/// fit's points to the visible runs) was 14% of an appended line's CPU at 10,000 runs (perf,
/// issue 16). Kept only when no faint curve is drawn (more than `FrontierPanel.curvesUpTo`
/// runs visible): curves change with every line.
///
/// Used from the UI thread only (not Sendable).
public final class FrontierPanelMemo {
    private struct Look: Equatable {
        var rect: Rect
        var theme: Theme
        var glyphs: GlyphSet
        var logX: Bool
        var logY: Bool
        var points: [StudyFits.Frontier.Point]
        var nonDominated: [Int]
        var lawCurve: [BandSample]
        var exponentInterval: ClosedRange<Double>?
        var lawMessage: String?
        /// Which places are visible (not their order: the panel draws the fit's points in
        /// its own order, and the table's order moves as losses change).
        var visible: [Bool]
    }

    private var look: Look?
    /// The visible runs' ids by place when the cells were drawn (the fit's points are matched
    /// to runs by id).
    private var ids: [String] = []
    private var cells: [Cell] = []
    /// Frames drawn from the kept cells, for tests.
    private(set) var reused = 0

    public init() {}

    private static func mask(_ visible: VisibleRuns) -> [Bool] {
        var mask = Array(repeating: false, count: visible.runs.count)
        for place in visible.order { mask[place] = true }
        return mask
    }

    /// The panel's cells in `rect` as `draw` would draw them now, drawing only when what they
    /// depend on changed.
    func draw(into grid: inout CellGrid, rect: Rect, context c: PanelContext, _ draw: (inout CellGrid) -> Void) {
        let frontier = c.study.fits.frontier
        guard c.visible.count > FrontierPanel.curvesUpTo else { look = nil; draw(&grid); return }
        let now = Look(rect: rect, theme: c.theme, glyphs: c.glyphs, logX: c.state.logX, logY: c.state.logY,
                       points: frontier.points, nonDominated: frontier.nonDominated, lawCurve: frontier.lawCurve,
                       exponentInterval: frontier.exponentInterval, lawMessage: frontier.law.message,
                       visible: Self.mask(c.visible))
        let runs = c.visible.runs
        let sameRuns = runs.count == ids.count && runs.withUnsafeBufferPointer { runs in
            runs.indices.allSatisfy { runs[$0].id == ids[$0] }
        }
        if sameRuns, now == look {
            var i = 0
            for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX { grid[x, y] = cells[i]; i += 1 } }
            reused += 1
            return
        }
        draw(&grid)
        look = now
        ids = runs.map(\.id)
        cells = []
        cells.reserveCapacity(rect.width * rect.height)
        for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX { cells.append(grid[x, y]) } }
    }
}
