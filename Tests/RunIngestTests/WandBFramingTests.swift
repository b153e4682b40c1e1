import Foundation
import Testing
@testable import RunIngest

/// Builds `.wandb` bytes the way W&B's writer lays them out (LevelDB log framing), so the
/// framing can be tested on block edges no real file happens to hit.
struct WandBLogWriter {
    var bytes: [UInt8] = WandBRecordFraming.fileHeader

    mutating func append(_ payload: [UInt8]) {
        var rest = payload[...]
        var first = true
        repeat {
            let left = WandBRecordFraming.blockSize - bytes.count % WandBRecordFraming.blockSize
            if left < 7 {
                bytes += [UInt8](repeating: 0, count: left)
                continue
            }
            let room = left - 7
            let piece = rest.prefix(room)
            rest = rest.dropFirst(piece.count)
            let type: UInt8 = first ? (rest.isEmpty ? 1 : 2) : (rest.isEmpty ? 4 : 3)
            let crc = CRC32.checksum([type] + piece)
            bytes += [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24),
                      UInt8(piece.count & 0xFF), UInt8(piece.count >> 8), type]
            bytes += piece
            first = false
        } while !rest.isEmpty
    }
}

@Suite struct WandBFramingTests {
    @Test func crc32MatchesPublishedVectors() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)   // the CRC-32 check value
        #expect(CRC32.checksum([0x01, 0x61, 0x62, 0x63]) == 0x539D_20A9)  // log-formats.md §5.5: type FULL + "abc"
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        let a = Array("12345".utf8), b = Array("6789".utf8)
        #expect(a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { CRC32.update(CRC32.update(0, pa), $0) } } == 0xCBF4_3926)
    }

    /// Records of many sizes: tiny, exactly filling a block, leaving 0–6 bytes of padding,
    /// and spanning three blocks (FIRST, MIDDLE, LAST).
    static func sampleLog() -> (bytes: [UInt8], payloads: [[UInt8]]) {
        var writer = WandBLogWriter()
        var payloads: [[UInt8]] = []
        let sizes = [0, 1, 100, 32_768 - 7 - 7 - 1, 5, 32_761 - 3, 70_000, 2, 40_000, 32_754, 9, 33]
        for (i, size) in sizes.enumerated() {
            let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
            payloads.append(payload)
            writer.append(payload)
        }
        return (writer.bytes, payloads)
    }

    static func records(_ events: [WandBRecordFraming.Event]) -> [[UInt8]] {
        events.compactMap { if case .record(_, let payload) = $0 { payload } else { nil } }
    }

    @Test func wholeFileGivesEveryRecord() {
        let (bytes, payloads) = Self.sampleLog()
        var framing = WandBRecordFraming()
        let (events, consumed) = bytes.withUnsafeBufferPointer { framing.split($0) }
        #expect(Self.records(events) == payloads)
        #expect(events.count == payloads.count)
        #expect(consumed == bytes.count)
        #expect(framing.fileOffset == bytes.count)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func anySplitGivesTheSameRecords(seed: UInt64) {
        let (bytes, payloads) = Self.sampleLog()
        var framing = WandBRecordFraming()
        var offset = 0
        var got: [[UInt8]] = []
        for cut in randomCuts(length: bytes.count, count: 60, seed: seed) where cut >= offset {
            let (events, consumed) = Array(bytes[offset..<cut]).withUnsafeBufferPointer { framing.split($0) }
            got += Self.records(events)
            #expect(!events.contains { if case .record = $0 { false } else { true } })
            offset += consumed
        }
        #expect(got == payloads)
        #expect(offset == bytes.count)
    }

    @Test func aHalfWrittenTailWaitsAndIsNotAnError() {
        var writer = WandBLogWriter()
        writer.append(Array("one".utf8))
        let complete = writer.bytes.count
        writer.append(Array(repeating: 7, count: 50_000))
        for end in [complete + 3, complete + 7, complete + 100, writer.bytes.count - 1] {
            var framing = WandBRecordFraming()
            let (events, consumed) = Array(writer.bytes[..<end]).withUnsafeBufferPointer { framing.split($0) }
            #expect(Self.records(events) == [Array("one".utf8)])
            #expect(events.count == 1)
            #expect(consumed == complete)
        }
        // Only the first 3 bytes of the file header: wait for the rest.
        var framing = WandBRecordFraming()
        let (events, consumed) = Array(writer.bytes[..<3]).withUnsafeBufferPointer { framing.split($0) }
        #expect(events.isEmpty && consumed == 0)
    }

    @Test func aChecksumMismatchFollowedByDataIsReportedAndSkipped() {
        let (clean, payloads) = Self.sampleLog()
        var bytes = clean
        bytes[22 + 7 + 3] ^= 0xFF   // a payload byte of the third record (its chunk starts at 22: 7 + 7 + 0, then 7 + 1)
        var framing = WandBRecordFraming()
        let (events, consumed) = bytes.withUnsafeBufferPointer { framing.split($0) }
        #expect(consumed == bytes.count)
        let damaged = events.compactMap { if case .damaged(let offset, let reason) = $0 { (offset, reason) } else { nil } }
        // The CRC failure, then the LAST chunk in block 1 whose FIRST was in the dropped part.
        #expect(damaged.count == 2)
        #expect(damaged.first?.0 == 22)
        #expect(damaged.last?.0 == 32_768)
        #expect(damaged.last?.1.contains("no FIRST") == true)
        #expect(damaged.first?.1.contains("CRC-32") == true)
        // The rest of block 0 is dropped (LevelDB's rule); every record starting after it is read.
        let got = Self.records(events)
        #expect(got == Array(payloads[0..<2]) + Array(payloads[payloads.count - got.count + 2..<payloads.count]))
        #expect(got.count >= 2 + 5)
        #expect(got.last == payloads.last)
    }

    @Test func aChecksumMismatchInTheLastBytesWaits() {
        var writer = WandBLogWriter()
        writer.append(Array("one".utf8))
        let complete = writer.bytes.count
        writer.append(Array("two".utf8))
        var bytes = writer.bytes
        bytes[bytes.count - 1] ^= 0x55
        var framing = WandBRecordFraming()
        let (events, consumed) = bytes.withUnsafeBufferPointer { framing.split($0) }
        #expect(events.count == 1)
        #expect(consumed == complete)
    }

    @Test func notAWandBFileIsOneProblem() {
        var framing = WandBRecordFraming()
        let text = Array("{\"step\": 1, \"loss\": 2}\n".utf8)
        let (events, consumed) = text.withUnsafeBufferPointer { framing.split($0) }
        #expect(consumed == text.count)
        guard case .notWandB(let reason)? = events.first, events.count == 1 else {
            Issue.record("expected one notWandB event, got \(events)")
            return
        }
        #expect(reason.contains("3a 57 26 42"))
        let (more, _) = text.withUnsafeBufferPointer { framing.split($0) }
        #expect(more.isEmpty)
    }
}
