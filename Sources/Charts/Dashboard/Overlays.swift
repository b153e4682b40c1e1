import RunIngest

/// Boxes drawn over the panels: the key help (`?`) and the parse errors with file:line (`e`).
enum Overlays {
    static func help(into grid: inout CellGrid, keyHelp: [(key: String, action: String)], context c: PanelContext) {
        let keyWidth = (keyHelp.map(\.key.count).max() ?? 1) + 2
        let width = min(grid.width - 2, max(30, keyWidth + (keyHelp.map(\.action.count).max() ?? 10) + 4))
        let lines = keyHelp.map { (key: $0.key, text: $0.action) }
        box(into: &grid, title: "Keys", lines: lines, keyWidth: keyWidth, width: width, footer: "any key closes", context: c)
    }

    static func errors(into grid: inout CellGrid, context c: PanelContext) {
        var lines: [(key: String, text: String)] = []
        for file in c.study.issues {
            lines.append((key: "\(file.count)×", text: file.first.description))
            if file.count > 1 && file.latest != file.first { lines.append((key: "", text: "latest: " + file.latest.description)) }
        }
        if lines.isEmpty { lines = [(key: "", text: "no parse errors: every line of every file was understood")] }
        let keyWidth = (lines.map(\.key.count).max() ?? 1) + 2
        box(into: &grid, title: "Parse errors (\(c.study.issueCount) in \(c.study.issues.count) files)", lines: lines,
            keyWidth: keyWidth, width: grid.width - 4, footer: "e or Esc closes", context: c)
    }

    static func box(into grid: inout CellGrid, title: String, lines: [(key: String, text: String)], keyWidth: Int,
                    width: Int, footer: String, context c: PanelContext) {
        let theme = c.theme
        let height = min(grid.height - 2, lines.count + 3)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        let panelStyle = CellStyle(foreground: theme.foreground, background: theme.statusBackground)
        grid.fill(rect, with: Cell(" ", style: panelStyle))
        let inner = PanelFrame.draw(in: &grid, rect: rect, title: title,
                                    frameStyle: CellStyle(foreground: theme.highlight, background: theme.statusBackground),
                                    titleStyle: CellStyle(foreground: theme.highlight, background: theme.statusBackground, bold: true),
                                    glyphs: c.glyphs)
        let capacity = inner.height - 1
        for (i, entry) in lines.enumerated() where i < capacity {
            if i == capacity - 1 && lines.count > capacity {
                grid.put("… \(lines.count - i) more", x: inner.x + 1, y: inner.y + i, style: panelStyle)
                break
            }
            grid.put(entry.key, x: inner.x + 1, y: inner.y + i,
                     style: CellStyle(foreground: theme.highlight, background: theme.statusBackground, bold: true))
            grid.put(entry.text, x: inner.x + 1 + keyWidth, y: inner.y + i, style: panelStyle,
                     maxWidth: inner.width - keyWidth - 2)
        }
        grid.put(footer, x: inner.x + 1, y: inner.maxY - 1,
                 style: CellStyle(foreground: theme.inactive, background: theme.statusBackground), maxWidth: inner.width - 2)
    }
}
