/// A panel's border with its title in the top edge (rounded corners; ASCII when the
/// terminal cannot draw box characters).
public enum PanelFrame {
    /// Draw the frame and return the inner rectangle.
    @discardableResult
    public static func draw(in grid: inout CellGrid, rect: Rect, title: String, frameStyle: CellStyle,
                            titleStyle: CellStyle, glyphs: GlyphSet) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let b = glyphs == .braille ? ("╭", "╮", "╰", "╯", "─", "│") : ("+", "+", "+", "+", "-", "|")
        for x in rect.x..<rect.maxX {
            grid[x, rect.y] = Cell(Unicode.Scalar(b.4)!, style: frameStyle)
            grid[x, rect.maxY - 1] = Cell(Unicode.Scalar(b.4)!, style: frameStyle)
        }
        for y in rect.y..<rect.maxY {
            grid[rect.x, y] = Cell(Unicode.Scalar(b.5)!, style: frameStyle)
            grid[rect.maxX - 1, y] = Cell(Unicode.Scalar(b.5)!, style: frameStyle)
        }
        grid[rect.x, rect.y] = Cell(Unicode.Scalar(b.0)!, style: frameStyle)
        grid[rect.maxX - 1, rect.y] = Cell(Unicode.Scalar(b.1)!, style: frameStyle)
        grid[rect.x, rect.maxY - 1] = Cell(Unicode.Scalar(b.2)!, style: frameStyle)
        grid[rect.maxX - 1, rect.maxY - 1] = Cell(Unicode.Scalar(b.3)!, style: frameStyle)
        if rect.width > 6 {
            grid.put(" " + title + " ", x: rect.x + 2, y: rect.y, style: titleStyle, maxWidth: rect.width - 4)
        }
        return rect.inset(by: 1)
    }
}
