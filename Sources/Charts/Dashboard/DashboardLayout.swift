/// Where each panel goes for a terminal size. Panels drop out as the screen shrinks, the
/// least needed first: what-if, then the runs table, then IsoFLOP and the frontier, until
/// only the focused panel is left (from 40×12 down). A focused panel that has dropped out
/// is shown alone, as if zoomed.
public enum DashboardLayout {
    /// The panels shown and their rectangles inside `body` (the rows between the header
    /// and the status line).
    public static func panels(in body: Rect, focus: DashboardPanel, zoomed: Bool) -> [(DashboardPanel, Rect)] {
        let shown = arrangement(for: body)
        if zoomed || !shown.contains(where: { $0.0 == focus }) {
            return [(focus, body)]
        }
        return shown
    }

    static func arrangement(for body: Rect) -> [(DashboardPanel, Rect)] {
        let (w, h) = (body.width, body.height)
        if w >= 120 && h >= 30 {
            // Curves and runs on top; IsoFLOP, frontier and what-if below.
            let topHeight = h * 11 / 20
            let runsWidth = min(62, w * 2 / 5)
            let top = Rect(x: body.x, y: body.y, width: w - runsWidth, height: topHeight)
            let runs = Rect(x: top.maxX, y: body.y, width: runsWidth, height: topHeight)
            let bottomY = body.y + topHeight, bottomHeight = h - topHeight
            let whatIfWidth = min(46, w / 4)
            let chartsWidth = (w - whatIfWidth) / 2
            return [(.curves, top), (.runs, runs),
                    (.isoFLOP, Rect(x: body.x, y: bottomY, width: chartsWidth, height: bottomHeight)),
                    (.frontier, Rect(x: body.x + chartsWidth, y: bottomY, width: chartsWidth, height: bottomHeight)),
                    (.whatIf, Rect(x: body.x + 2 * chartsWidth, y: bottomY, width: w - 2 * chartsWidth, height: bottomHeight))]
        }
        if w >= 90 && h >= 24 {
            let topHeight = h / 2
            let runsWidth = w * 2 / 5
            let half = w / 2
            return [(.curves, Rect(x: body.x, y: body.y, width: w - runsWidth, height: topHeight)),
                    (.runs, Rect(x: body.x + w - runsWidth, y: body.y, width: runsWidth, height: topHeight)),
                    (.isoFLOP, Rect(x: body.x, y: body.y + topHeight, width: half, height: h - topHeight)),
                    (.frontier, Rect(x: body.x + half, y: body.y + topHeight, width: w - half, height: h - topHeight))]
        }
        if w >= 70 && h >= 20 {
            let topHeight = h * 3 / 5
            let half = w / 2
            return [(.curves, Rect(x: body.x, y: body.y, width: w, height: topHeight)),
                    (.isoFLOP, Rect(x: body.x, y: body.y + topHeight, width: half, height: h - topHeight)),
                    (.frontier, Rect(x: body.x + half, y: body.y + topHeight, width: w - half, height: h - topHeight))]
        }
        return [(.curves, body)]
    }
}
