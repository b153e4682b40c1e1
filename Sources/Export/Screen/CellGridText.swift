import Charts

/// A panel's cells as text to paste into chats, issues and READMEs: plain, ANSI-coloured or
/// HTML. Braille is kept as braille. Cells hold text that `CellGrid.put` already cleaned,
/// but a cell can be set directly, so any control character left (ESC above all, which would
/// let a run name drive the reader's terminal) is written as U+FFFD.
public enum CellGridText {
    /// The grid's `lines`, one per row, each ending in a newline.
    public static func plain(_ grid: CellGrid) -> String {
        grid.lines.map { String(String.UnicodeScalarView($0.unicodeScalars.map(visible))) + "\n" }.joined()
    }

    /// Each row with 24-bit SGR colours and bold/dim/reverse, a reset at every row's end so
    /// a truncated paste never leaves a terminal coloured. Styles are written only where
    /// they change.
    public static func ansi(_ grid: CellGrid) -> String {
        var out = ""
        for y in 0..<grid.height {
            var current: CellStyle?
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.scalar == Cell.continuation { continue }
                if cell.style != current {
                    out += sgr(cell.style)
                    current = cell.style
                }
                out.unicodeScalars.append(visible(cell.scalar))
            }
            out += "\u{1B}[0m\n"
        }
        return out
    }

    /// A standalone HTML page (also well-formed XML) holding one `<pre>`: runs of equally
    /// styled cells become `<span style=…>`, text is escaped, and `palette` gives the colours
    /// the terminal would have supplied for its defaults.
    public static func html(_ grid: CellGrid, palette: FigurePalette, title: String = "scaletop") -> String {
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head><meta charset=\"utf-8\"/>"
        out += "<title>\(XMLText.escaped(title))</title></head>\n"
        out += "<body style=\"margin:0;background:\(palette.background.hex)\">\n"
        out += "<pre style=\"margin:0;padding:1em;background:\(palette.background.hex);color:\(palette.text.hex);"
        out += "font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:13px;line-height:1.15\">"
        for y in 0..<grid.height {
            var run = ""
            var runStyle: CellStyle?
            func flush() {
                guard let style = runStyle, !run.isEmpty else { return }
                let css = spanCSS(style, palette: palette)
                out += css.isEmpty ? XMLText.escaped(run) : "<span style=\"\(css)\">\(XMLText.escaped(run))</span>"
                run = ""
            }
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.scalar == Cell.continuation { continue }
                if cell.style != runStyle { flush(); runStyle = cell.style }
                run.unicodeScalars.append(visible(cell.scalar))
            }
            flush()
            out += "\n"
        }
        out += "</pre>\n</body>\n</html>\n"
        return out
    }

    static func visible(_ s: Unicode.Scalar) -> Unicode.Scalar {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) ? "\u{FFFD}" : s
    }

    static func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.reverse { codes.append("7") }
        if case let .rgb(r, g, b) = style.foreground { codes.append("38;2;\(r);\(g);\(b)") }
        if case let .rgb(r, g, b) = style.background { codes.append("48;2;\(r);\(g);\(b)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    static func spanCSS(_ style: CellStyle, palette: FigurePalette) -> String {
        var foreground = FigureColor(style.foreground, fallback: palette.text)
        var background = FigureColor(style.background, fallback: palette.background)
        let hasBackground = style.reverse || style.background != .terminalDefault
        if style.reverse { swap(&foreground, &background) }
        var css: [String] = []
        if style.foreground != .terminalDefault || style.reverse { css.append("color:\(foreground.hex)") }
        if hasBackground { css.append("background:\(background.hex)") }
        if style.bold { css.append("font-weight:bold") }
        if style.dim { css.append("opacity:0.6") }
        return css.joined(separator: ";")
    }
}
