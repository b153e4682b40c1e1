/// Text from logs and file names is untrusted: a run named with escape sequences must not
/// reach the terminal. Everything drawn goes through here.
public enum SafeText {
    /// The scalars of `text` that are safe to draw: ANSI CSI/OSC sequences removed whole,
    /// every other control character (C0, DEL, C1) and bidirectional override dropped,
    /// tabs and newlines turned into spaces.
    public static func displayScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var iterator = text.unicodeScalars.makeIterator()
        while let s = iterator.next() {
            switch s.value {
            case 0x1B:
                skipEscape(&iterator)
            case 0x09, 0x0A, 0x0D:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
                continue
            default:
                out.append(s)
            }
        }
        return out
    }

    public static func sanitize(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: displayScalars(text))
        return String(view)
    }

    /// Skip the rest of an escape sequence: CSI (`ESC [ … final`), OSC (`ESC ] … BEL/ST`),
    /// or a two-byte escape.
    private static func skipEscape(_ iterator: inout String.UnicodeScalarView.Iterator) {
        guard let introducer = iterator.next() else { return }
        switch introducer {
        case "[":
            while let s = iterator.next() {
                if (0x40...0x7E).contains(s.value) { break }
            }
        case "]", "P", "_", "^":
            var previousWasEscape = false
            while let s = iterator.next() {
                if s.value == 0x07 || (previousWasEscape && s == "\\") { break }
                previousWasEscape = s.value == 0x1B
            }
        default:
            break
        }
    }

    /// Cells a scalar occupies: 2 for East Asian wide and fullwidth forms, else 1.
    public static func cellWidth(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
