import ScalingLaws

/// A JSON document as Python's `json.dumps` writes it: standard JSON plus the bare tokens
/// `NaN`, `Infinity` and `-Infinity` (which Foundation's reader rejects; log-formats.md §0
/// rule 4). Also tells a document cut short (a file being rewritten) from one that is
/// malformed, so a torn `trainer_state.json` can be retried rather than reported.
indirect enum PythonJSON: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    case array([PythonJSON])
    case object([(key: String, value: PythonJSON)])

    static func == (a: PythonJSON, b: PythonJSON) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    enum Failure: Error, Equatable {
        /// The bytes end before the document does.
        case truncated
        /// Something other than JSON at this byte offset.
        case malformed(offset: Int, reason: String)
    }

    subscript(key: String) -> PythonJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    var double: Double? { if case .number(let v) = self { return v } else { return nil } }

    /// Foundation-style values (`Int` for whole numbers, `Double`, `String`, `Bool`, arrays,
    /// dictionaries, `NSNull`-free: null members are left out) for APIs that take `[String: Any]`.
    var foundationValue: Any? {
        switch self {
        case .number(let v): return WholeNumber.int(v).map { $0 as Any } ?? v as Any
        case .string(let s): return s
        case .bool(let b): return b
        case .null: return nil
        case .array(let a): return a.compactMap(\.foundationValue)
        case .object(let m):
            var d: [String: Any] = [:]
            for (k, v) in m { if let f = v.foundationValue { d[k] = f } }
            return d
        }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<PythonJSON, Failure> {
        do throws(Failure) { return .success(try parse(bytes)) } catch { return .failure(error) }
    }

    static func read(_ bytes: [UInt8]) -> Result<PythonJSON, Failure> {
        bytes.withUnsafeBufferPointer { read($0) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> PythonJSON {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else { throw .malformed(offset: reader.index, reason: "unexpected text after the document") }
        return value
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func peek() throws(Failure) -> UInt8 {
            guard index < bytes.count else { throw .truncated }
            return bytes[index]
        }

        mutating func value(depth: Int) throws(Failure) -> PythonJSON {
            guard depth < 512 else { throw .malformed(offset: index, reason: "nested too deeply") }
            skipSpace()
            switch try peek() {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: PythonJSON)] = []
                skipSpace()
                if try peek() == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard try peek() == UInt8(ascii: "\"") else { throw .malformed(offset: index, reason: "expected a quoted key") }
                    let key = try string()
                    skipSpace()
                    guard try peek() == UInt8(ascii: ":") else { throw .malformed(offset: index, reason: "expected ':'") }
                    index += 1
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    let c = try peek()
                    index += 1
                    if c == UInt8(ascii: ",") { continue }
                    if c == UInt8(ascii: "}") { return .object(members) }
                    throw .malformed(offset: index - 1, reason: "expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [PythonJSON] = []
                skipSpace()
                if try peek() == UInt8(ascii: "]") { index += 1; return .array(elements) }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    let c = try peek()
                    index += 1
                    if c == UInt8(ascii: ",") { continue }
                    if c == UInt8(ascii: "]") { return .array(elements) }
                    throw .malformed(offset: index - 1, reason: "expected ',' or ']'")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "N"): try literal("NaN"); return .number(.nan)
            case UInt8(ascii: "I"): try literal("Infinity"); return .number(.infinity)
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            let start = index
            for b in word.utf8 {
                guard index < bytes.count else { throw .truncated }
                guard bytes[index] == b else { throw .malformed(offset: start, reason: "unknown value") }
                index += 1
            }
        }

        mutating func number() throws(Failure) -> Double {
            let start = index
            if bytes[index] == UInt8(ascii: "-") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "I") { try literal("Infinity"); return -.infinity }
            }
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            // A number running into the end of the bytes may be cut short ("1.2" of "1.25").
            if index == bytes.count { throw .truncated }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard index > start, let v = Double(text) else { throw .malformed(offset: start, reason: "expected a value") }
            return v
        }

        static func isNumberByte(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
                || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
        }

        mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    do {
                        return try JSONStringEscapes.decode(raw)
                    } catch {
                        throw .malformed(offset: start + error.offset, reason: "bad \\u escape")
                    }
                }
                // An escape's second byte is never the closing quote.
                index += b == UInt8(ascii: "\\") ? 2 : 1
            }
            throw .truncated
        }
    }
}
