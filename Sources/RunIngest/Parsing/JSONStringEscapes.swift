/// The escapes of a JSON string (`\n`, `\"`, `\u00e9`…; RFC 8259 §7), decoded for both
/// JSON readers: the flat line scanner (`FlatJSONObject`) and the document reader for
/// Python-written files (`PythonJSON`).
enum JSONStringEscapes {
    /// A `\u` escape without four hex digits, at this offset in the raw bytes.
    struct BadEscape: Error {
        let offset: Int
    }

    /// The text of a string's raw bytes (what stands between its quotes). Lone surrogates
    /// become U+FFFD; pairs are rare in the names and values logs carry.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) throws(BadEscape) -> String {
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
                else { throw BadEscape(offset: i) }
                i += 4
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
