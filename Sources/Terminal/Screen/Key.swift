import CNcursesw

/// A key press, or the terminal telling us it changed size.
public enum Key: Sendable, Equatable {
    case character(Unicode.Scalar)
    case resize
    /// Arrows, function keys and the like, as curses numbers them.
    case special(Int32)

    public static let escape = Key.character("\u{1B}")
    public static let controlL = Key.character("\u{0C}")
    public static let tab = Key.character("\t")
    public static let enter = Key.character("\n")
    public static let up = Key.special(KEY_UP)
    public static let down = Key.special(KEY_DOWN)
    public static let left = Key.special(KEY_LEFT)
    public static let right = Key.special(KEY_RIGHT)
    public static let backTab = Key.special(KEY_BTAB)
    public static let pageUp = Key.special(KEY_PPAGE)
    public static let pageDown = Key.special(KEY_NPAGE)

    /// Keys that delete the character before the cursor (terminals send any of these).
    public var isBackspace: Bool {
        self == .special(KEY_BACKSPACE) || self == .character("\u{7F}") || self == .character("\u{08}")
    }

    public var isEnter: Bool {
        self == .enter || self == .character("\r") || self == .special(KEY_ENTER)
    }
}
