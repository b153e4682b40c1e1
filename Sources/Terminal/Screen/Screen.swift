import CNcursesw
import CTerminalGuard
import Charts
import Glibc

/// The only type that talks to ncurses. Copies a cell grid to the screen (ncurses diffs it
/// against what is already there, so only changed cells reach the terminal), reads keys
/// and reports resizes. Use from one thread: ncurses is not thread-safe.
public final class Screen: ScreenBackend {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminal(String)
        case cannotCreateSignalPipe(errno: Int32)

        public var description: String {
            switch self {
            case .notATerminal:
                return "the dashboard needs a terminal on standard input and output"
            case .cannotCreateSignalPipe(let code):
                return "cannot create the pipe that signals wake the dashboard through: \(String(cString: strerror(code)))"
            case .unknownTerminal(let term):
                return "cannot use terminal type '\(term)' (set TERM to one terminfo knows, e.g. xterm-256color)"
            }
        }
    }

    public let colorDepth: ColorDepth
    public let glyphs: GlyphSet
    private var pairs: [PairKey: Int32] = [:]
    private var screen: OpaquePointer?
    private var running = false

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Start curses on the controlling terminal. `newterm` rather than `initscr`, so an
    /// unknown TERM is an error we report instead of curses calling exit().
    public init(environment: [String: String]) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        setlocale(LC_ALL, "")
        // Numbers in logs always use '.', whatever the person's locale (strtod follows it).
        setlocale(LC_NUMERIC, "C")
        // Braille and box characters need UTF-8; otherwise draw ASCII.
        glyphs = nc_locale_is_utf8() != 0 ? .braille : .ascii
        guard let s = newterm(nil, nc_stdout(), nc_stdin()) else {
            throw StartError.unknownTerminal(environment["TERM"] ?? "(unset)")
        }
        screen = s
        _ = set_term(s)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(nc_stdscr(), true)
        _ = nodelay(nc_stdscr(), true)
        _ = curs_set(0)
        set_escdelay(25)
        let hasColors = has_colors()
        if hasColors {
            _ = start_color()
            _ = use_default_colors()
        }
        colorDepth = ColorDepth.choose(hasColors: hasColors, colors: Int(nc_colors()), environment: environment)
        nc_enable_mouse()
        running = true
    }

    /// The bytes that undo curses' changes to the screen, for the crash path.
    public static func restoreSequence() -> String {
        var out = ""
        for capability in ["rmcup", "cnorm", "sgr0"] {
            let value = capability.withCString { tigetstr(UnsafeMutablePointer(mutating: $0)) }
            if let value, Int(bitPattern: value) != -1 { out += String(cString: value) }
        }
        return out
    }

    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        nc_getmaxyx(nc_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// The next key or mouse event if one is waiting, else nil (never blocks). A mouse report
    /// curses cannot decode, or a button this dashboard does not use, is skipped.
    public func nextInput() -> TerminalInput? {
        while true {
            var wch: wint_t = 0
            switch wget_wch(nc_stdscr(), &wch) {
            case KEY_CODE_YES:
                let code = Int32(wch)
                if code == KEY_RESIZE { return .key(.resize) }
                if code == KEY_MOUSE {
                    if let mouse = readMouse() { return .mouse(mouse) }
                    continue
                }
                return .key(.special(code))
            case OK:
                guard let scalar = Unicode.Scalar(UInt32(wch)) else { continue }
                return .key(.character(scalar))
            default:
                return nil
            }
        }
    }

    private func readMouse() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0, kind: Int32 = 0
        guard nc_read_mouse(&x, &y, &kind) == OK else { return nil }
        switch kind {
        case NC_MOUSE_PRESS: return MouseEvent(x: Int(x), y: Int(y), kind: .press)
        case NC_MOUSE_RELEASE: return MouseEvent(x: Int(x), y: Int(y), kind: .release)
        case NC_MOUSE_WHEEL_UP: return MouseEvent(x: Int(x), y: Int(y), kind: .wheelUp)
        case NC_MOUSE_WHEEL_DOWN: return MouseEvent(x: Int(x), y: Int(y), kind: .wheelDown)
        default: return nil
        }
    }

    /// Copy `grid` to the screen. `repaint` makes curses redraw everything (Ctrl-L).
    public func present(_ grid: CellGrid, repaint: Bool) {
        let (width, height) = size
        for y in 0..<min(height, grid.height) {
            for x in 0..<min(width, grid.width) {
                let cell = grid[x, y]
                if cell.scalar == Cell.continuation { continue }
                var attributes = NC_A_NORMAL
                if cell.style.bold { attributes |= NC_A_BOLD }
                if cell.style.dim { attributes |= NC_A_DIM }
                // With no colour at all, a coloured background (status line, help box) becomes
                // reverse video, so it still stands apart.
                if cell.style.reverse || (colorDepth == .none && cell.style.background != .terminalDefault) {
                    attributes |= NC_A_REVERSE
                }
                _ = nc_put_wch(Int32(y), Int32(x), wchar_t(bitPattern: cell.scalar.value), attributes,
                               pair(for: cell.style))
            }
        }
        if repaint { _ = clearok(nc_curscr(), true) }
        _ = refresh()
    }

    private func pair(for style: CellStyle) -> Int32 {
        guard colorDepth != .none else { return 0 }
        let key = PairKey(foreground: colorDepth.colorNumber(style.foreground),
                          background: colorDepth.colorNumber(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let p = pairs[key] { return p }
        let next = Int32(pairs.count + 1)
        // Colour pairs are finite; past the limit fall back to the default pair.
        guard next < nc_color_pairs(), init_extended_pair(next, key.foreground, key.background) == OK else { return 0 }
        pairs[key] = next
        return next
    }

    /// Ctrl-Z: give the terminal back as the shell had it (endwin: modes, the main screen,
    /// the cursor, no mouse), stop the process, and after `fg` take the terminal again. The
    /// next `refresh` restores curses' modes; the caller should repaint everything, since
    /// the shell wrote on the screen meanwhile.
    public func suspendUntilContinued() {
        guard running else { return }
        _ = endwin()
        tg_stop_until_continued()
        // The person may have changed the modes in the shell meanwhile (stty): keep those for
        // the exit, in curses and in the crash path.
        _ = def_shell_mode()
        tg_save_terminal_modes(STDOUT_FILENO)
        // A resize while stopped was signalled to the shell, not to us.
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0,
           (Int(window.ws_col), Int(window.ws_row)) != size {
            _ = resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
    }

    /// Leave curses and give the terminal back as it was.
    public func stop() {
        guard running else { return }
        running = false
        _ = endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    deinit { stop() }
}
