import ScalingLaws
import StudyAnalysis

/// The bottom line: runs by status, points, the feed's fault (a server unreachable), parse
/// errors (the first one's file:line), fit status, ingest lag and how runs are followed; or the filter being typed, or where an
/// export went.
enum StatusLine {
    static func draw(into grid: inout CellGrid, y: Int, context c: PanelContext) {
        let theme = c.theme
        // Without a status colour (the monochrome theme) the line stands out in reverse video.
        let base = CellStyle(foreground: theme.statusForeground, background: theme.statusBackground,
                             reverse: theme.statusBackground == .terminalDefault)
        let errorStyle = CellStyle(foreground: theme.error, background: theme.statusBackground, bold: true,
                                   reverse: theme.statusBackground == .terminalDefault)
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), with: Cell(" ", style: base))
        if let draft = c.state.whatIfDraft {
            var x = grid.put(" what-if: ", x: 0, y: y, style: base)
            x += grid.put(draft, x: x, y: y, style: CellStyle(foreground: theme.highlight, background: theme.statusBackground, bold: true),
                          maxWidth: grid.width - x - 2)
            grid[x, y] = Cell(c.glyphs == .braille ? "▏" : "_", style: base)
            let text = c.state.whatIfError.map { "  " + $0 } ?? "  Enter apply · Esc cancel · " + WhatIfInputs.syntax
            grid.put(text, x: x + 1, y: y, style: c.state.whatIfError == nil ? base : errorStyle, maxWidth: grid.width - x - 1)
            return
        }
        if let draft = c.state.filterDraft {
            var x = grid.put(" filter: ", x: 0, y: y, style: base)
            x += grid.put(draft, x: x, y: y, style: CellStyle(foreground: theme.highlight, background: theme.statusBackground, bold: true),
                          maxWidth: grid.width - x - 2)
            grid[x, y] = Cell(c.glyphs == .braille ? "▏" : "_", style: base)
            let help = "  Enter apply · Esc cancel · N>1e8 lr<3e-4 status=live regex"
            if let error = c.state.filterError {
                grid.put("  " + error, x: x + 1, y: y, style: errorStyle, maxWidth: grid.width - x - 1)
            } else {
                grid.put(help, x: x + 1, y: y, style: base, maxWidth: grid.width - x - 1)
            }
            return
        }
        if let notice = c.state.notice {
            grid.put(" " + notice.text, x: 0, y: y, style: notice.isError ? errorStyle : base, maxWidth: grid.width)
            return
        }
        let dot = c.dot
        // Counted in place (grouping copied every summary, 10,000 per frame).
        var counts: [RunStatus: Int] = [:]
        let summaries = c.study.summaries
        for i in summaries.indices { counts[summaries[i].status, default: 0] += 1 }
        var parts: [String] = ["\(c.study.runs.count) runs"]
        let byStatus = [RunStatus.live, .finished, .stale].compactMap { s -> String? in
            guard let n = counts[s], n > 0 else { return nil }
            return "\(n) \(s.word)"
        }
        if !byStatus.isEmpty && grid.width >= 90 { parts[0] += " (" + byStatus.joined(separator: ", ") + ")" }
        if let loading = c.study.loading {
            parts.append(loading.found == 0 ? "looking for runs…"
                         : "loading \(NumberFormat.grouped(loading.read)) of \(NumberFormat.grouped(loading.found)) runs")
        }
        if !c.state.filter.isEmpty { parts.append("filter '\(c.state.filter)': \(c.visible.count) shown") }
        parts.append("\(NumberFormat.grouped(c.study.pointCount)) points")
        var x = grid.put(" " + parts.joined(separator: dot) + dot, x: 0, y: y, style: base)
        // The feed's own fault (a tracking server gone) matters more than anything after it.
        if let alert = c.study.feedAlert {
            x += grid.put(alert, x: x, y: y, style: errorStyle, maxWidth: grid.width - x)
            x += grid.put(dot, x: x, y: y, style: base, maxWidth: grid.width - x)
        }
        // The right-hand group (fit status, lag, follow mode) gives way, from its left, to
        // the first parse error's location, which matters more.
        var right: [String] = []
        if !c.study.fitStatus.isEmpty { right.append(c.study.fitStatus) }
        if let lag = c.study.ingestLagSeconds { right.append("lag " + formatLag(lag)) }
        right.append(c.study.followMode)
        let errors = c.study.issueCount
        let errorText = errors == 0 ? "0 parse errors" : "\(errors) parse error\(errors == 1 ? "" : "s")"
        let firstIssue = errors > 0 ? c.study.issues.first.map { " (e): " + $0.first.description } ?? " (e)" : ""
        var fitFirst = !c.study.fitStatus.isEmpty
        while !right.isEmpty && grid.width - x - errorText.count - min(firstIssue.count, 50) - 2 < (right.joined(separator: dot) + " ").count {
            // The fit status gives up its tail first ("· forecasts for 200 of 900 running
            // runs …"): a whole one too long for the line took "fits: 100 finished runs" away.
            if fitFirst, let cut = right[0].range(of: " · ", options: .backwards) {
                right[0] = String(right[0][..<cut.lowerBound])
                continue
            }
            right.removeFirst()
            fitFirst = false
        }
        let rightText = right.isEmpty ? "" : right.joined(separator: dot) + " "
        if errors == 0 {
            x += grid.put(errorText, x: x, y: y, style: base)
        } else {
            x += grid.put(errorText, x: x, y: y, style: errorStyle)
            x += grid.put(firstIssue, x: x, y: y, style: CellStyle(foreground: theme.error, background: theme.statusBackground),
                          maxWidth: grid.width - x - rightText.count - 1)
        }
        if !rightText.isEmpty && grid.width - x - 1 >= rightText.count {
            grid.put(rightText, x: grid.width - rightText.count, y: y, style: base)
        }
    }

    static func formatLag(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : NumberFormat.short(seconds, digits: 2) + " s"
    }
}
