/// Splits the bytes of a TFRecord file into records (shared/log-formats.md §1.2):
///
/// ```
/// uint64 length | uint32 masked CRC-32C of the 8 length bytes | data | uint32 masked CRC-32C of data
/// ```
///
/// All integers are little-endian. Pure: bytes in, records and corrupt stretches out.
///
/// A writer flushes at arbitrary byte boundaries, so an incomplete record at the end is the
/// normal state of a live file: it is left unconsumed and offered again once the file has
/// grown. A data checksum that fails on the very last record is treated the same way (the
/// bytes may not all have landed yet). A failing checksum with more records after it is
/// corruption: it is reported and skipped. A length whose own checksum fails cannot be
/// trusted to find the next record, so the reader searches forward for the next offset
/// whose 12-byte header checks out (a false match has odds of 2⁻³²) and resumes there.
public enum TFRecordFraming {
    /// Bytes around a record's data: the 12-byte header and the 4-byte data checksum.
    static let headerSize = 12
    static let footerSize = 4

    public enum Item: Equatable, Sendable {
        /// A complete record whose checksums are right: where its data lies in the bytes
        /// given, and the file offset of its header.
        case record(data: Range<Int>, fileOffset: Int)
        /// A stretch that is not a valid record: its file offset, length and what was wrong.
        case corrupt(fileOffset: Int, length: Int, reason: String)
    }

    /// Split `bytes`, which start at `fileOffset` in the file and at a record boundary.
    /// `consumedBytes` ends after the last item; anything after it is an unfinished record.
    public static func split(_ bytes: UnsafeBufferPointer<UInt8>, fileOffset: Int) -> (items: [Item], consumedBytes: Int) {
        var items: [Item] = []
        // A scalar's record is about 50 bytes: room for them all, not a dozen regrowths.
        items.reserveCapacity(bytes.count / 48)
        var position = 0
        let count = bytes.count
        while count - position >= headerSize {
            guard headerIsValid(bytes, at: position) else {
                // Find the next header that checks out; wait if the bytes run out first.
                var candidate = position + 1
                while count - candidate >= headerSize, !headerIsValid(bytes, at: candidate) {
                    candidate += 1
                }
                guard count - candidate >= headerSize else { break }
                items.append(.corrupt(fileOffset: fileOffset + position, length: candidate - position,
                                      reason: "length checksum mismatch; skipped \(candidate - position) bytes to the next valid record"))
                position = candidate
                continue
            }
            let length = readUInt64(bytes, at: position)
            guard count - position >= headerSize + footerSize,
                  length <= UInt64(count - position - headerSize - footerSize) else { break }   // unfinished
            let dataStart = position + headerSize
            let dataEnd = dataStart + Int(length)
            let stored = readUInt32(bytes, at: dataEnd)
            let computed = CRC32C.masked(UnsafeBufferPointer(rebasing: bytes[dataStart..<dataEnd]))
            let recordEnd = dataEnd + footerSize
            if stored != computed {
                // On the last record this may be a write still landing: try again later.
                if recordEnd == count { break }
                items.append(.corrupt(fileOffset: fileOffset + position, length: recordEnd - position,
                                      reason: "data checksum mismatch (stored \(hex(stored)), computed \(hex(computed))); record of \(length) bytes skipped"))
            } else {
                items.append(.record(data: dataStart..<dataEnd, fileOffset: fileOffset + position))
            }
            position = recordEnd
        }
        return (items, position)
    }

    static func headerIsValid(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let lengthBytes = UnsafeBufferPointer(rebasing: bytes[position..<position + 8])
        return CRC32C.masked(lengthBytes) == readUInt32(bytes, at: position + 8)
    }

    static func readUInt64(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in (0..<8).reversed() { value = value << 8 | UInt64(bytes[position + i]) }
        return value
    }

    static func readUInt32(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt32 {
        var value: UInt32 = 0
        for i in (0..<4).reversed() { value = value << 8 | UInt32(bytes[position + i]) }
        return value
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
