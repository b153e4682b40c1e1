import Glibc

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

/// A top-level value as the scanner meets it, before any allocation: strings stay as the
/// bytes between their quotes.
public enum RawJSONScalar {
    /// A number, converted only when asked (`RawJSONNumber.value`): a metrics line carries
    /// many numbers nobody plots, and correctly rounded conversion is the costliest step of
    /// reading a log.
    case number(RawJSONNumber)
    case special(Double)
    case string(UnsafeBufferPointer<UInt8>, hasEscapes: Bool)
    case bool(Bool)
    case null
}

/// A number as the scanner met it: its text, and the digits and exponent read on the way,
/// so converting it needs no second pass over the text.
public struct RawJSONNumber {
    public let text: UnsafeBufferPointer<UInt8>
    let mantissa: UInt64
    let exponent: Int
    let negative: Bool
    /// Well formed with at most 19 significant digits: `mantissa` and `exponent` are exact.
    let isSimple: Bool

    /// The value; nil when the text is not a number.
    public var value: Double? {
        if isSimple, let v = DecimalToDouble.value(mantissa: mantissa, exponent: exponent, negative: negative) { return v }
        return FlatJSONObject.number(text)
    }
}

public enum FlatJSONObject {
    /// Walk the top-level scalar members of `bytes` (one line, without its newline), handing
    /// each key's raw bytes (escapes not decoded) and value to `body`. Allocates nothing
    /// for plain keys and numbers: this is the hot path of a large log.
    public static func visit(_ bytes: UnsafeBufferPointer<UInt8>,
                             _ body: (_ key: UnsafeBufferPointer<UInt8>, _ keyHasEscapes: Bool, _ value: RawJSONScalar) -> Void)
        throws(FlatJSONError) {
        var scanner = Scanner(bytes: bytes)
        try scanner.object(select: { key, escaped in (key, escaped) }) { member, value in body(member.0, member.1, value) }
    }

    /// Like `visit`, for a reader that wants only some keys: `select` names what a key is to
    /// the reader (nil: not wanted), and only wanted values reach `body`. An unwanted value
    /// is stepped over, not read: in a metrics line most numbers are nobody's.
    @inline(__always)
    static func visit<Member>(_ bytes: UnsafeBufferPointer<UInt8>,
                              select: (_ key: UnsafeBufferPointer<UInt8>, _ keyHasEscapes: Bool) -> Member?,
                              _ body: (Member, RawJSONScalar) -> Void) throws(FlatJSONError) {
        var scanner = Scanner(bytes: bytes)
        try scanner.object(select: select, body)
    }

    /// The value of a number's text: nil when it is not a valid number.
    public static func number(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !raw.isEmpty else { return nil }
        var scanner = Scanner(bytes: raw)
        guard let value = try? scanner.number(), scanner.index == raw.count else { return nil }
        return value
    }

    /// The plain number (digits, or a minus before digits) starting at `index` in `bytes`, its
    /// digits read as `visit` reads them; nil, with `index` unmoved, when none starts there.
    /// For `JSONLineShape`, which reads the values of a line whose keys it already knows.
    @inline(__always)
    static func plainNumber(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> RawJSONNumber? {
        var scanner = Scanner(bytes: bytes)
        scanner.index = index
        guard index < bytes.count, scanner.atPlainNumber else { return nil }
        let number = scanner.numberValue()
        index = scanner.index
        return number
    }

    /// Past the plain number starting at `index`, as `visit` steps over a value nobody reads;
    /// false, with `index` unmoved, when no plain number starts there.
    @inline(__always)
    static func skipPlainNumber(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Bool {
        var scanner = Scanner(bytes: bytes)
        scanner.index = index
        guard index < bytes.count, scanner.atPlainNumber else { return false }
        try? scanner.skipValue()   // never throws where a number starts
        index = scanner.index
        return true
    }

    /// Whether a byte may be part of a number's text, as the scanner takes numbers.
    @inline(__always)
    static func isNumberByte(_ b: UInt8) -> Bool { Scanner.isNumberByte(b) }

    /// Decoded text of a raw string (key or value).
    public static func text(_ raw: UnsafeBufferPointer<UInt8>, hasEscapes: Bool) -> String {
        hasEscapes ? ((try? Scanner.unescape(raw, at: 0)) ?? String(decoding: raw, as: UTF8.self))
            : String(decoding: raw, as: UTF8.self)
    }

    /// Parse `bytes` (one line, without its newline) into its top-level scalar members.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FlatJSONError) -> [(key: String, value: JSONScalar)] {
        var members: [(key: String, value: JSONScalar)] = []
        try visit(bytes) { key, keyEscaped, raw in
            let value: JSONScalar
            switch raw {
            case .number(let raw): value = .number(raw.value ?? .nan)
            case .special(let v): value = .number(v)
            case .string(let s, let escaped): value = .string(text(s, hasEscapes: escaped))
            case .bool(let b): value = .bool(b)
            case .null: value = .null
            }
            members.append((text(key, hasEscapes: keyEscaped), value))
        }
        return members
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

    @inline(__always)
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

    @inline(__always)
    mutating func object<Member>(select: (UnsafeBufferPointer<UInt8>, Bool) -> Member?,
                                 _ body: (Member, RawJSONScalar) -> Void) throws(FlatJSONError) {
        try expect(UInt8(ascii: "{"), "'{' (each line must be one JSON object)")
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let key = try rawString()
                // `json.dumps` writes `"key": value`: that shape is checked inline.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == 0x20 {
                    index += 2
                } else {
                    try expect(UInt8(ascii: ":"), "':' after a key")
                }
                skipSpace()
                if let member = select(key.bytes, key.hasEscapes) {
                    // A number (what metric columns hold) is read right here: through
                    // `valueOrSkip` it would come back as a large enum through memory.
                    if index < bytes.count, atPlainNumber {
                        body(member, .number(numberValue()))
                    } else if let value = try valueOrSkip() {
                        body(member, value)
                    }
                } else {
                    try skipValue()
                }
                if index + 2 < bytes.count, bytes[index] == UInt8(ascii: ","), bytes[index + 1] == 0x20,
                   bytes[index + 2] == UInt8(ascii: "\"") {
                    index += 2   // `, "` between members, as json.dumps writes it
                    continue
                }
                skipSpace()
                guard index < bytes.count else { throw fail("line ends inside the object (truncated?)") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        guard index == bytes.count else { throw fail("unexpected text after the object") }
    }

    /// A scalar, or nil after skipping a nested object or array.
    @inline(__always)
    mutating func valueOrSkip() throws(FlatJSONError) -> RawJSONScalar? {
        guard index < bytes.count else { throw fail("line ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            let raw = try rawString()
            return .string(raw.bytes, hasEscapes: raw.hasEscapes)
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipNested(); return nil
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "N"): try literal("NaN"); return .special(.nan)
        case UInt8(ascii: "I"): try literal("Infinity"); return .special(.infinity)
        case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
            index += 1
            try literal("Infinity")
            return .special(-.infinity)
        default:
            let start = index
            let number = numberValue()
            guard index > start else { throw fail("expected a value") }
            return .number(number)
        }
    }

    /// Whether a number starts here: a digit, or a minus not before `Infinity`.
    @inline(__always)
    var atPlainNumber: Bool {
        let first = bytes[index]
        return first &- 0x30 < 10 || (first == UInt8(ascii: "-") && index + 1 < bytes.count && bytes[index + 1] != UInt8(ascii: "I"))
    }

    /// The number starting here, its digits read on the way; empty when no number byte is.
    @inline(__always)
    mutating func numberValue() -> RawJSONNumber {
        let start = index
        var parts = decimalParts()
        // Whatever else a number may hold ("1.2.3"): taken whole, judged only if it is used.
        while index < bytes.count, Scanner.isNumberByte(bytes[index]) {
            index += 1
            parts.isSimple = false
        }
        return RawJSONNumber(text: UnsafeBufferPointer(rebasing: bytes[start..<index]), mantissa: parts.mantissa,
                             exponent: parts.exponent, negative: parts.negative, isSimple: parts.isSimple)
    }

    /// Past a value nobody reads. A number is taken as its run of number bytes (as
    /// `valueOrSkip` takes it) without reading its digits; anything else is read as usual.
    @inline(__always)
    mutating func skipValue() throws(FlatJSONError) {
        guard index < bytes.count else { throw fail("line ends where a value should be") }
        guard atPlainNumber else {
            _ = try valueOrSkip()
            return
        }
        index += 1
        // Eight bytes at a time while all are number bytes, then the rest one by one.
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let run = WordScan.leadingNumberBytes(WordScan.load(base + index))
                index += run
                if run < 8 { return }
            }
        }
        while index < bytes.count, Scanner.isNumberByte(bytes[index]) { index += 1 }
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
        if bytes[index] == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "I") {
            index += 1
            try literal("Infinity")
            return -.infinity
        }
        let parts = decimalParts()
        if parts.isSimple, index == bytes.count || !Scanner.isNumberByte(bytes[index]),
           let value = DecimalToDouble.value(mantissa: parts.mantissa, exponent: parts.exponent, negative: parts.negative) {
            return value
        }
        return try slowNumber(from: start)
    }

    /// Sign, digits, fraction and exponent of a JSON number, read in one pass. Up to 19
    /// significant digits fit a UInt64; a number with more (rare: Python writes at most 17)
    /// is not simple, and goes to strtod.
    @inline(__always)
    mutating func decimalParts() -> (mantissa: UInt64, exponent: Int, negative: Bool, isSimple: Bool) {
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        // Digits go into the mantissa in tight loops with no per-digit checks; more than 19
        // significant ones (it wrapped) make the number not simple. Leading zeros (0.000123)
        // are not significant and are counted apart.
        var mantissa: UInt64 = 0
        var exponent = 0
        let integerStart = index
        while index < bytes.count, bytes[index] == UInt8(ascii: "0") { index += 1 }
        var leadingZeros = index - integerStart
        eightDigitsAtATime(into: &mantissa)
        while index < bytes.count, bytes[index] &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 0x30)
            index += 1
        }
        var digits = index - integerStart
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            if leadingZeros == digits {   // no significant digit yet
                while index < bytes.count, bytes[index] == UInt8(ascii: "0") { index += 1 }
                leadingZeros += index - fractionStart
            }
            eightDigitsAtATime(into: &mantissa)
            while index < bytes.count, bytes[index] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 0x30)
                index += 1
            }
            exponent = fractionStart - index
            digits += index - fractionStart
        }
        let sawDigit = digits > 0
        let significantDigits = digits - leadingZeros
        var wellFormed = sawDigit
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var e = 0
            var sawExponentDigit = false
            while index < bytes.count, bytes[index] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(bytes[index] &- 0x30) }
                sawExponentDigit = true
                index += 1
            }
            if !sawExponentDigit { wellFormed = false }
            exponent += exponentNegative ? -e : e
        }
        return (mantissa, exponent, negative, wellFormed && significantDigits <= 19)
    }

    /// Digits eight at a time into `mantissa` while eight in a row follow (a Python float's
    /// 16–17 digits are mostly such runs). Wrapping like the digit loop, so the result is
    /// the same modulo 2^64 and the caller's digit count still decides if it is exact.
    @inline(__always)
    mutating func eightDigitsAtATime(into mantissa: inout UInt64) {
        guard let base = bytes.baseAddress else { return }
        while index + 8 <= bytes.count {
            let word = WordScan.load(base + index)
            guard WordScan.isEightDigits(word) else { return }
            mantissa = mantissa &* 100_000_000 &+ WordScan.eightDigitsValue(word)
            index += 8
        }
    }

    /// Anything the fast path cannot promise to round correctly goes through Double(String).
    mutating func slowNumber(from start: Int) throws(FlatJSONError) -> Double {
        index = start
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.count, Scanner.isNumberByte(bytes[index]) { index += 1 }
        guard index > start else { throw fail("expected a value") }
        let length = index - start
        // strtod on a NUL-terminated copy on the stack: correctly rounded, no allocation.
        let parsed: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for i in 0..<length { buffer[i] = CChar(bitPattern: bytes[start + i]) }
            buffer[length] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            return end == buffer.baseAddress! + length ? value : nil
        }
        guard let value = parsed, length < 400 else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index = start
            throw fail("'\(text)' is not a number")
        }
        return value
    }

    @inline(__always)
    static func isNumberByte(_ b: UInt8) -> Bool {
        // Digits and . + - E e, as one test against a bitmask of the bytes 0x2B…0x65.
        // Bit i is set when byte 0x2B + i is one of them. A literal, not a lazy global:
        // this runs for every byte of every number, and a global's first-use check is a call.
        let numberBytes: UInt64 = 0x0400_0000_0400_7FED
        let offset = b &- 0x2B
        return offset < 64 && (numberBytes >> UInt64(offset)) & 1 != 0
    }

    /// The bytes between a string's quotes, escapes not decoded.
    @inline(__always)
    mutating func rawString() throws(FlatJSONError) -> (bytes: UnsafeBufferPointer<UInt8>, hasEscapes: Bool) {
        index += 1  // opening quote
        let start = index
        var hasEscape = false
        // Eight bytes at a time: the word's first quote or backslash is found by a mask
        // (`WordScan`), not by going back to single bytes, so a short key such as "step"
        // costs one word. Only the last few bytes of a line are looked at one by one.
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let found = WordScan.firstQuoteOrBackslash(WordScan.load(base + index))
                index += found
                if found == 8 { continue }
                if base[index] == UInt8(ascii: "\\") { hasEscape = true; index += 2; continue }
                let raw = UnsafeBufferPointer(start: base + start, count: index - start)
                index += 1
                return (raw, hasEscape)
            }
        }
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return (raw, hasEscape)
            }
            if b == UInt8(ascii: "\\") { hasEscape = true; index += 2; continue }
            index += 1
        }
        throw fail("line ends inside a string (truncated?)")
    }

    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws(FlatJSONError) -> String {
        do {
            return try JSONStringEscapes.decode(raw)
        } catch {
            throw FlatJSONError(offset: offset + error.offset, reason: "bad \\u escape")
        }
    }

    mutating func skipNested() throws(FlatJSONError) {
        var depth = 0
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                _ = try rawString()
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
