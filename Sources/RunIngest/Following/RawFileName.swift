/// File names on Linux are bytes, not text, and need not be valid UTF-8 (a folder made on a
/// Latin-1 machine, a name cut mid-character). Swift strings hold Unicode only, so a byte
/// that is not part of valid UTF-8 is kept in a path as the scalar U+10FF00 + byte (from the
/// last private-use block, which no real name uses), and turned back into that byte when
/// the path is handed to the kernel. Shown to people, each such byte reads `\xNN`
/// (`SafeText`, `scaletop runs`). A real name that holds those scalars has their UTF-8
/// bytes escaped the same way, so every name of bytes has exactly one string and back.
public enum RawFileName {
    static let escapeBase: UInt32 = 0x10FF00

    /// The string for a file name's bytes (`d_name`, an inotify event's name).
    public static func string<C: Collection>(fromBytes bytes: C) -> String where C.Element == UInt8 {
        let array = Array(bytes)
        if let text = String(validating: array, as: UTF8.self), !text.utf8.contains(0xF4) { return text }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < array.count {
            if let (scalar, length) = scalar(in: array, at: i), scalar.value & ~0xFF != escapeBase {
                scalars.append(scalar)
                i += length
            } else if let (scalar, length) = scalar(in: array, at: i) {
                // A real U+10FFxx: its bytes one by one, so the way back is unambiguous.
                for byte in array[i..<(i + length)] { scalars.append(Unicode.Scalar(escapeBase + UInt32(byte))!) }
                _ = scalar
                i += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(array[i]))!)
                i += 1
            }
        }
        return String(scalars)
    }

    /// The bytes a path stands for.
    public static func bytes(of path: String) -> [UInt8] {
        guard path.utf8.contains(0xF4) else { return Array(path.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if let byte = escapedByte(scalar) { out.append(byte) } else { out.append(contentsOf: String(scalar).utf8) }
        }
        return out
    }

    /// Call `body` with the path as the kernel should see it (NUL-terminated bytes).
    public static func withCPath<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard path.utf8.contains(0xF4) else { return try path.withCString(body) }
        var bytes = bytes(of: path).map { CChar(bitPattern: $0) }
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// The byte a scalar of a path stands for, when it is an escaped byte.
    public static func escapedByte(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value & ~0xFF == escapeBase ? UInt8(scalar.value & 0xFF) : nil
    }

    /// `path` for people and JSON: every escaped byte written `\xNN`.
    public static func display(_ path: String) -> String {
        guard path.utf8.contains(0xF4) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            if let byte = escapedByte(scalar) {
                out += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The scalar of the well-formed UTF-8 sequence at `i` and its length, or nil when the
    /// bytes there are not one (a stray continuation byte, an overlong form, a surrogate,
    /// a sequence cut short).
    static func scalar(in bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[i]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= smallest, let scalar = Unicode.Scalar(value) else { return nil }   // overlong, surrogate, > U+10FFFF
        return (scalar, length)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
