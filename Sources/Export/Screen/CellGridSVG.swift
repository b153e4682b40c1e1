import Charts

/// A panel's cells as an SVG picture that looks the same in every viewer: braille dots are
/// drawn as circles and box-drawing lines as strokes, not as font glyphs (terminal SVG
/// exporters misalign borders when the viewer's font differs: Textualize/rich#2279,
/// tamboui#415), and every other character is placed at its own cell's x.
public enum CellGridSVG {
    /// Cell size in points: a 0.6 em wide, 1.2 em tall monospace cell at 12 pt.
    static let cellWidth = 7.2
    static let cellHeight = 14.4
    static let fontSize = 12.0

    public static func render(_ grid: CellGrid, palette: FigurePalette) -> String {
        let surface = SVGSurface(fontFamily: "'DejaVu Sans Mono', Menlo, Consolas, monospace")
        let width = Double(grid.width) * cellWidth, height = Double(grid.height) * cellHeight
        surface.begin(width: width, height: height, background: palette.background)
        for y in 0..<grid.height {
            // Backgrounds first, one rectangle per run of equal colour.
            var x = 0
            while x < grid.width {
                let bg = colors(grid[x, y].style, palette).background
                var end = x + 1
                while end < grid.width && colors(grid[end, y].style, palette).background == bg { end += 1 }
                if bg != palette.background {
                    surface.fill(.rectangle(VectorRect(x: Double(x) * cellWidth, y: Double(y) * cellHeight,
                                                       width: Double(end - x) * cellWidth, height: cellHeight)),
                                 style: FillStyle(color: bg))
                }
                x = end
            }
            var dots: [FigureColor: VectorPath] = [:]
            var strokes: [FigureColor: VectorPath] = [:]
            for x in 0..<grid.width {
                let cell = grid[x, y]
                let origin = VectorPoint(Double(x) * cellWidth, Double(y) * cellHeight)
                let fg = colors(cell.style, palette).foreground
                let value = cell.scalar.value
                if (0x2801...0x28FF).contains(value) {
                    dots[fg, default: VectorPath()].append(brailleDots(UInt8(value - 0x2800), at: origin))
                } else if let lines = boxLines(cell.scalar, at: origin) {
                    strokes[fg, default: VectorPath()].append(lines)
                } else if cell.scalar != " " && cell.scalar != Cell.continuation && value != 0x2800 {
                    let scalar = CellGridText.visible(cell.scalar)
                    surface.text(String(Character(scalar)), at: VectorPoint(origin.x, origin.y + cellHeight * 0.78),
                                 style: TextStyle(size: fontSize, bold: cell.style.bold, color: fg))
                }
            }
            for (color, path) in dots.sorted(by: { $0.key.hex < $1.key.hex }) { surface.fill(path, style: FillStyle(color: color)) }
            for (color, path) in strokes.sorted(by: { $0.key.hex < $1.key.hex }) {
                surface.stroke(path, style: StrokeStyle(color: color, width: 1))
            }
        }
        surface.end()
        return surface.document
    }

    static func colors(_ style: CellStyle, _ palette: FigurePalette) -> (foreground: FigureColor, background: FigureColor) {
        var fg = FigureColor(style.foreground, fallback: palette.text)
        var bg = FigureColor(style.background, fallback: palette.background)
        if style.reverse { swap(&fg, &bg) }
        if style.dim { fg = fg.mixed(with: bg, 0.4) }
        return (fg, bg)
    }

    /// Braille bit order: dots 1-3 down the left column (bits 0-2), 4-6 down the right
    /// (bits 3-5), 7 and 8 at the bottom left and right (bits 6, 7).
    static func brailleDots(_ bits: UInt8, at origin: VectorPoint) -> VectorPath {
        let positions: [(Int, Int)] = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]
        var path = VectorPath()
        for (bit, (column, row)) in positions.enumerated() where bits & (1 << bit) != 0 {
            path.addCircle(center: VectorPoint(origin.x + cellWidth * (0.3 + 0.4 * Double(column)),
                                               origin.y + cellHeight * (0.14 + 0.24 * Double(row))),
                           radius: cellWidth * 0.13)
        }
        return path
    }

    /// Light and heavy box-drawing characters as strokes through the cell's middle.
    static func boxLines(_ scalar: Unicode.Scalar, at o: VectorPoint) -> VectorPath? {
        // Which of left, right, up, down the character connects.
        let arms: [Unicode.Scalar: (l: Bool, r: Bool, u: Bool, d: Bool)] = [
            "─": (true, true, false, false), "━": (true, true, false, false), "│": (false, false, true, true),
            "┃": (false, false, true, true), "┌": (false, true, false, true), "╭": (false, true, false, true),
            "┐": (true, false, false, true), "╮": (true, false, false, true), "└": (false, true, true, false),
            "╰": (false, true, true, false), "┘": (true, false, true, false), "╯": (true, false, true, false),
            "├": (false, true, true, true), "┤": (true, false, true, true), "┬": (true, true, false, true),
            "┴": (true, true, true, false), "┼": (true, true, true, true),
        ]
        guard let a = arms[scalar] else { return nil }
        let c = VectorPoint(o.x + cellWidth / 2, o.y + cellHeight / 2)
        var path = VectorPath()
        if a.l || a.r {
            path.append(.polyline([VectorPoint(a.l ? o.x : c.x, c.y), VectorPoint(a.r ? o.x + cellWidth : c.x, c.y)]))
        }
        if a.u || a.d {
            path.append(.polyline([VectorPoint(c.x, a.u ? o.y : c.y), VectorPoint(c.x, a.d ? o.y + cellHeight : c.y)]))
        }
        return path
    }
}
