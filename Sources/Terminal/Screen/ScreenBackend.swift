import Charts

/// Where the dashboard draws and reads input: the terminal through ncurses (`Screen`), or
/// memory in tests (`TestScreen`), so the loop's behaviour is tested without a terminal.
public protocol ScreenBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    var glyphs: GlyphSet { get }
    /// The next key or mouse event if one is waiting, else nil (never blocks).
    func nextInput() -> TerminalInput?
    /// Show `grid`; `repaint` asks for every cell to be sent again (Ctrl-L, a resize).
    func present(_ grid: CellGrid, repaint: Bool)
}
