/// A key press, or the terminal telling us it changed size.
public enum Key: Sendable, Equatable {
    case character(Unicode.Scalar)
    case resize
    /// Arrows, function keys and the like, as curses numbers them.
    case special(Int32)

    public static let escape = Key.character("\u{1B}")
    public static let controlL = Key.character("\u{0C}")
}
