/// One character cell: a scalar and its style. A double-width scalar is followed by a
/// continuation cell (scalar NUL) that the terminal skips.
public struct Cell: Sendable, Hashable {
    public var scalar: Unicode.Scalar
    public var style: CellStyle

    public init(_ scalar: Unicode.Scalar = " ", style: CellStyle = .plain) {
        self.scalar = scalar
        self.style = style
    }

    public static let continuation: Unicode.Scalar = "\u{0}"
}

/// A rectangle of cells: what every panel renders into and what the terminal copies to
/// the screen. Tests compare its `lines` with stored text.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Out-of-range reads give a blank cell and writes are dropped, so drawing code never
    /// has to clip by hand.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : Cell() }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    public mutating func fill(_ rect: Rect, with cell: Cell) {
        for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX { self[x, y] = cell } }
    }

    /// Write log-derived or other text at (x, y), sanitised (no control characters or
    /// escape sequences reach the terminal), clipped to `maxWidth` cells with an ellipsis.
    /// Returns the number of cells written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0, y >= 0, y < height else { return 0 }
        let scalars = SafeText.displayScalars(text)
        let total = scalars.reduce(0) { $0 + SafeText.cellWidth($1) }
        var column = 0
        for (i, scalar) in scalars.enumerated() {
            let w = SafeText.cellWidth(scalar)
            let remainingNeedsEllipsis = total > limit
            if remainingNeedsEllipsis && column + w > limit - 1 {
                self[x + column, y] = Cell("…", style: style)
                return column + 1
            }
            if column + w > limit { break }
            if x + column >= 0 {
                self[x + column, y] = Cell(scalar, style: style)
                if w == 2 { self[x + column + 1, y] = Cell(Cell.continuation, style: style) }
            }
            column += w
            _ = i
        }
        return column
    }

    /// The grid as text, one string per row (continuation cells omitted).
    public var lines: [String] {
        (0..<height).map { y in
            var s = String.UnicodeScalarView()
            for x in 0..<width where cells[y * width + x].scalar != Cell.continuation {
                s.append(cells[y * width + x].scalar)
            }
            return String(s)
        }
    }

    /// The same grid with every non-ASCII character replaced by its nearest ASCII look-alike,
    /// for terminals whose locale is not UTF-8 (they would show nothing or mojibake).
    public func asciiFolded() -> CellGrid {
        var copy = self
        for i in copy.cells.indices where !copy.cells[i].scalar.isASCII {
            copy.cells[i].scalar = CellGrid.asciiLookalike[copy.cells[i].scalar] ?? "?"
        }
        return copy
    }

    static let asciiLookalike: [Unicode.Scalar: Unicode.Scalar] = [
        "…": "~", "·": "-", "×": "x", "━": "-", "─": "-", "—": "-", "│": "|", "→": ">", "≥": ">", "≤": "<",
        "∞": "8", "é": "e", Cell.continuation: "?",
        "–": "-", "−": "-", "±": "~", "∝": "~", "≈": "~", "÷": "/", "↓": "v", "▏": "|", "γ": "g", "α": "a", "β": "b",
        "₀": "0", "╭": "+", "╮": "+", "╰": "+", "╯": "+", "┤": "+", "╡": "+", "┬": "+", "┴": "+", "└": "+",
    ]
}

/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func inset(by n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }
}
