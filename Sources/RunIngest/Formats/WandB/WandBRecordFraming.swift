/// Splits a `.wandb` transaction log into its records: the LevelDB log framing W&B uses
/// (shared/log-formats.md §5.5). Pure and incremental: it is fed the file's bytes in order
/// from offset 0, each call starting where the previous one stopped consuming.
///
/// The file is cut into 32 KiB blocks at absolute offsets; block 0 starts with a 7-byte
/// file header (`:W&B`, magic 0xBEE1 little-endian, version 0). Each chunk is a 7-byte
/// header (CRC-32 of type byte and payload, uint32 LE; payload length, uint16 LE; type)
/// and its payload; chunks never cross a block, and fewer than 7 bytes left in a block are
/// zero padding. A record is one FULL chunk, or FIRST, MIDDLE…, LAST.
///
/// Like wandb-core's live reader, a record is only consumed once all its chunks are present
/// and valid: a short tail, or a checksum mismatch in the very last bytes, means the writer
/// is not done yet. Damage followed by more data is reported and skipped to the next block,
/// LevelDB's recovery rule.
public struct WandBRecordFraming: Sendable {
    public static let blockSize = 32_768
    public static let chunkHeaderSize = 7
    /// `:W&B`, 0xBEE1 (LE), version 0.
    public static let fileHeader: [UInt8] = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00]

    enum ChunkType: UInt8 {
        case full = 1, first = 2, middle = 3, last = 4
    }

    public enum Event: Sendable, Equatable {
        /// A complete record: the absolute file offset of its first chunk, and its payload.
        case record(offset: Int, payload: [UInt8])
        /// Damaged bytes that were skipped: where, and what was wrong.
        case damaged(offset: Int, reason: String)
        /// The file does not start with the W&B header; nothing in it is read.
        case notWandB(reason: String)
    }

    /// Absolute offset of the first byte the next call receives.
    public private(set) var fileOffset = 0
    /// After damage: bytes before this absolute offset are thrown away.
    private var resumeAt: Int?
    private var rejected = false

    public init() {}

    /// The records complete in `bytes` (which start at `fileOffset`), and how many bytes
    /// were consumed; the rest must be offered again, with more, next time.
    public mutating func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (events: [Event], consumed: Int) {
        let base = fileOffset
        var events: [Event] = []
        var committed = 0
        defer { fileOffset = base + committed }

        if rejected {
            committed = bytes.count
            return (events, committed)
        }
        if let target = resumeAt {
            committed = min(target - base, bytes.count)
            if base + committed < target { return (events, committed) }
            resumeAt = nil
        }
        if base + committed == 0 {
            let header = Self.fileHeader
            let available = min(bytes.count, header.count)
            for i in 0..<available where bytes[i] != header[i] {
                rejected = true
                committed = bytes.count
                let seen = bytes.prefix(available).map { String($0, radix: 16) }.joined(separator: " ")
                events.append(.notWandB(reason: "does not start with the W&B header 3a 57 26 42 e1 be 00 (found \(seen))"))
                return (events, committed)
            }
            if available < header.count { return (events, committed) }
            committed = header.count
        }

        func u32(_ i: Int) -> UInt32 {
            UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        }

        /// Skip damaged bytes from `position` to the end of its block. False when the block
        /// end is not in `bytes` yet (everything is consumed and the rest skipped later).
        func skipBlock(from position: Int) -> Bool {
            let blockEnd = (base + position) / Self.blockSize * Self.blockSize + Self.blockSize
            if blockEnd - base <= bytes.count {
                committed = blockEnd - base
                return true
            }
            committed = bytes.count
            resumeAt = blockEnd
            return false
        }

        records: while true {
            var position = committed
            var payload: [UInt8] = []
            var recordOffset: Int?   // absolute offset of the FIRST chunk of a record being assembled
            while true {
                let absolute = base + position
                let leftInBlock = Self.blockSize - absolute % Self.blockSize
                if leftInBlock < Self.chunkHeaderSize {
                    guard bytes.count - position >= leftInBlock else { break records }
                    position += leftInBlock   // zero padding at the end of a block
                    continue
                }
                guard bytes.count - position >= Self.chunkHeaderSize else { break records }
                let checksum = u32(position)
                let length = Int(bytes[position + 4]) | Int(bytes[position + 5]) << 8
                let typeByte = bytes[position + 6]
                if checksum == 0 && length == 0 && typeByte == 0 {
                    // Zeros where a chunk should start: a preallocated or not yet written tail.
                    // Only damage if something non-zero follows in the same block.
                    let blockEnd = min(position + leftInBlock, bytes.count)
                    let rest = UnsafeBufferPointer(rebasing: bytes[position..<blockEnd])
                    guard rest.contains(where: { $0 != 0 }) else {
                        // All zero to the block's end: padding, if the log goes on after it.
                        if recordOffset == nil, position + leftInBlock < bytes.count {
                            committed = position + leftInBlock
                            continue records
                        }
                        break records
                    }
                    events.append(.damaged(offset: absolute, reason: "a zero chunk header"))
                    if skipBlock(from: position) { continue records } else { break records }
                }
                guard length <= leftInBlock - Self.chunkHeaderSize else {
                    events.append(.damaged(offset: absolute,
                                           reason: "a chunk of \(length) bytes that would cross the 32 KiB block boundary"))
                    if skipBlock(from: position) { continue records } else { break records }
                }
                let end = position + Self.chunkHeaderSize + length
                guard end <= bytes.count else { break records }
                let typeAndPayload = UnsafeBufferPointer(rebasing: bytes[(position + 6)..<end])
                guard CRC32.update(0, typeAndPayload) == checksum else {
                    // In the last bytes read, the writer may still be filling the chunk in.
                    if end == bytes.count { break records }
                    let dropped = recordOffset.map { " (dropping the record begun at byte \($0))" } ?? ""
                    events.append(.damaged(offset: absolute, reason: "a CRC-32 mismatch\(dropped)"))
                    if skipBlock(from: position) { continue records } else { break records }
                }
                let chunk = UnsafeBufferPointer(rebasing: bytes[(position + 7)..<end])
                switch ChunkType(rawValue: typeByte) {
                case .full?, .first?:
                    if let started = recordOffset {
                        events.append(.damaged(offset: started, reason: "a record whose LAST chunk is missing"))
                        committed = position
                    }
                    if typeByte == ChunkType.full.rawValue {
                        events.append(.record(offset: absolute, payload: Array(chunk)))
                        committed = end
                        continue records
                    }
                    payload = Array(chunk)
                    recordOffset = absolute
                case .middle?, .last?:
                    guard let started = recordOffset else {
                        events.append(.damaged(offset: absolute, reason: "a \(typeByte == 3 ? "MIDDLE" : "LAST") chunk with no FIRST before it"))
                        committed = end
                        continue records
                    }
                    payload.append(contentsOf: chunk)
                    if typeByte == ChunkType.last.rawValue {
                        events.append(.record(offset: started, payload: payload))
                        committed = end
                        continue records
                    }
                case nil:
                    events.append(.damaged(offset: absolute, reason: "unknown chunk type \(typeByte)"))
                    if skipBlock(from: position) { continue records } else { break records }
                }
                position = end
            }
        }
        return (events, committed)
    }
}
