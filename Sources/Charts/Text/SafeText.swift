import Foundation
import RunIngest

/// Text from logs and file names is untrusted: a run named with escape sequences must not
/// reach the terminal, nor one whose characters take no cell and break the columns. Every
/// thing drawn goes through here.
public enum SafeText {
    /// The scalars of `text` that are safe to draw, one cell each (two for wide ones): ANSI
    /// CSI/OSC sequences removed whole, every other control character (C0, DEL, C1) dropped,
    /// tabs and newlines turned into spaces. Characters that take no cell — zero-width and
    /// bidirectional controls, other format characters, combining marks left over after
    /// composing (NFC) — are shown escaped (`\u{200B}`), so two names that differ only by
    /// them still look different; a file name's byte that is not UTF-8 reads `\xNN`
    /// (`RawFileName`).
    public static func displayScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        let composed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        var iterator = composed.unicodeScalars.makeIterator()
        while let s = iterator.next() {
            switch s.value {
            case 0x1B:
                skipEscape(&iterator)
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x20...0x7E:
                out.append(s)
            default:
                if let byte = RawFileName.escapedByte(s) {
                    out.append(contentsOf: "\\x\(hex(UInt32(byte), digits: 2))".unicodeScalars)
                } else if takesNoCell(s) {
                    out.append(contentsOf: "\\u{\(hex(s.value, digits: 4))}".unicodeScalars)
                } else {
                    out.append(s)
                }
            }
        }
        return out
    }

    /// Scalars a terminal draws in no cell of their own: format characters (zero-width
    /// space and joiners, bidirectional controls, the byte-order mark, soft hyphen…) and
    /// combining marks.
    static func takesNoCell(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
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
