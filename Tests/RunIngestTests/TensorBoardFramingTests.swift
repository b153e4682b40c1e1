import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// TFRecord bytes around each payload, the way every TensorBoard writer frames them.
enum TFRecordBytes {
    static func frame(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        let length = UInt64(data.count)
        let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        out += lengthBytes
        out += littleEndian(CRC32C.masked(lengthBytes))
        out += data
        out += littleEndian(CRC32C.masked(data))
        return out
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }
}

extension CRC32C {
    static func masked(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { masked($0) }
    }
}

@Suite struct TensorBoardFramingTests {
    // Vectors from shared/log-formats.md §1.2 (checked there against real files).
    @Test func crc32cKnownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.mask(0xE306_9283) == 0xC78A_B0E5)
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.masked([]) == 0xA282_EAD8)
        #expect(CRC32C.masked([0x1A, 0x11] + Array("CRC test, one two".utf8)) == 0x5794_D08A)
        #expect(CRC32C.masked([0x18, 0, 0, 0, 0, 0, 0, 0]) == 0x224B_7FA3)
        // 32 zero bytes: the iSCSI test vector of RFC 3720 B.4.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    }

    /// The whole 40-byte `profile-empty` sample (log-formats.md §1.2 annotates it, with one
    /// `00` too many in the wall time; these are the file's bytes).
    static let profileEmpty = TFRecordBytes.hex("""
        18 00 00 00 00 00 00 00  a3 7f 4b 22
        09 00 00 c0 2e fd 44 d8 41  1a 0d 62 72 61 69 6e 2e 45 76 65 6e 74 3a 32
        04 8e b1 e5
        """)

    @Test func framesTheAnnotatedSampleRecord() {
        #expect(Self.profileEmpty.count == 40)
        #expect(TFRecordBytes.frame(Array(Self.profileEmpty[12..<36])) == Self.profileEmpty)
        if SharedData.isAvailable {
            let real = try? Data(contentsOf: SharedData.file(
                "logs/tensorboard/keras-tf2-swahili-stt/events.out.tfevents.1628697787.DESKTOP-V1DB051.profile-empty"))
            #expect(real.map([UInt8].init) == Self.profileEmpty)
        }
        let (items, consumed) = Self.profileEmpty.withUnsafeBufferPointer { TFRecordFraming.split($0, fileOffset: 0) }
        #expect(items == [.record(data: 12..<36, fileOffset: 0)])
        #expect(consumed == 40)
    }

    @Test func everyShortPrefixIsLeftForLater() {
        let two = Self.profileEmpty + Self.profileEmpty
        for cut in 0..<two.count {
            let prefix = Array(two[0..<cut])
            let (items, consumed) = prefix.withUnsafeBufferPointer { TFRecordFraming.split($0, fileOffset: 0) }
            #expect(consumed == (cut >= 40 ? 40 : 0), "cut at \(cut)")
            #expect(items.count == (cut >= 40 ? 1 : 0), "cut at \(cut)")
        }
    }

    @Test func badDataChecksumAtTheTailWaitsAndInTheMiddleIsCorruption() {
        var bad = Self.profileEmpty
        bad[20] ^= 0x01
        // Alone (the last record): perhaps still being written, so nothing is consumed.
        let alone = bad.withUnsafeBufferPointer { TFRecordFraming.split($0, fileOffset: 0) }
        #expect(alone.items.isEmpty)
        #expect(alone.consumedBytes == 0)
        // Followed by a good record: corruption, reported at its offset and skipped.
        let both = Self.profileEmpty + bad + Self.profileEmpty
        let (items, consumed) = both.withUnsafeBufferPointer { TFRecordFraming.split($0, fileOffset: 1000) }
        #expect(consumed == 120)
        #expect(items.count == 3)
        guard items.count == 3, case .corrupt(let offset, let length, let reason) = items[1] else {
            Issue.record("expected a corrupt middle record, got \(items)")
            return
        }
        #expect(offset == 1040)
        #expect(length == 40)
        #expect(reason.contains("data checksum mismatch"))
        #expect(items[2] == .record(data: 92..<116, fileOffset: 1080))
    }

    @Test func badLengthChecksumResynchronisesOnTheNextValidHeader() {
        var bad = Self.profileEmpty
        bad[0] = 0x19   // the length no longer matches its checksum
        let both = Self.profileEmpty + bad + Self.profileEmpty
        let (items, consumed) = both.withUnsafeBufferPointer { TFRecordFraming.split($0, fileOffset: 0) }
        #expect(consumed == 120)
        #expect(items.count == 3)
        if items.count == 3, case .corrupt(let offset, let length, let reason) = items[1] {
            #expect(offset == 40)
            #expect(length == 40)
            #expect(reason.contains("length checksum mismatch"))
        } else {
            Issue.record("expected a corrupt middle stretch, got \(items)")
        }
        // With nothing valid after it yet, the bad header waits.
        let tail = (Self.profileEmpty + bad).withUnsafeBufferPointer { TFRecordFraming.split($0, fileOffset: 0) }
        #expect(tail.consumedBytes == 40)
    }

    @Test func eventFilesAreRecognisedAndOrderedByTheirTimestamp() {
        let names = [
            "events.out.tfevents.1700001000.host.12.1",
            "hparams.yaml",
            "events.out.tfevents.1614280815.DESKTOP-H8MFNAV.8616.0",
            "events.out.tfevents.1628697787.DESKTOP-V1DB051.profile-empty",
            "events.out.tfevents.1700001000.host.11.0",
            "old.tfevents.backup",
            "metrics.jsonl",
        ]
        #expect(TensorBoardEventFiles.isEventFile(name: "events.out.tfevents.1700000000.host"))
        #expect(!TensorBoardEventFiles.isEventFile(name: "metrics.jsonl"))
        #expect(TensorBoardEventFiles.timestamp(name: "events.out.tfevents.1628697775.DESKTOP-V1DB051.21044.31250.v2") == 1_628_697_775)
        #expect(TensorBoardEventFiles.timestamp(name: "old.tfevents.backup") == nil)
        #expect(TensorBoardEventFiles.ordered(names) == [
            "events.out.tfevents.1614280815.DESKTOP-H8MFNAV.8616.0",
            "events.out.tfevents.1628697787.DESKTOP-V1DB051.profile-empty",
            "events.out.tfevents.1700001000.host.11.0",
            "events.out.tfevents.1700001000.host.12.1",
            "old.tfevents.backup",
        ])
    }
}
