import ScalingLaws
import StudyAnalysis

/// The runs table: name, N, tokens so far of planned, last loss, status and parse errors,
/// sorted and grouped as chosen, the selected run highlighted.
enum RunsTablePanel {
    static func draw(into grid: inout CellGrid, rect: Rect, context c: PanelContext) {
        let state = c.state
        var title = "\(DashboardPanel.runs.title) (\(c.visible.count)"
        if c.visible.count != c.study.runs.count { title += " of \(c.study.runs.count)" }
        title += ") · by \(state.sortKey.rawValue)\(state.sortDescending ? " ↓" : "")"
        if state.grouping != .none { title += " · per \(state.grouping.rawValue)" }
        let inner = c.frame(&grid, rect, panel: .runs, title: title)
        guard inner.width >= 10, inner.height >= 2 else { return }
        if c.visible.isEmpty {
            c.message(&grid, inner, c.study.runs.isEmpty ? "no runs yet" : "no run matches '\(state.filter)'")
            return
        }
        // Names without the folder every run shares ("olmo-ladder/"), which the title shows.
        // Fields read in place: `summary(at:)` copies a whole summary, 10,000 per frame.
        let fullNames = c.visible.order.map { c.visible.summaries[$0].name }
        let prefix = sharedFolder(fullNames)
        let names = fullNames.map { String($0.dropFirst(prefix.count)) }
        // The name takes what the columns leave; columns drop from the right (errors first)
        // until the name has room for most names, and a longer one is shortened in the
        // middle (runs of one study differ at their ends).
        // The status column as wide as the widest word it shows ("waiting" only when a run waits).
        let statusWidth = max(6, c.visible.order.lazy.map { c.visible.summaries[$0].status.word.count }.max() ?? 0)
        let columns: [(title: String, width: Int)] = [("N", 6), ("tokens", 15), ("loss", 6), ("status", statusWidth), ("forecast", 11), ("err", 4)]
        let wanted = min(names.map(SafeText.width).max() ?? 0, nameRoom)
        var shown = columns
        for dropped in ["err", "forecast", "status", "loss", "tokens", "N"]
        where inner.width - 1 - shown.reduce(0, { $0 + $1.width + 1 }) < max(wanted, 6) {
            shown.removeAll { $0.title == dropped }
        }
        let nameWidth = inner.width - 1 - shown.reduce(0) { $0 + $1.width + 1 }
        let header = CellStyle(foreground: c.theme.inactive, bold: true)
        var x = inner.x + 1
        x += grid.put(pad("run", nameWidth), x: x, y: inner.y, style: header) + 1
        for col in shown { x += grid.put(padLeft(col.title, col.width), x: x, y: inner.y, style: header) + 1 }

        // Rows, with group headers; scrolled so the selected run is visible.
        let (lines, scroll) = tableLines(context: c, capacity: inner.height - 1)
        let capacity = inner.height - 1
        for (offset, line) in lines.dropFirst(scroll).prefix(capacity).enumerated() {
            let y = inner.y + 1 + offset
            if let text = line.text {
                grid.put(text, x: inner.x + 1, y: y, style: CellStyle(foreground: c.theme.title, bold: true), maxWidth: inner.width - 1)
                continue
            }
            let (run, s) = c.visible[line.row!]
            let selected = run.id == state.selectedRunID
            let base = CellStyle(foreground: c.theme.foreground, reverse: selected)
            if selected { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", style: base)) }
            let ink = c.inks.inkByRun[run.id]
            grid[inner.x, y] = Cell(ink?.marker ?? " ", style: ink.map { CellStyle(foreground: $0.style.foreground, reverse: selected) } ?? base)
            var x = inner.x + 1
            x += grid.put(pad(SafeText.shortened(names[line.row!], toWidth: nameWidth), nameWidth), x: x, y: y, style: base,
                          maxWidth: nameWidth) + 1
            for col in shown {
                let (text, style) = cell(col.title, s, base: base, context: c)
                x += grid.put(padLeft(text, col.width), x: x, y: y, style: style, maxWidth: col.width) + 1
            }
        }
        if lines.count > capacity {
            let more = "\(scroll + 1)–\(min(lines.count, scroll + capacity))/\(lines.count)"
            grid.put(more, x: inner.maxX - more.count, y: inner.maxY, style: CellStyle(foreground: c.theme.inactive))
        }
    }

    /// The table's lines (a group header's text, or the index of a visible run) and the first
    /// one shown, scrolled so the selected run is visible in `capacity` rows.
    static func tableLines(context c: PanelContext, capacity: Int) -> (lines: [(text: String?, row: Int?)], scroll: Int) {
        let state = c.state
        var lines: [(text: String?, row: Int?)] = []
        var lastGroup: String?
        for i in c.visible.indices {
            let g = state.grouping == .none ? "" : RunOrdering.group(of: c.visible.summary(at: i), by: state.grouping).label
            if state.grouping != .none && g != lastGroup { lines.append((g, nil)); lastGroup = g }
            lines.append((nil, i))
        }
        let selectedLine = lines.firstIndex { $0.row.map { c.visible.runID(at: $0) == state.selectedRunID } ?? false }
        var scroll = min(max(0, state.tableScroll), max(0, lines.count - capacity))
        if let s = selectedLine {
            if s < scroll { scroll = s }
            if s >= scroll + capacity { scroll = s - capacity + 1 }
        }
        return (lines, scroll)
    }

    /// The run on screen row `y` of the table drawn in `rect`, if a run's row is there.
    static func runID(atY y: Int, rect: Rect, context c: PanelContext) -> String? {
        let inner = rect.inset(by: 1)
        guard inner.width >= 10, inner.height >= 2, y > inner.y, y < inner.maxY else { return nil }
        let (lines, scroll) = tableLines(context: c, capacity: inner.height - 1)
        let index = scroll + (y - inner.y - 1)
        guard index < lines.count, let row = lines[index].row else { return nil }
        return c.visible.runID(at: row)
    }

    static func cell(_ column: String, _ s: RunSummary, base: CellStyle, context c: PanelContext) -> (String, CellStyle) {
        switch column {
        case "N":
            return (s.parameters.map { NumberFormat.short($0) } ?? "?", base)
        case "tokens":
            let done = s.tokens.map { NumberFormat.short($0) } ?? (s.lastStep.map { "step \($0)" } ?? "–")
            guard let planned = s.plannedTokens, let t = s.tokens, planned > 0 else { return (done, base) }
            // A finished run needs no percentage; a running one shows how far it is.
            let percent = t >= 0.995 * planned ? "" : " \(Int((100 * t / planned).rounded(.down)))%"
            return ("\(done)/\(NumberFormat.short(planned))" + percent, base)
        case "loss":
            return (s.lastLoss.map { NumberFormat.fixed($0, decimals: 3) } ?? "–", base)
        case "status":
            var style = base
            switch s.status {
            case .live: style.foreground = c.theme.highlight
            case .stale: style.foreground = c.theme.error
            case .finished, .waiting: break
            }
            return (s.status.word, style)
        case "forecast":
            guard s.status != .finished, let f = c.study.forecasts[s.id] else { return ("", base) }
            guard let final = f.forecast else {
                var style = base
                style.foreground = c.theme.inactive
                return (f.reason?.contains("planned end") == true ? "no end" : "too early", style)
            }
            // The final loss and the half-width of its 80% interval; ! when it will end up
            // clearly above the frontier.
            let half = (final.interval.upperBound - final.interval.lowerBound) / 2
            var style = base
            // Dim when the schedule after the last point is unknown and the interval also
            // covers a cooldown that may not come.
            if final.knowledge.isWidened { style.foreground = c.theme.inactive }
            if f.offFrontier { style.foreground = c.theme.error; style.bold = true }
            // "±.011": the half-width without its leading zero, to fit the column.
            var spread = NumberFormat.fixed(half, decimals: 3)
            if spread.hasPrefix("0.") { spread.removeFirst() }
            return (NumberFormat.fixed(final.finalLoss, decimals: 3) + "±" + spread + (f.offFrontier ? "!" : ""), style)
        default:
            guard s.issueCount > 0 else { return ("", base) }
            var style = base
            style.foreground = c.theme.error
            style.bold = true
            return ("\(s.issueCount)", style)
        }
    }

    /// The longest folder prefix (ending in "/") shared by every name, if it leaves each
    /// name non-empty.
    static func sharedFolder(_ names: [String]) -> String {
        guard var prefix = names.first, names.count > 1 else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        guard let slash = prefix.lastIndex(of: "/") else { return "" }
        return String(prefix[...slash])
    }

    /// Cells the name column asks for before columns give way: most names fit whole.
    static let nameRoom = 18

    static func pad(_ text: String, _ width: Int) -> String {
        let clean = SafeText.sanitize(text)
        let cells = SafeText.width(clean)
        return cells >= width ? clean : clean + String(repeating: " ", count: width - cells)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
