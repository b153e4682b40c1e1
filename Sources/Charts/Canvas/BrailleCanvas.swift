/// The ink a series paints with. On a cell where several series meet, the highest
/// `layer` wins (the focused run is painted on top), then the last painted.
public struct Ink: Sendable, Hashable {
    public var style: CellStyle
    /// Drawn instead of braille when the terminal cannot show it (ASCII fallback), and so
    /// that runs differ by more than colour.
    public var marker: Unicode.Scalar
    public var layer: Int

    public init(style: CellStyle, marker: Unicode.Scalar = "*", layer: Int = 0) {
        self.style = style
        self.marker = marker
        self.layer = layer
    }
}

/// Which glyphs dots become.
public enum GlyphSet: Sendable, Equatable {
    /// 2×4 braille dots per cell (needs a UTF-8 locale and a font with braille).
    case braille
    /// One marker per cell, plain ASCII box characters.
    case ascii
}

/// A dot canvas of 2×4 dots per cell (Unicode braille, U+2800 + dot bits).
public struct BrailleCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    private var bits: [UInt8]
    private var inks: [Ink?]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        inks = Array(repeating: nil, count: self.columns * self.rows)
    }

    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    /// Braille dot numbering: left column dots 1,2,3,7; right column 4,5,6,8.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Set the dot at (x, y), y = 0 at the top. Dots outside the canvas are ignored.
    public mutating func set(_ x: Int, _ y: Int, ink: Ink) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= BrailleCanvas.dotBits[x % 2][y % 4]
        if let current = inks[cell], current.layer > ink.layer { return }
        inks[cell] = ink
    }

    /// A straight line between two dots (Bresenham), clipped to the canvas.
    public mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), ink: Ink) {
        BrailleCanvas.walkLine(from: a, to: b, dotWidth: dotWidth, dotHeight: dotHeight) { set($0, $1, ink: ink) }
    }

    /// The dots of the line from `a` to `b` (Bresenham), for a canvas of this many dots:
    /// clipped cheaply (nothing when both ends lie on the same outer side) and at most a
    /// canvas' worth of steps past the canvas. `set` ignores dots outside.
    static func walkLine(from a: (x: Int, y: Int), to b: (x: Int, y: Int), dotWidth: Int, dotHeight: Int,
                         _ dot: (Int, Int) -> Void) {
        if (a.x < 0 && b.x < 0) || (a.y < 0 && b.y < 0) || (a.x >= dotWidth && b.x >= dotWidth)
            || (a.y >= dotHeight && b.y >= dotHeight) { return }
        var x = a.x, y = a.y
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var error = dx + dy
        var steps = 0
        let limit = 4 * (dotWidth + dotHeight) + dx - dy
        while steps <= limit {
            dot(x, y)
            if x == b.x && y == b.y { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
            steps += 1
        }
    }

    /// The cell and dot bit of dot (x, y), nil outside the canvas.
    func cellBit(_ x: Int, _ y: Int) -> (cell: Int, bit: UInt8)? {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return nil }
        return ((y / 4) * columns + x / 2, BrailleCanvas.dotBits[x % 2][y % 4])
    }

    /// Paint dots kept as (cell << 8 | bits), all in one ink: the same cells and inks as
    /// setting each dot in turn.
    mutating func paint(_ cells: [UInt32], ink: Ink) {
        for packed in cells {
            let cell = Int(packed >> 8)
            guard cell < bits.count else { continue }
            bits[cell] |= UInt8(truncatingIfNeeded: packed)
            if let current = inks[cell], current.layer > ink.layer { continue }
            inks[cell] = ink
        }
    }

    /// The painted cells (cell index << 8 | dot bits, in cell order) with their inks: what
    /// `paint(_:)` paints onto another canvas.
    func painted() -> PaintedCells {
        var out = PaintedCells()
        for i in bits.indices where bits[i] != 0 {
            guard let ink = inks[i] else { continue }
            out.cells.append(UInt32(i) << 8 | UInt32(bits[i]))
            out.inks.append(ink)
        }
        return out
    }

    /// Paint another canvas' painted cells over this one's: the same cells and inks as
    /// painting onto this canvas what was painted onto that one. Why it is exact: a cell
    /// ends with the last ink of the highest layer painted on it, and the other canvas'
    /// ink is the last of its highest layer, so it wins here unless this cell's layer is
    /// higher, which is `paint`'s rule.
    mutating func paint(_ painted: PaintedCells) {
        for (k, packed) in painted.cells.enumerated() {
            let cell = Int(packed >> 8)
            guard cell < bits.count else { continue }
            bits[cell] |= UInt8(truncatingIfNeeded: packed)
            if let current = inks[cell], current.layer > painted.inks[k].layer { continue }
            inks[cell] = painted.inks[k]
        }
    }

    /// Copy the painted cells into `grid` with the canvas' top-left at (x, y). Unpainted
    /// cells are left as they are, so axes and labels drawn first stay visible.
    public func render(into grid: inout CellGrid, x: Int, y: Int, glyphs: GlyphSet = .braille) {
        for row in 0..<rows {
            for column in 0..<columns {
                let i = row * columns + column
                guard bits[i] != 0, let ink = inks[i] else { continue }
                let scalar: Unicode.Scalar
                switch glyphs {
                case .braille: scalar = Unicode.Scalar(0x2800 + UInt32(bits[i]))!
                case .ascii: scalar = ink.marker
                }
                grid[x + column, y + row] = Cell(scalar, style: ink.style)
            }
        }
    }
}

/// A canvas' painted cells and their inks, apart from the canvas (`BrailleCanvas.painted`).
struct PaintedCells {
    var cells: [UInt32] = []
    var inks: [Ink] = []
}

extension BrailleCanvas {
    /// A line with every other pair of dots left out, for fitted and forecast curves that
    /// must read as different from the data they are drawn over.
    public mutating func dashedLine(from a: (x: Int, y: Int), to b: (x: Int, y: Int), ink: Ink) {
        let steps = max(abs(b.x - a.x), abs(b.y - a.y))
        guard steps > 0 else { set(a.x, a.y, ink: ink); return }
        // The phase comes from the dot's position, not the segment, so a curve made of many
        // short segments still reads as dashes.
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            let x = a.x + Int((Double(b.x - a.x) * t).rounded()), y = a.y + Int((Double(b.y - a.y) * t).rounded())
            if ((x + y) / 2) % 2 == 0 { set(x, y, ink: ink) }
        }
    }
}
