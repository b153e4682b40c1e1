/// Reading protobuf's wire format field by field, for the hand-written walk of TensorBoard
/// events (`TensorBoardEventWalk`): varints, fixed-width numbers and length-delimited
/// fields, each checked against the bytes left. Nil means the bytes are not well formed
/// (or use something the walk leaves to SwiftProtobuf, such as groups).
struct ProtobufWire {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    /// A varint of at most 10 bytes whose value fits 64 bits.
    @inline(__always)
    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            if shift == 63, byte > 1 { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// The next field's number and wire type; nil at a malformed key or field number 0.
    /// A key is a 32-bit varint: at most 5 bytes, the fifth below 16. SwiftProtobuf rejects
    /// a longer one even when its value would fit (a sixth byte of 0, found by `make fuzz`),
    /// so the walk must too.
    @inline(__always)
    mutating func key() -> (field: UInt64, wireType: UInt64)? {
        var key: UInt64 = 0
        for position in 0..<5 {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            if position == 4 && byte > 15 { return nil }
            key |= UInt64(byte & 0x7F) << UInt64(7 * position)
            if byte < 0x80 { break }
        }
        guard key >> 3 != 0 else { return nil }
        return (key >> 3, key & 7)
    }

    @inline(__always)
    mutating func fixed64() -> UInt64? {
        guard bytes.count - index >= 8, let base = bytes.baseAddress else { return nil }
        let value = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        index += 8
        return value
    }

    @inline(__always)
    mutating func fixed32() -> UInt32? {
        guard bytes.count - index >= 4, let base = bytes.baseAddress else { return nil }
        let value = UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self))
        index += 4
        return value
    }

    /// The bytes of a length-delimited field.
    @inline(__always)
    mutating func lengthDelimited() -> UnsafeBufferPointer<UInt8>? {
        guard let length = varint(), length <= UInt64(bytes.count - index) else { return nil }
        let start = index
        index += Int(length)
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    /// Past a field the walk does not read; false for groups (wire types 3 and 4) and
    /// unknown wire types.
    mutating func skip(wireType: UInt64) -> Bool {
        switch wireType {
        case 0: return varint() != nil
        case 1: return fixed64() != nil
        case 2: return lengthDelimited() != nil
        case 5: return fixed32() != nil
        default: return false
        }
    }

    /// Whether `text` is valid UTF-8, as protobuf requires of string fields: ASCII (the
    /// usual tag) is checked eight bytes at a time, anything else by the standard library.
    static func isValidUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= text.count {
            high |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < text.count {
            high |= UInt64(text[i])
            i += 1
        }
        if high & 0x8080_8080_8080_8080 == 0 { return true }
        return String(validating: text, as: UTF8.self) != nil
    }
}
