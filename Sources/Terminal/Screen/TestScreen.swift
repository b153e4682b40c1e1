import Charts

/// A screen in memory: input is queued by the test, and every frame presented is kept, with
/// its styles, for the test to compare. ratatui's TestBackend, for this dashboard.
public final class TestScreen: ScreenBackend {
    public var size: (width: Int, height: Int)
    public let glyphs: GlyphSet
    public private(set) var frames: [CellGrid] = []
    /// How many presents asked for a full repaint.
    public private(set) var repaints = 0
    private var inputs: [TerminalInput] = []

    public init(width: Int, height: Int, glyphs: GlyphSet = .braille) {
        size = (width, height)
        self.glyphs = glyphs
    }

    /// The newest frame, or nil before the first.
    public var lastFrame: CellGrid? { frames.last }

    /// The newest frame's text, one string per row.
    public var text: [String] { lastFrame?.lines ?? [] }

    public func queue(_ input: TerminalInput...) { inputs += input }

    public func nextInput() -> TerminalInput? {
        inputs.isEmpty ? nil : inputs.removeFirst()
    }

    public func present(_ grid: CellGrid, repaint: Bool) {
        frames.append(grid)
        if repaint { repaints += 1 }
    }
}
