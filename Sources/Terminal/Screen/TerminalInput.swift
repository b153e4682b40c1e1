/// What the person did at the terminal: a key (or a resize, which curses reports as one) or
/// the mouse.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
}
