/// A scanner for one JSON object per line, keeping only its top-level scalar members.
///
/// Written by hand rather than using Foundation's JSONSerialization for two reasons:
/// Python's `json.dumps` writes `NaN`, `Infinity` and `-Infinity`, which strict parsers
/// reject as a malformed line (we must instead report "loss is NaN at step N"); and
/// metric lines are hot — a large log is scanned without building a dictionary of
/// `Any` per line. Nested objects and arrays are skipped (their contents checked for
/// balance), since metric loggers put the scalars we read at the top level.
public enum JSONScalar: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
}

public struct FlatJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "\(reason) at column \(offset + 1)" }
}

public enum FlatJSONObject {
    /// Parse `bytes` (one line, without its newline) into its top-level scalar members.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FlatJSONError) -> [(key: String, value: JSONScalar)] {
        var scanner = Scanner(bytes: bytes)
        return try scanner.object()
    }

    public static func parse(_ text: String) throws(FlatJSONError) -> [(key: String, value: JSONScalar)] {
        var copy = Array(text.utf8)
        return try copy.withUnsafeMutableBufferPointer { buffer throws(FlatJSONError) in
            try parse(UnsafeBufferPointer(buffer))
        }
    }
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func fail(_ reason: String) -> FlatJSONError { FlatJSONError(offset: index, reason: reason) }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D, 0x0A: index += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(FlatJSONError) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else {
            throw fail(index < bytes.count ? "expected \(what)" : "line ends early; expected \(what)")
        }
        index += 1
    }

    mutating func object() throws(FlatJSONError) -> [(key: String, value: JSONScalar)] {
        try expect(UInt8(ascii: "{"), "'{' (each line must be one JSON object)")
        var members: [(key: String, value: JSONScalar)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let key = try string()
                try expect(UInt8(ascii: ":"), "':' after a key")
                skipSpace()
                if let value = try valueOrSkip() { members.append((key, value)) }
                skipSpace()
                guard index < bytes.count else { throw fail("line ends inside the object (truncated?)") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        guard index == bytes.count else { throw fail("unexpected text after the object") }
        return members
    }

    /// A scalar, or nil after skipping a nested object or array.
    mutating func valueOrSkip() throws(FlatJSONError) -> JSONScalar? {
        guard index < bytes.count else { throw fail("line ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipNested(); return nil
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "N"): try literal("NaN"); return .number(.nan)
        case UInt8(ascii: "I"): try literal("Infinity"); return .number(.infinity)
        default: return .number(try number())
        }
    }

    mutating func literal(_ word: StaticString) throws(FlatJSONError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unknown value") }
        let start = word.utf8Start
        for i in 0..<count where bytes[index + i] != start[i] { throw fail("unknown value") }
        index += count
    }

    mutating func number() throws(FlatJSONError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "I") {
                try literal("Infinity")
                return -.infinity
            }
        }
        while index < bytes.count, Scanner.isNumberByte(bytes[index]) { index += 1 }
        guard index > start else { throw fail("expected a value") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else {
            index = start
            throw fail("'\(text)' is not a number")
        }
        return value
    }

    static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
            || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }

    mutating func string() throws(FlatJSONError) -> String {
        index += 1  // opening quote
        let start = index
        var hasEscape = false
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return hasEscape ? try unescape(raw, at: start) : String(decoding: raw, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { hasEscape = true; index += 2; continue }
            index += 1
        }
        throw fail("line ends inside a string (truncated?)")
    }

    func unescape(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws(FlatJSONError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\"), i + 1 < raw.count else { out.append(b); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= raw.count,
                      let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: raw[i..<i + 4]), as: UTF8.self), radix: 16)
                else { throw FlatJSONError(offset: offset + i, reason: "bad \\u escape") }
                i += 4
                // Lone surrogates become U+FFFD; pairs are rare in metric names.
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func skipNested() throws(FlatJSONError) {
        var depth = 0
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                _ = try string()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { index += 1; return }
            default: break
            }
            index += 1
        }
        throw fail("line ends inside a nested value (truncated?)")
    }
}
